package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.SiteData.dt;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.Categories.Category;
import io.github.cm4j.simulator.GeneratedTable.Column;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The generated tables of the catalog: updates, their categories, content, files, supersedence, packages. */
final class CatalogTables {
    static final String EULA_TEXT = "MICROSOFT SOFTWARE LICENSE TERMS\r\n\r\nThese license terms are an agreement between"
            + " Microsoft Corporation and you. Please read them. They apply to the software named above, which includes"
            + " the media on which you received it, if any. BY USING THE SOFTWARE, YOU ACCEPT THESE TERMS.";

    private CatalogTables() {
    }

    static String modelName(Catalog catalog, Catalog.Spec s) {
        return "Site_" + catalog.hierarchyId() + "/SUM_" + s.uniqueId();
    }

    static List<Category> categoriesOf(Catalog.Spec s) {
        Category family = Categories.byId(s.line.product().parent());
        return List.of(Categories.MICROSOFT, family, s.line.product(), s.line.classification());
    }

    // ---------------------------------------------------------------------------- SMS_SoftwareUpdate

    /** SMS_SoftwareUpdate: generated, with overrides for what the provider's callers change. */
    static final class Updates extends GeneratedTable {
        private final int ciIdIndex;
        private final Instant statusTime;

        Updates(WmiClass cls, Catalog catalog, Instant now, Store store) {
            super(cls, catalog, columns(catalog, now, store));
            this.ciIdIndex = cls.indexOf("CI_ID");
            this.statusTime = now;
        }

        @Override
        int rowsPerUpdate() {
            return 1;
        }

        @Override
        int updateKeyIndex() {
            return ciIdIndex;
        }

