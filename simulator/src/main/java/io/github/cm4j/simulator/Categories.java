package io.github.cm4j.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The update categories of the simulated catalog: the company, product families, products and update
 * classifications, as {@code SMS_UpdateCategoryInstance} and {@code SMS_CIAllCategories} show them. The
 * classification identifiers are the real WSUS ones; product identifiers are the published ones where we
 * know them and name-derived otherwise.
 */
final class Categories {
    /** The category types ({@code CategoryTypeName}). */
    enum Kind {
        COMPANY("Company"), PRODUCT_FAMILY("ProductFamily"), PRODUCT("Product"), CLASSIFICATION("UpdateClassification");

        final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }
    }

    /**
     * One category.
     *
     * @param id the CategoryInstanceID
     * @param kind its type
     * @param uuid the WSUS identifier
     * @param name the English name
     * @param parent the id of the parent category, or 0
     * @param subscribed whether the software update point synchronises it
     */
    record Category(int id, Kind kind, String uuid, String name, int parent, boolean subscribed) {
        String uniqueId() {
            return kind.typeName + ":" + uuid;
        }
    }

    static final List<Category> ALL = new ArrayList<>();
    static final Category MICROSOFT;
    static final Category WINDOWS;
    static final Category OFFICE;
    static final Category DEVELOPER_TOOLS;
    static final Category SECURITY_UPDATES;
    static final Category CRITICAL_UPDATES;
    static final Category DEFINITION_UPDATES;
    static final Category UPDATES;
    static final Category UPDATE_ROLLUPS;
    static final Category SERVICE_PACKS;
    static final Category FEATURE_PACKS;
    static final Category UPGRADES;
    static final Category TOOLS;

    private static int nextId = 16777217;

    static {
        MICROSOFT = add(Kind.COMPANY, "56309036-4c77-4dd9-951a-99ee9c246a94", "Microsoft", 0, true);
        WINDOWS = add(Kind.PRODUCT_FAMILY, "6964aab4-c5b5-43bd-a17d-ffb4346a8e1d", "Windows", MICROSOFT.id, true);
        OFFICE = add(Kind.PRODUCT_FAMILY, "477b856e-65c4-4473-b621-a8b230bb70d9", "Office", MICROSOFT.id, true);
        DEVELOPER_TOOLS = add(Kind.PRODUCT_FAMILY, null, "Developer Tools, Runtimes, and Redistributables", MICROSOFT.id, true);
        SECURITY_UPDATES = add(Kind.CLASSIFICATION, "0fa1201d-4330-4fa8-8ae9-b877473b6441", "Security Updates", 0, true);
        CRITICAL_UPDATES = add(Kind.CLASSIFICATION, "e6cf1350-c01b-414d-a61f-263d14d133b4", "Critical Updates", 0, true);
        DEFINITION_UPDATES = add(Kind.CLASSIFICATION, "e0789628-ce08-4437-be74-2495b842f43b", "Definition Updates", 0, true);
        UPDATES = add(Kind.CLASSIFICATION, "cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83", "Updates", 0, true);
        UPDATE_ROLLUPS = add(Kind.CLASSIFICATION, "28bc880e-0592-4cbf-8f95-c79b17911d5f", "Update Rollups", 0, true);
        SERVICE_PACKS = add(Kind.CLASSIFICATION, "68c5b0a3-d1a6-4553-ae49-01d3a7827828", "Service Packs", 0, true);
        FEATURE_PACKS = add(Kind.CLASSIFICATION, "b54e7d24-7add-428f-8b75-90a396fa584f", "Feature Packs", 0, false);
        UPGRADES = add(Kind.CLASSIFICATION, "3689bdc8-b205-4af4-8d4a-a63924c5e9d5", "Upgrades", 0, true);
        TOOLS = add(Kind.CLASSIFICATION, "b4832bd8-e735-4761-8daf-37f882276dab", "Tools", 0, false);
        add(Kind.CLASSIFICATION, "ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0", "Drivers", 0, false);
    }

    static final Category WINDOWS_10 = product("a3c2375d-0c8a-42f9-bce0-28333e198407", "Windows 10", WINDOWS);
    static final Category WINDOWS_11 = product("72e7624a-5b00-45d2-b92f-e561c0a6a160", "Windows 11", WINDOWS);
    static final Category SERVER_2016 = product("569e8e8f-c6cd-42c8-92a3-efbb20a0f6f5", "Windows Server 2016", WINDOWS);
    static final Category SERVER_2019 = product("f702a48c-919b-45d6-9aef-ca4248d50397", "Windows Server 2019", WINDOWS);
    static final Category SERVER_2022 = product(null, "Microsoft Server operating system-21H2", WINDOWS);
    static final Category WINDOWS_7 = product("bfe5b177-a086-47a0-b102-097e4fa1f807", "Windows 7", WINDOWS);
    static final Category SERVER_2008_R2 = product("fdfe8200-9d98-44ba-a12a-772282bf60ef", "Windows Server 2008 R2", WINDOWS);
    static final Category SERVER_2012_R2 = product("d31bd4c3-d872-41c9-a2e7-231f372588cb", "Windows Server 2012 R2", WINDOWS);
    static final Category WINDOWS_81 = product("6407468e-edc7-4ecd-8c32-521f64cee65e", "Windows 8.1", WINDOWS);
    static final Category DEFENDER = product("8c3fcc84-7410-4a95-8b89-a166a0190486", "Microsoft Defender Antivirus", WINDOWS);
    static final Category OFFICE_2016 = product("25aed893-7c2d-4a31-ae22-28ff8ac150ed", "Office 2016", OFFICE);
    static final Category OFFICE_2013 = product("9b135dd5-fc75-4609-a6ae-fb5d22333ef0", "Office 2013", OFFICE);
    static final Category M365_APPS = product("30eb551c-6288-4716-9a78-f300ec36d72b", "Microsoft 365 Apps/Office 2019/Office LTSC", OFFICE);
    static final Category DOTNET = product(null, ".NET Framework 4.8", DEVELOPER_TOOLS);
    static final Category SQL_2019 = product(null, "Microsoft SQL Server 2019", DEVELOPER_TOOLS);

    private Categories() {
    }

    private static Category add(Kind kind, String uuid, String name, int parent, boolean subscribed) {
        String id = uuid != null ? uuid
                : UUID.nameUUIDFromBytes(("cm4j-simulator:" + name).getBytes(StandardCharsets.UTF_8)).toString();
        Category c = new Category(nextId++, kind, id, name, parent, subscribed);
        ALL.add(c);
        return c;
    }

    private static Category product(String uuid, String name, Category family) {
        return add(Kind.PRODUCT, uuid, name, family.id(), true);
    }

    /** @return the unique ids of the subscribed categories of a kind */
    static List<String> subscribed(Kind kind) {
        return ALL.stream().filter(c -> c.kind() == kind && c.subscribed()).map(Category::uniqueId).toList();
    }

    static Category byId(int id) {
        return ALL.stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }
}
