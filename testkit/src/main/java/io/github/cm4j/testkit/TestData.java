package io.github.cm4j.testkit;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The instances the contract tests write, built from the built-in schema classes (never from classes added for
 * tests). Keys are random so that tests against a shared target do not collide; every name starts with
 * {@code CM4J} or {@code TK} so leftovers are easy to recognise.
 */
final class TestData {
    static final Schema SCHEMA = Schema.builtIn();
    /** uint64 max, 2^64 - 1: the value a signed 64-bit mapping would turn negative. */
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** uint32 max, 2^32 - 1. */
    static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** Strings that a careless encoder breaks: empty, quotes, backslashes, control characters, non-BMP. */
    static final List<String> AWKWARD_STRINGS = List.of("Product:Windows 11", "", "ünïcødé ‘quotes’ 'single' \"double\"",
            "back\\slash C:\\Program Files\\", "line\nbreak\ttab", "emoji \uD83D\uDE00 beyond the BMP");
    /** Timestamps with offsets east and west of UTC, an interval, and ConfigMgr's "zero time" wildcard sentinel. */
    static final List<CimDateTime> DATETIMES = List.of(CimDateTime.parse("20240305101530.123456+060"),
            CimDateTime.parse("19991231235959.999999-300"), CimDateTime.parse("00000012030405.678901:000"),
            CimDateTime.parse("00000000000000.000000+***"));

    private TestData() {
    }

    static WmiClass schemaClass(String name) {
        return SCHEMA.classNamed(name);
    }

    /** @return {@code digits} random upper-case hex digits */
    static String randomHex(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** @return a CI_ID far above the ones ConfigMgr assigns (16777216 and up), random */
    static long randomCiId() {
        return 0x7F00_0000L + ThreadLocalRandom.current().nextLong(0x00FF_FFFFL);
    }

    /** A software update deployment package (PackageID: site code, then 'T' and four hex digits). */
    static WmiObject.Builder updatesPackage(String siteCode, String name) {
        return WmiObject.builder(schemaClass("SMS_SoftwareUpdatesPackage"))
                .set("PackageID", siteCode + "T" + randomHex(4))
                .set("Name", name)
                .set("PkgSourcePath", "\\\\" + siteCode.toLowerCase(Locale.ROOT) + "site\\updates\\" + randomHex(6));
    }

    /** An update group (authorization list) with the not-NULL properties a provider requires. */
    static WmiObject.Builder updateGroup(long ciId) {
        String id = "ScopeId_CM4J/AuthList_" + randomHex(8);
        return WmiObject.builder(schemaClass("SMS_AuthorizationList"))
                .set("CI_ID", ciId).set("CI_UniqueID", id).set("ModelName", id)
                .set("IsEnabled", true).set("IsExpired", false).set("IsHidden", false).set("IsUserDefined", true)
                .set("IsBundle", false).set("ModelID", 16_777_217L).set("PermittedUses", 0L).set("SDMPackageVersion", 1L)
                .set("ApplicabilityCondition", "");
    }

    static WmiObject localizedProperties(long localeId, String displayName, String description, String url) {
        return WmiObject.builder(schemaClass("SMS_CI_LocalizedProperties")).set("LocaleID", localeId)
                .set("DisplayName", displayName).set("Description", description).set("InformativeURL", url).build();
    }

    /** An update source (its two datetime properties are writable). */
    static WmiObject.Builder updateSource(String siteCode, long id) {
        return WmiObject.builder(schemaClass("SMS_SoftwareUpdateSource")).set("UpdateSourceID", id)
                .set("UpdateSourceName", "CM4J testkit " + id).set("UpdateSourceUniqueID", "cm4j-" + randomHex(8))
                .set("UpdateSourceVersion", "1.0").set("UpdateType", "TESTKIT").set("ScannerToolPkgID", siteCode + "00001")
                .set("SourceSite", siteCode).set("IsExpired", false);
    }

    /** A site control file component item of a site ({@code FileType} 2, the actual site control file). */
    static WmiObject.Builder component(String siteCode, String componentName) {
        return WmiObject.builder(schemaClass("SMS_SCI_Component")).set("FileType", 2L).set("ItemType", "Component")
                .set("ItemName", componentName + "|SMS Site Server").set("SiteCode", siteCode)
                .set("ComponentName", componentName).set("Name", "SMS Site Server").set("Flag", 6L);
    }

    /** An embedded property as a client builds it (SpawnInstance): the provider fills the read-only key ItemType. */
    static WmiObject embeddedProperty(String name, Long value, String value1, String value2) {
        return WmiObject.builder(schemaClass("SMS_EmbeddedProperty")).set("PropertyName", name).set("Value", value)
                .set("Value1", value1).set("Value2", value2).build();
    }

    static WmiObject embeddedPropertyList(String name, List<String> values) {
        return WmiObject.builder(schemaClass("SMS_EmbeddedPropertyList")).set("PropertyListName", name)
                .set("Values", CimValue.stringArray(values)).build();
    }

    /** A site control file address item of a site whose usage schedule is seven day schedules. */
    static WmiObject.Builder address(String siteCode, String name, List<WmiObject> usageSchedule) {
        return WmiObject.builder(schemaClass("SMS_SCI_Address")).set("FileType", 2L).set("ItemType", "Address")
                .set("ItemName", name + "|MS_LAN").set("SiteCode", siteCode).set("AddressType", "MS_LAN")
                .set("DesSiteCode", siteCode).set("AddressPriorityOrder", 1L).set("UnlimitedRateForAll", true)
                .set("UsageSchedule", CimValue.objectArray(usageSchedule));
    }

    /** A day schedule whose 24 hours differ from day to day, so a reordering or a truncation shows. */
    static WmiObject daySchedule(int day) {
        List<Boolean> backup = new ArrayList<>();
        List<Long> usage = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            backup.add((hour + day) % 3 == 0);
            usage.add((long) ((hour * 7 + day) % 4 + 1));
        }
        return WmiObject.builder(schemaClass("SMS_SiteControlDaySchedule")).set("Backup", backup)
                .set("HourUsage", usage).set("update", day % 2 == 0).build();
    }
}