        @Override
        int updateOf(Object norm) {
            return norm instanceof Long ? catalog.indexOf((Long) norm) : -1;
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        Optional<CimValue> override(Catalog.Spec spec, int propertyIndex) {
            Map<String, Optional<CimValue>> o = catalog.overrides.get(spec.i);
            return o == null ? null : o.get(cls.properties().get(propertyIndex).name().toLowerCase(Locale.ROOT));
        }

        /** Sets properties of one update (methods, puts). */
        void set(int i, Map<String, CimValue> values) {
            Map<String, Optional<CimValue>> o = catalog.overrides.computeIfAbsent(i, k -> new ConcurrentHashMap<>());
            values.forEach((k, v) -> o.put(k.toLowerCase(Locale.ROOT), Optional.ofNullable(v)));
        }

        Row row(int i) {
            return rows(i).findFirst().orElse(null);
        }

        @Override
        public WmiObject put(WmiObject object, String key, Ctx ctx) {
            long ciId = object.getLong("CI_ID");
            int i = catalog.indexOf(ciId);
            if (i < 0) {
                throw new SimulatedFault(io.github.cm4j.WbemStatus.WBEM_E_INVALID_OPERATION, "the simulator cannot create"
                        + " software updates (CI_ID " + ciId + " is not in the catalog); they arrive by synchronization");
            }
            Row current = row(i);
            WmiObject before = current.toObject(true);
            Map<String, CimValue> changed = new LinkedHashMap<>();
            List<PropertyDefinition> props = cls.properties();
            for (int p = 0; p < props.size(); p++) {
                CimValue now = object.valueAt(p);
                CimValue was = current.value(p);
                if (!java.util.Objects.equals(now, was)) {
                    changed.put(props.get(p).name(), now);
                }
            }
            set(i, changed);
            return before;
        }

        @Override
        public boolean delete(String key, Ctx ctx) {
            Row r = get(key, ctx);
            if (r == null) {
                return false;
            }
            catalog.deleted.put(((SpecRow) r).spec.i, Boolean.TRUE);
            return true;
        }

        private static Map<String, Column> columns(Catalog catalog, Instant now, Store store) {
            Map<String, Column> c = new HashMap<>();
            // ConfigMgr 2007's class (the one with IsLegacyEnabled): the defaults its page states, BulletinID "None"
            // and MaxExecutionTime 30 (minutes on 2007; current branch keeps seconds, see docs/models.md).
            boolean v2007 = store.classNamed("SMS_SoftwareUpdate").property("IsLegacyEnabled").isPresent();
            WmiClass lp = store.classNamed("SMS_CI_LocalizedProperties");
            WmiClass le = store.classNamed("SMS_CI_LocalizedEulas");
            WmiClass sd = store.classNamed("SMS_SDMPackageLocalizedData");
            c.put("LocalizedInformation", (s, x) -> lazyValues(lp, le, sd, catalog, s).get("LocalizedInformation"));
            c.put("LocalizedEulas", (s, x) -> lazyValues(lp, le, sd, catalog, s).get("LocalizedEulas"));
            c.put("ApplicabilityCondition", (s, x) -> CimValue.string(""));
            c.put("ArticleID", (s, x) -> CimValue.string(s.articleId()));
            c.put("BulletinID", (s, x) -> CimValue.string(v2007 && s.bulletinId().isEmpty() ? "None" : s.bulletinId()));
            c.put("CategoryInstance_UniqueIDs", (s, x) -> CimValue.stringArray(categoriesOf(s).stream().map(Category::uniqueId).toList()));
            c.put("CI_ID", (s, x) -> CimValue.uint32(s.ciId()));
            c.put("CI_UniqueID", (s, x) -> CimValue.string(s.uniqueId()));
            c.put("CIType_ID", (s, x) -> CimValue.uint32(s.line.kind() == Catalog.Kind.DEFINITION ? 1 : 8));
            c.put("CIVersion", (s, x) -> CimValue.uint32(1 + (s.hash >>> 20 & 3)));
            c.put("ConfigurationFlags", (s, x) -> CimValue.uint64(0));
            c.put("CreatedBy", (s, x) -> CimValue.string("NT AUTHORITY\\SYSTEM"));
            c.put("CustomSeverity", (s, x) -> CimValue.uint32(0));
            c.put("DateCreated", (s, x) -> dt(synced(s)));
            c.put("DateLastModified", (s, x) -> dt(synced(s).plus(Duration.ofSeconds(s.revised.getEpochSecond() - s.posted.getEpochSecond()))));
            c.put("DatePosted", (s, x) -> dt(s.posted));
            c.put("DateRevised", (s, x) -> dt(s.revised));
            c.put("EffectiveDate", (s, x) -> dt(synced(s)));
            c.put("EULAAccepted", (s, x) -> CimValue.uint32(0));
            c.put("EULAExists", (s, x) -> CimValue.bool(s.line.eula()));
            c.put("ExecutionContext", (s, x) -> CimValue.uint32(0));
            c.put("IsBundle", (s, x) -> CimValue.bool(s.line.kind() != Catalog.Kind.DEFINITION));
            c.put("IsContentProvisioned", (s, x) -> CimValue.bool(s.deployed()));
            c.put("IsDeployable", (s, x) -> CimValue.bool(!s.expired()));
            c.put("IsDeployed", (s, x) -> CimValue.bool(s.deployed()));
            c.put("IsDigest", (s, x) -> CimValue.bool(false));
            c.put("IsEnabled", (s, x) -> CimValue.bool(true));
            c.put("IsExpired", (s, x) -> CimValue.bool(s.expired()));
            c.put("IsHidden", (s, x) -> CimValue.bool(false));
            c.put("IsLatest", (s, x) -> CimValue.bool(true));
            c.put("IsLegacyEnabled", (s, x) -> CimValue.bool(false));
            c.put("IsMetadataOnlyUpdate", (s, x) -> CimValue.bool(false));
            c.put("IsOfflineServiceable", (s, x) -> CimValue.bool(s.line.kind() == Catalog.Kind.CUMULATIVE || s.line.kind() == Catalog.Kind.SSU));
            c.put("IsQuarantined", (s, x) -> CimValue.bool(false));
            c.put("IsSuperseded", (s, x) -> CimValue.bool(s.superseded()));
            c.put("IsUserDefined", (s, x) -> CimValue.bool(false));
            c.put("LastModifiedBy", (s, x) -> CimValue.string("NT AUTHORITY\\SYSTEM"));
            c.put("LastStatusTime", (s, x) -> dt(now.minus(Duration.ofMinutes(90))));
            c.put("LocalizedCategoryInstanceNames", (s, x) -> CimValue.stringArray(categoriesOf(s).stream().map(Category::name).toList()));
            c.put("LocalizedDescription", (s, x) -> CimValue.string(description(s)));
            c.put("LocalizedDisplayName", (s, x) -> CimValue.string(s.title()));
            c.put("LocalizedInformativeURL", (s, x) -> CimValue.string(s.articleId().isEmpty()
                    ? "https://learn.microsoft.com/officeupdates/current-channel" : "https://support.microsoft.com/help/" + s.articleId()));
            c.put("LocalizedPropertyLocaleID", (s, x) -> CimValue.uint32(1033));
            c.put("MaxExecutionTime", (s, x) -> v2007 ? CimValue.uint32(30) : CimValue.uint32(s.line.kind() == Catalog.Kind.UPGRADE ? 7200
                    : s.line.kind() == Catalog.Kind.DEFINITION ? 600 : 3600));
            c.put("ModelID", (s, x) -> CimValue.uint32(s.ciId() - 1000));
            c.put("ModelName", (s, x) -> CimValue.string(modelName(catalog, s)));
            c.put("NumMissing", (s, x) -> CimValue.uint32(s.numMissing));
            c.put("NumNotApplicable", (s, x) -> CimValue.uint32(s.numNotApplicable));
            c.put("NumPresent", (s, x) -> CimValue.uint32(s.numPresent));
            c.put("NumTotal", (s, x) -> CimValue.uint32(s.numTotal));
            c.put("NumUnknown", (s, x) -> CimValue.uint32(2));
            c.put("PercentCompliant", (s, x) -> CimValue.uint32((s.numPresent + s.numNotApplicable) * 100L / s.numTotal));
            c.put("PermittedUses", (s, x) -> CimValue.uint32(0));
            c.put("PlatformCategoryInstance_UniqueIDs", (s, x) -> CimValue.stringArray(List.of()));
            c.put("PlatformType", (s, x) -> CimValue.uint32(1));
            c.put("RequiresExclusiveHandling", (s, x) -> CimValue.bool(false));
            c.put("RevisionNumber", (s, x) -> CimValue.uint32(s.revision));
            c.put("SDMPackageVersion", (s, x) -> CimValue.uint32(1 + (s.hash >>> 20 & 3)));
            c.put("SDMPackageXML", (s, x) -> CimValue.string(sdmPackageXml(catalog, s)));
            c.put("SDMPackageLocalizedData", (s, x) -> lazyValues(lp, le, sd, catalog, s).get("SDMPackageLocalizedData"));
            c.put("SecuredScopeNames", (s, x) -> CimValue.stringArray(List.of("Default")));
            c.put("SedoObjectVersion", (s, x) -> CimValue.string(Catalog.uuid(s.hash, 0x5ED0).toUpperCase(Locale.ROOT)));
            c.put("Severity", (s, x) -> CimValue.uint32(s.severity));
            c.put("SeverityName", (s, x) -> s.severityName() == null ? null : CimValue.string(s.severityName()));
            c.put("Size", (s, x) -> CimValue.sint64(s.size));
            c.put("SourceSite", (s, x) -> CimValue.string(catalog.siteOfOrigin()));
            c.put("UpdateLocales", (s, x) -> CimValue.stringArray(List.of("Locale:0")));
            return c;
        }

        private static Instant synced(Catalog.Spec s) {
            // an update a synchronization added was created in the site database then (a client counts the new
            // updates of a synchronization by DateCreated); the initial catalog's were created hours after release
            if (s.syncedIn != null) {
                return s.syncedIn;
            }
            return s.posted.plus(Duration.ofHours(3 + (s.hash >>> 32 & 15)));
        }
    }

