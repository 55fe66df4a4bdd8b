package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectPathBuildingTest {

    @Test
    void buildsTheSiteControlFilePathOfTheSyncManager() {
        ObjectPath p = ObjectPath.ofClass("SMS_SCI_Component")
                .withKey("FileType", 2)
                .withKey("ItemType", "Component")
                .withKey("SiteCode", "PS1")
                .withKey("ItemName", "SMS_WSUS_SYNC_MANAGER|SERVER")
                .withNamespace("root\\sms\\site_PS1")
                .withServer("server");

        assertThat(p.toString()).isEqualTo("\\\\server\\root\\sms\\site_PS1:SMS_SCI_Component.FileType=2,"
                + "ItemType=\"Component\",SiteCode=\"PS1\",ItemName=\"SMS_WSUS_SYNC_MANAGER|SERVER\"");
        assertThat(p.key("FileType")).hasValue(2L);
    }

    @Test
    void keepsTheIterationOrderOfTheGivenMap() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("SiteCode", "PS1");
        keys.put("FileType", 2L);

        assertThat(ObjectPath.of("SMS_SiteControlFile", keys).toString())
                .isEqualTo("SMS_SiteControlFile.SiteCode=\"PS1\",FileType=2");
        assertThat(ObjectPath.of("SMS_SoftwareUpdate", Map.of()).isClassPath()).isTrue();
    }

    @Test
    void replacesAnExistingKeyInPlaceIgnoringTheCaseOfItsName() {
        ObjectPath p = ObjectPath.parse("C.A=1,B=2,C=3").withKey("b", "two");

        assertThat(p.keys()).containsExactly(entry("A", 1L), entry("b", "two"), entry("C", 3L));
    }

    @Test
    void normalizesIntegerTypesSoEqualNumbersAreEqualKeys() {
        ObjectPath fromInt = ObjectPath.ofClass("C").withKey("K", 5);
        ObjectPath fromShort = ObjectPath.ofClass("C").withKey("K", (short) 5);
        ObjectPath fromByte = ObjectPath.ofClass("C").withKey("K", (byte) 5);
        ObjectPath fromBig = ObjectPath.ofClass("C").withKey("K", BigInteger.valueOf(5));

        assertThat(fromInt.key("K")).containsInstanceOf(Long.class);
        assertThat(fromBig.key("K")).hasValue(5L);
        assertThat(fromInt).isEqualTo(fromShort).isEqualTo(fromByte).isEqualTo(fromBig)
                .isEqualTo(ObjectPath.parse("C.K=5"));
        assertThat(ObjectPath.ofClass("C").withKey("K", new BigInteger("18446744073709551615")).toString())
                .isEqualTo("C.K=18446744073709551615");
    }

    @Test
    void changesNamespaceAndServerAndDropsThemForTheRelativePath() {
        ObjectPath full = ObjectPath.parse("SMS_Site.SiteCode=\"PS1\"").withNamespace("root/sms/site_PS1")
                .withServer("cm01.contoso.com");

        assertThat(full.toString()).isEqualTo("\\\\cm01.contoso.com\\root\\sms\\site_PS1:SMS_Site.SiteCode=\"PS1\"");
        assertThat(full.withNamespace("root\\sms\\site_CAS").toString())
                .isEqualTo("\\\\cm01.contoso.com\\root\\sms\\site_CAS:SMS_Site.SiteCode=\"PS1\"");
        assertThat(full.relative().toString()).isEqualTo("SMS_Site.SiteCode=\"PS1\"");
        assertThat(full.relative().server()).isEmpty();
        assertThat(full.relative().namespace()).isEmpty();
    }

    @Test
    void sortsKeysCaseInsensitivelyForTheCanonicalRelativePath() {
        // The __RELPATH the AdminService returned for this SMS_PackageStatus instance lists the keys sorted.
        ObjectPath shuffled = ObjectPath.parse("\\\\[SMSProvider]\\root\\sms\\site_ABC:SMS_PackageStatus."
                + "Type=1,siteCode=\"ABC\",PackageID=\"ABC00003\",Status=3,PkgServer=\"ServerFQDN.DOMAIN.COM\","
                + "Personality=0");

        ObjectPath canonical = shuffled.canonical();

        assertThat(canonical.toString()).isEqualTo("SMS_PackageStatus.PackageID=\"ABC00003\",Personality=0,"
                + "PkgServer=\"ServerFQDN.DOMAIN.COM\",siteCode=\"ABC\",Status=3,Type=1");
        assertThat(canonical).isEqualTo(shuffled.relative());
    }

    @Test
    void comparesNamesIgnoringCaseAndValuesCaseSensitively() {
        ObjectPath p = ObjectPath.parse("\\\\SERVER\\ROOT\\SMS\\site_PS1:SMS_Site.SiteCode=\"PS1\",Flag=TRUE");

        ObjectPath sameIgnoringCaseAndOrder = ObjectPath.parse(
                "\\\\server\\root\\sms\\SITE_ps1:sms_site.flag=true,sitecode='PS1'");
        assertThat(p).isEqualTo(sameIgnoringCaseAndOrder).hasSameHashCodeAs(sameIgnoringCaseAndOrder);
        assertThat(p).isNotEqualTo(ObjectPath.parse("\\\\SERVER\\ROOT\\SMS\\site_PS1:SMS_Site.SiteCode=\"ps1\","
                + "Flag=TRUE"));
        assertThat(p).isNotEqualTo(p.relative());
        assertThat(p).isNotEqualTo(p.withServer("other"));
        assertThat(p).isNotEqualTo(p.withNamespace("root\\sms\\site_PS2"));
        assertThat(p).isNotEqualTo(p.withKey("Flag", false));
        assertThat(p).isNotEqualTo(p.withKey("Extra", 1));
        assertThat(p).isNotEqualTo(p.toString());
        assertThat(ObjectPath.parse("C.K=1")).isNotEqualTo(ObjectPath.parse("C.K=\"1\""));
        assertThat(ObjectPath.singleton("C")).isNotEqualTo(ObjectPath.ofClass("C"));
    }

    @Test
    void turnsAClassPathIntoAnUnnamedKeyPath() {
        ObjectPath p = ObjectPath.ofClass("SMS_SoftwareUpdate").withKey(ObjectPath.UNNAMED_KEY, 16777397);

        assertThat(p.toString()).isEqualTo("SMS_SoftwareUpdate=16777397");
        assertThat(p.withKey("", 1).toString()).isEqualTo("SMS_SoftwareUpdate=1");
        assertThat(ObjectPath.of("C", Map.of("", "x")).toString()).isEqualTo("C=\"x\"");
    }

    @Test
    void refusesToMixNamedAndUnnamedKeys() {
        assertThatThrownBy(() -> ObjectPath.parse("C=1").withKey("K", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unnamed key must be the only");
        assertThatThrownBy(() -> ObjectPath.parse("C.K=1").withKey("", 2))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("", 1);
        both.put("K", 2);
        assertThatThrownBy(() -> ObjectPath.of("C", both)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesKeysOnASingleton() {
        assertThat(ObjectPath.singleton("SMS_Identification").toString()).isEqualTo("SMS_Identification=@");
        assertThatThrownBy(() -> ObjectPath.singleton("SMS_Identification").withKey("K", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("singleton");
    }

    @Test
    void refusesAServerWithoutANamespace() {
        assertThatThrownBy(() -> ObjectPath.ofClass("C").withServer("."))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("withNamespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "SMS.X", "A=B", "A,B", "A B", "A\"", "A:B", "A\\B", "A/B", "A@", "A'B",
        "A\nB", "A-B", "\uD83D\uDE00"})
    void rejectsNamesThatAreNotWmiIdentifiers(String name) {
        assertThatThrownBy(() -> ObjectPath.ofClass(name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid class name");
        assertThatThrownBy(() -> ObjectPath.ofClass("C").withKey(name.isEmpty() ? "1" : name, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid key name");
    }

    @Test
    void rejectsDuplicateKeyNamesIgnoringCase() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("SiteCode", "PS1");
        keys.put("SITECODE", "PS2");

        assertThatThrownBy(() -> ObjectPath.of("C", keys))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate key 'SITECODE'");
    }

    @Test
    void rejectsValuesAKeyCannotHold() {
        ObjectPath c = ObjectPath.ofClass("C");

        assertThatThrownBy(() -> c.withKey("K", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be NULL");
        assertThatThrownBy(() -> c.withKey("K", 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
        assertThatThrownBy(() -> c.withKey("K", 'x')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withKey("K", new BigInteger("18446744073709551616")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> c.withKey("K", BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\\root", "root\\", "root\\\\sms", "root sms", "root:sms", "root\\sms-x"})
    void rejectsInvalidNamespaces(String namespace) {
        assertThatThrownBy(() -> ObjectPath.ofClass("C").withNamespace(namespace))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\\b", "a/b", "a:b", "a b", "[", "[]", "[a", "[a]b", "a\"", "\\\\"})
    void rejectsInvalidServers(String server) {
        assertThatThrownBy(() -> ObjectPath.ofClass("C").withNamespace("root").withServer(server))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid server");
    }

    @Test
    void printsReadablyInJShell() {
        ObjectPath p = ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=16777397");

        assertThat(p).hasToString("SMS_SoftwareUpdate.CI_ID=16777397");
        assertThat(p.keys()).hasToString("{CI_ID=16777397}");
    }
}
