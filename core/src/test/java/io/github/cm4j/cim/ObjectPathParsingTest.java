package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectPathParsingTest {

    private static final String SCI_COMPONENT = "\\\\server\\root\\sms\\site_PS1:SMS_SCI_Component.FileType=2,"
            + "ItemType=\"Component\",SiteCode=\"PS1\",ItemName=\"SMS_WSUS_SYNC_MANAGER|SERVER\"";

    @Test
    void readsEveryPartOfAFullPath() {
        ObjectPath p = ObjectPath.parse(SCI_COMPONENT);

        assertThat(p.server()).hasValue("server");
        assertThat(p.namespace()).hasValue("root\\sms\\site_PS1");
        assertThat(p.className()).isEqualTo("SMS_SCI_Component");
        assertThat(p.keys()).containsExactly(entry("FileType", 2L), entry("ItemType", "Component"),
                entry("SiteCode", "PS1"), entry("ItemName", "SMS_WSUS_SYNC_MANAGER|SERVER"));
        assertThat(p.isSingleton()).isFalse();
        assertThat(p.isClassPath()).isFalse();
        assertThat(p.toString()).isEqualTo(SCI_COMPONENT);
    }

    @Test
    void readsTheLocalServerDot() {
        ObjectPath p = ObjectPath.parse("\\\\.\\root\\cimv2:Win32_LogicalDisk.DeviceID=\"C:\"");

        assertThat(p.server()).hasValue(".");
        assertThat(p.key("DeviceID")).hasValue("C:");
    }

    @Test
    void readsBracketedServerNames() {
        // AdminService output shows __SERVER as "[SMSProvider]"; IPv6 literals are bracketed too.
        ObjectPath redacted = ObjectPath.parse(
                "\\\\[SMSProvider]\\root\\sms\\site_ABC:SMS_Collection.CollectionID=\"ABC00200\"");
        ObjectPath ipv6 = ObjectPath.parse("\\\\[fe80::1]\\root\\cimv2:Win32_Process.Handle=\"4\"");

        assertThat(redacted.server()).hasValue("[SMSProvider]");
        assertThat(ipv6.server()).hasValue("[fe80::1]");
        assertThat(ipv6.className()).isEqualTo("Win32_Process");
    }

    @Test
    void readsANamespaceRelativePath() {
        ObjectPath p = ObjectPath.parse("root\\sms\\site_PS1:SMS_Collection.CollectionID=\"PS100020\"");

        assertThat(p.server()).isEmpty();
        assertThat(p.namespace()).hasValue("root\\sms\\site_PS1");
        assertThat(p.className()).isEqualTo("SMS_Collection");
    }

    @Test
    void acceptsForwardSlashesAsSeparatorsAndWritesBackslashes() {
        ObjectPath p = ObjectPath.parse("//./root/sms/site_PS1:SMS_Site.SiteCode=\"PS1\"");

        assertThat(p.namespace()).hasValue("root\\sms\\site_PS1");
        assertThat(p.toString()).isEqualTo("\\\\.\\root\\sms\\site_PS1:SMS_Site.SiteCode=\"PS1\"");
    }

    @Test
    void readsARelativePath() {
        ObjectPath p = ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=16777397");

        assertThat(p.server()).isEmpty();
        assertThat(p.namespace()).isEmpty();
        assertThat(p.keys()).containsExactly(entry("CI_ID", 16777397L));
    }

    @Test
    void readsAClassPath() {
        ObjectPath p = ObjectPath.parse("SMS_SoftwareUpdate");

        assertThat(p.isClassPath()).isTrue();
        assertThat(p.keys()).isEmpty();
        assertThat(p.toString()).isEqualTo("SMS_SoftwareUpdate");
        assertThat(ObjectPath.parse("\\\\.\\root\\sms\\site_PS1:SMS_SiteControlFile").isClassPath()).isTrue();
    }

    @Test
    void readsASingletonPath() {
        ObjectPath p = ObjectPath.parse("\\\\.\\root:__CIMOMIdentification=@");

        assertThat(p.isSingleton()).isTrue();
        assertThat(p.isClassPath()).isFalse();
        assertThat(p.keys()).isEmpty();
        assertThat(p.className()).isEqualTo("__CIMOMIdentification");
        assertThat(p.toString()).isEqualTo("\\\\.\\root:__CIMOMIdentification=@");
    }

    @Test
    void readsASingleUnnamedKey() {
        ObjectPath number = ObjectPath.parse("SMS_SoftwareUpdate=16777397");
        ObjectPath string = ObjectPath.parse("Win32_LogicalDisk=\"C:\"");

        assertThat(number.keys()).containsExactly(entry(ObjectPath.UNNAMED_KEY, 16777397L));
        assertThat(string.key("")).hasValue("C:");
        assertThat(string.toString()).isEqualTo("Win32_LogicalDisk=\"C:\"");
        assertThat(string).isNotEqualTo(ObjectPath.parse("Win32_LogicalDisk.DeviceID=\"C:\""));
    }

    @Test
    void readsSingleQuotedStringsAsConfigMgrSamplesWriteThem() {
        ObjectPath p = ObjectPath.parse("SMS_SCI_Component.FileType=2,ItemType='Component',SiteCode='PS1',"
                + "ItemName='SMS_WSUS_CONFIGURATION_MANAGER|SERVER'");

        assertThat(p.key("SiteCode")).hasValue("PS1");
        assertThat(p.toString()).isEqualTo("SMS_SCI_Component.FileType=2,ItemType=\"Component\",SiteCode=\"PS1\","
                + "ItemName=\"SMS_WSUS_CONFIGURATION_MANAGER|SERVER\"");
    }

    @Test
    void readsIntegersAcrossTheSint64AndUint64Ranges() {
        assertThat(ObjectPath.parse("C.K=18446744073709551615").key("K"))
                .hasValue(new BigInteger("18446744073709551615"));
        assertThat(ObjectPath.parse("C.K=9223372036854775808").key("K"))
                .hasValue(new BigInteger("9223372036854775808"));
        assertThat(ObjectPath.parse("C.K=9223372036854775807").key("K")).hasValue(Long.MAX_VALUE);
        assertThat(ObjectPath.parse("C.K=-9223372036854775808").key("K")).hasValue(Long.MIN_VALUE);
        assertThat(ObjectPath.parse("C.K=-0").key("K")).hasValue(0L);
        assertThat(ObjectPath.parse("C.K=00000000000000000000000000042").key("K")).hasValue(42L);
    }

    @Test
    void readsHexadecimalIntegersAndWritesThemInDecimal() {
        ObjectPath p = ObjectPath.parse("C.K=0x1F,L=0XFFFFFFFFFFFFFFFF");

        assertThat(p.keys()).containsExactly(entry("K", 31L), entry("L", new BigInteger("18446744073709551615")));
        assertThat(p.toString()).isEqualTo("C.K=31,L=18446744073709551615");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE", "true", "True", "tRuE"})
    void readsBooleansInAnyCase(String literal) {
        ObjectPath p = ObjectPath.parse("C.Enabled=" + literal + ",Hidden=false");

        assertThat(p.keys()).containsExactly(entry("Enabled", true), entry("Hidden", false));
        assertThat(p.toString()).isEqualTo("C.Enabled=TRUE,Hidden=FALSE");
    }

    @Test
    void readsAReferenceKeyWhoseValueIsAnEscapedPath() {
        String text = "Win32_SystemServices.GroupComponent="
                + "\"\\\\\\\\SERVER\\\\root\\\\cimv2:Win32_ComputerSystem.Name=\\\"SERVER\\\"\","
                + "PartComponent=\"\\\\\\\\SERVER\\\\root\\\\cimv2:Win32_Service.Name=\\\"WinRM\\\"\"";

        ObjectPath association = ObjectPath.parse(text);
        ObjectPath part = ObjectPath.parse((String) association.key("PartComponent").orElseThrow());

        assertThat(association.key("GroupComponent"))
                .hasValue("\\\\SERVER\\root\\cimv2:Win32_ComputerSystem.Name=\"SERVER\"");
        assertThat(part.server()).hasValue("SERVER");
        assertThat(part.className()).isEqualTo("Win32_Service");
        assertThat(part.key("Name")).hasValue("WinRM");
        assertThat(association.toString()).isEqualTo(text);
    }

    @Test
    void looksUpKeyNamesIgnoringCaseAndKeepsPathOrder() {
        ObjectPath p = ObjectPath.parse(SCI_COMPONENT);
        Map<String, Object> keys = p.keys();

        assertThat(keys.get("sitecode")).isEqualTo("PS1");
        assertThat(keys.containsKey("ITEMNAME")).isTrue();
        assertThat(keys.keySet()).containsExactly("FileType", "ItemType", "SiteCode", "ItemName");
        assertThat(p.key("filetype")).hasValue(2L);
        assertThat(p.key("Missing")).isEmpty();
        assertThat(keys.get(42)).isNull();
    }

    @Test
    void exposesKeysAsAnUnmodifiableMap() {
        Map<String, Object> keys = ObjectPath.parse(SCI_COMPONENT).keys();

        assertThatThrownBy(() -> keys.put("X", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> keys.remove("SiteCode")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(keys::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> keys.entrySet().iterator().next().setValue("Y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsWmiSystemAndUnicodeIdentifiers() {
        ObjectPath p = ObjectPath.parse("__NAMESPACE.Name=\"sms\"");
        ObjectPath unicode = ObjectPath.parse("Überwachung_1.Schlüssel=\"ä\"");

        assertThat(p.className()).isEqualTo("__NAMESPACE");
        assertThat(unicode.key("SCHLÜSSEL")).hasValue("ä");
    }
}