    static String description(Catalog.Spec s) {
        switch (s.line.kind()) {
            case DEFINITION:
                return "Install this update to revise the files that are used to detect viruses, spyware, and other"
                        + " potentially unwanted software. Once you have installed this item, it cannot be removed.";
            case MSRT:
                return "After the download, this tool runs one time to check your computer for infection by specific,"
                        + " prevalent malicious software (including Blaster, Sasser, and Mydoom) and helps remove any"
                        + " infection that is found.";
            case UPGRADE:
                return "Install the latest version of Windows 10: Windows 10, version 22H2.";
            default:
                return s.severity > 0 ? "A security issue has been identified in a Microsoft software product that could"
                        + " affect your system. You can help protect your system by installing this update from Microsoft."
                        + " After you install this update, you may have to restart your system."
                        : "Install this update to resolve issues in " + s.line.product().name()
                        + ". After you install this item, you may have to restart your computer.";
        }
    }

    static String sdmPackageXml(Catalog catalog, Catalog.Spec s) {
        return "<?xml version=\"1.0\" encoding=\"utf-16\"?><DesiredConfigurationDigest"
                + " xmlns=\"http://schemas.microsoft.com/SystemsCenterConfigurationManager/2009/07/10/DesiredConfiguration\">"
                + "<SoftwareUpdateBundle AuthoringScopeId=\"Site_" + catalog.hierarchyId() + "\" LogicalName=\"SUM_"
                + s.uniqueId() + "\" Version=\"" + s.revision + "\"><Annotation><DisplayName Text=\""
                + s.title().replace("&", "&amp;").replace("\"", "&quot;") + "\"/></Annotation></SoftwareUpdateBundle>"
                + "</DesiredConfigurationDigest>";
    }

    /** The lazy values GetObject adds to an update: LocalizedInformation and, when it has license terms, LocalizedEulas. */
    static Map<String, CimValue> lazyValues(WmiClass localizedProperties, WmiClass localizedEulas, WmiClass sdmData,
                                            Catalog catalog, Catalog.Spec s) {
        Map<String, CimValue> m = new HashMap<>();
        m.put("LocalizedInformation", CimValue.objectArray(List.of(WmiObject.builder(localizedProperties)
                .set("Description", description(s)).set("DisplayName", s.title())
                .set("InformativeURL", "https://support.microsoft.com/help/" + s.articleId()).set("LocaleID", 1033L).build())));
        m.put("LocalizedEulas", s.line.eula() ? CimValue.objectArray(List.of(WmiObject.builder(localizedEulas)
                .set("EULAContentUniqueID", Catalog.uuid(s.hash, 0xE01A)).set("LocaleID", 1033L).build())) : null);
        m.put("SDMPackageLocalizedData", CimValue.objectArray(List.of(WmiObject.builder(sdmData)
                .set("LocaleID", 1033L).set("LocalizedData", "<LocalizedProperties Language=\"en\"><DisplayName>"
                        + s.title().replace("&", "&amp;").replace("<", "&lt;") + "</DisplayName></LocalizedProperties>").build())));
        return m;
    }

    // ------------------------------------------------------------------------- SMS_CIAllCategories

    static GeneratedTable categories(WmiClass cls, Catalog catalog) {
        Map<String, Column> c = new HashMap<>();
        c.put("CategoryInstanceID", (s, slot) -> CimValue.uint32(categoriesOf(s).get(slot).id()));
        c.put("CategoryInstance_UniqueID", (s, slot) -> CimValue.string(categoriesOf(s).get(slot).uniqueId()));
        c.put("CategoryTypeName", (s, slot) -> CimValue.string(categoriesOf(s).get(slot).kind().typeName));
        c.put("CI_ID", (s, slot) -> CimValue.uint32(s.ciId()));
        c.put("CI_UniqueID", (s, slot) -> CimValue.string(s.uniqueId()));
        c.put("LocalizedCategoryInstanceName", (s, slot) -> CimValue.string(categoriesOf(s).get(slot).name()));
        c.put("LocalizedPropertyLocaleID", (s, slot) -> CimValue.uint32(1033));
        c.put("ModelName", (s, slot) -> CimValue.string(modelName(catalog, s)));
        c.put("ObjectTypeID", (s, slot) -> CimValue.uint32(1));
        int ciIdIndex = cls.indexOf("CI_ID");
        return new GeneratedTable(cls, catalog, c) {
            @Override
            int rowsPerUpdate() {
                return 4;
            }

            @Override
            int updateKeyIndex() {
                return ciIdIndex;
            }

            @Override
            int updateOf(Object norm) {
                return norm instanceof Long ? catalog.indexOf((Long) norm) : -1;
            }
        };
    }

    // -------------------------------------------------------------------------- SMS_CIToContent

    static GeneratedTable toContent(WmiClass cls, Catalog catalog) {
        Map<String, Column> c = new HashMap<>();
        // One row per content slot: Office updates have a file per language (see Content).
        c.put("CI_ID", (s, slot) -> CimValue.uint32(s.ciId()));
        c.put("CI_UniqueID", (s, slot) -> CimValue.string(s.uniqueId()));
        c.put("ContentDownloaded", (s, slot) -> CimValue.bool(s.deployed()));
        c.put("ContentHash", (s, slot) -> CimValue.string(Catalog.hex(s.hash ^ 0x4A5, 40).toUpperCase(Locale.ROOT)));
        c.put("ContentHashVersion", (s, slot) -> CimValue.sint32(1));
        c.put("ContentID", (s, slot) -> CimValue.sint32((int) Content.contentId(s, slot)));
        c.put("ContentLocales", (s, slot) -> CimValue.stringArray(Content.locales(s, slot)));
        c.put("ContentUniqueID", (s, slot) -> CimValue.string(s.contentUniqueId()));
        c.put("ContentVersion", (s, slot) -> CimValue.sint32(1));
        c.put("ModelName", (s, slot) -> CimValue.string(modelName(catalog, s)));
        c.put("ObjectTypeID", (s, slot) -> CimValue.uint32(1));
        c.put("SDMMethodType", (s, slot) -> CimValue.string("Install"));
        return contentKeyed(cls, catalog, c, "CI_ID");
    }

    static GeneratedTable contentFiles(WmiClass cls, Catalog catalog) {
        return contentFiles(cls, catalog, null);
    }

    /**
     * @param server the loopback content server, or null: with it, SourceURL points at it and FileHash/FileSize are
     *     those of the bytes it serves (small stand-ins for the real files)
     */
    static GeneratedTable contentFiles(WmiClass cls, Catalog catalog, ContentServer server) {
        Map<String, Column> c = new HashMap<>();
        c.put("CI_UniqueID", (s, slot) -> CimValue.string(s.uniqueId()));
        c.put("ContentID", (s, slot) -> CimValue.uint32(Content.contentId(s, slot)));
        c.put("FileHash", (s, slot) -> CimValue.string(server != null
                ? server.fileHash(Content.contentId(s, slot), Content.fileName(s, slot))
                : "SHA1:" + Catalog.hex((s.hash ^ 0x4A5) + slot, 40).toUpperCase(Locale.ROOT)));
        c.put("FileName", (s, slot) -> CimValue.string(Content.fileName(s, slot)));
        c.put("FileSize", (s, slot) -> CimValue.sint64(server != null
                ? server.bytes(Content.contentId(s, slot), Content.fileName(s, slot)).length : s.size));
        c.put("FileVersion", (s, slot) -> CimValue.string(""));
        c.put("ImportPath", (s, slot) -> CimValue.string(""));
        c.put("IsSigned", (s, slot) -> CimValue.bool(true));
        c.put("LanguageID", (s, slot) -> CimValue.uint32(Content.languageId(s, slot)));
        c.put("ModelName", (s, slot) -> CimValue.string(modelName(catalog, s)));
        c.put("ObjectTypeID", (s, slot) -> CimValue.uint32(1));
        c.put("SourceURL", (s, slot) -> CimValue.string(server != null
                ? server.url(Content.contentId(s, slot), Content.fileName(s, slot))
                : s.sourceUrl().replace(s.fileName(), Content.fileName(s, slot))));
        return contentKeyed(cls, catalog, c, "ContentID");
    }

    static GeneratedTable packageToContent(WmiClass cls, Catalog catalog, String topSite) {
        Map<String, Column> c = new HashMap<>();
        // One row per content file of the update: a per-language update's package holds every language's file
        // (Content), as a deployment package downloaded for several languages does.
        c.put("ContentID", (s, slot) -> CimValue.sint32((int) Content.contentId(s, slot)));
        c.put("ContentSubFolder", (s, slot) -> CimValue.string(s.contentUniqueId()));
        c.put("ContentUniqueID", (s, slot) -> CimValue.string(s.contentUniqueId()));
        c.put("ContentVersionInPkg", (s, slot) -> CimValue.sint32(1));
        c.put("MinPackageVersion", (s, slot) -> CimValue.sint32(1));
        c.put("PackageID", (s, slot) -> CimValue.string(Deployments.packageOf(topSite, s)));
        c.put("PackageType", (s, slot) -> CimValue.uint32(5));
        c.put("SecuredTypeID", (s, slot) -> CimValue.uint32(14));
        c.put("SecureObjectID", (s, slot) -> CimValue.string(Deployments.packageOf(topSite, s)));
        int contentIndex = cls.indexOf("ContentID");
        return new GeneratedTable(cls, catalog, c) {
            @Override
            int rowsPerUpdate() {
                return Content.MAX_SLOTS;
            }

            @Override
            boolean hasRow(Catalog.Spec spec, int slot) {
                return spec.deployed() && slot < Content.slots(spec);
            }

            @Override
            int updateKeyIndex() {
                return contentIndex;
            }

            @Override
            int updateOf(Object norm) {
                return contentIndex(catalog, norm);
            }
        };
    }

    private static GeneratedTable contentKeyed(WmiClass cls, Catalog catalog, Map<String, Column> c, String byCiIdOrContent) {
        int ciIdIndex = cls.indexOf("CI_ID");
        int contentIndex = cls.indexOf("ContentID");
        return new GeneratedTable(cls, catalog, c) {
            @Override
            int rowsPerUpdate() {
                return Content.MAX_SLOTS;
            }

            @Override
            boolean hasRow(Catalog.Spec spec, int slot) {
                return slot < Content.slots(spec);
            }

            @Override
            int updateKeyIndex() {
                return byCiIdOrContent.equals("CI_ID") ? ciIdIndex : contentIndex;
            }

            @Override
            int updateOf(Object norm) {
                return byCiIdOrContent.equals("CI_ID") ? (norm instanceof Long ? catalog.indexOf((Long) norm) : -1)
                        : contentIndex(catalog, norm);
            }

            @Override
            public Stream<Row> lookup(int propertyIndex, Object norm, Ctx ctx) {
                if (propertyIndex == contentIndex && ciIdIndex >= 0 && contentIndex != updateKeyIndex()) {
                    int i = contentIndex(catalog, norm);
                    return i < 0 ? Stream.empty() : rows(i).filter(r -> {
                        CimValue v = r.value(contentIndex);
                        Integer cmp = v == null ? null : Coerce.compare(Coerce.norm(v), norm);
                        return cmp != null && cmp == 0;
                    });
                }
                return super.lookup(propertyIndex, norm, ctx);
            }
        };
    }

    private static int contentIndex(Catalog catalog, Object norm) {
        return Content.updateIndex(catalog, norm);
    }

    // ----------------------------------------------------------------------------- SMS_CIRelation

    /** Supersedence relations (type 6) generated from the catalog, plus stored ones (update group membership). */
    static final class Relations extends GeneratedTable {
        private final StoredTable stored;
        private final int toIndex;
        private final int fromIndex;

        Relations(WmiClass cls, Catalog catalog) {
            super(cls, catalog, columns());
            this.stored = new StoredTable(cls, false, false);
            this.toIndex = cls.indexOf("ToCIID");
            this.fromIndex = cls.indexOf("FromCIID");
        }

        private static Map<String, Column> columns() {
            Map<String, Column> c = new HashMap<>();
            c.put("FromCIID", (s, slot) -> CimValue.uint32(s.supersededBy().ciId()));
            c.put("ToCIID", (s, slot) -> CimValue.uint32(s.ciId()));
            c.put("IsBroken", (s, slot) -> CimValue.bool(false));
            c.put("IsVersionSpecific", (s, slot) -> CimValue.bool(false));
            c.put("Priority", (s, slot) -> CimValue.uint32(0));
            c.put("RelationType", (s, slot) -> CimValue.uint32(6));
            return c;
        }

        StoredTable stored() {
            return stored;
        }

        @Override
        int rowsPerUpdate() {
            return 1;
        }

        @Override
        boolean hasRow(Catalog.Spec spec, int slot) {
            return spec.supersededBy() != null;
        }

        @Override
        int updateKeyIndex() {
            return toIndex;
        }

        @Override
        int updateOf(Object norm) {
            return norm instanceof Long ? catalog.indexOf((Long) norm) : -1;
        }

        @Override
        public Stream<Row> scan(Ctx ctx) {
            return Stream.concat(stored.scan(ctx), super.scan(ctx));
        }

        @Override
        public Stream<Row> lookup(int propertyIndex, Object norm, Ctx ctx) {
            if (propertyIndex == toIndex) {
                return Stream.concat(stored.scan(ctx).filter(r -> eq(r.value(toIndex), norm)), super.lookup(propertyIndex, norm, ctx));
            }
            if (propertyIndex == fromIndex && norm instanceof Long) {
                int i = catalog.indexOf((Long) norm - Catalog.LINE_COUNT);
                Stream<Row> gen = i < 0 ? Stream.empty() : rows(i).filter(r -> eq(r.value(fromIndex), norm));
                return Stream.concat(stored.scan(ctx).filter(r -> eq(r.value(fromIndex), norm)), gen);
            }
            return null;
        }

        @Override
        public Row get(String key, Ctx ctx) {
            Row r = stored.get(key, ctx);
            return r != null ? r : super.get(key, ctx);
        }

        private static boolean eq(CimValue v, Object norm) {
            Integer c = v == null ? null : Coerce.compare(Coerce.norm(v), norm);
            return c != null && c == 0;
        }
    }

    /** @return the category instances (SMS_UpdateCategoryInstance) */
    static List<WmiObject> categoryInstances(WmiClass cls, WmiClass localized, String topSite) {
        List<WmiObject> out = new ArrayList<>();
        for (Category c : Categories.ALL) {
            out.add(WmiObject.builder(cls)
                    .set("CategoryInstanceID", (long) c.id()).set("CategoryInstance_UniqueID", c.uniqueId())
                    .set("CategoryTypeName", c.kind().typeName).set("LocalizedCategoryInstanceName", c.name())
                    .set("LocalizedPropertyLocaleID", 1033L).set("ParentCategoryInstanceID", (long) c.parent())
                    .set("SourceSite", topSite).set("AllowSubscription", c.kind() != Categories.Kind.COMPANY)
                    .set("IsSubscribed", c.subscribed())
                    .set("LocalizedInformation", CimValue.objectArray(List.of(WmiObject.builder(localized)
                            .set("CategoryInstanceName", c.name()).set("LocaleID", 1033L).build())))
                    .build());
        }
        return out;
    }
}
