package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WmiExceptionTest {

    @Test
    void messageNamesOperationTargetStatusCodeAndDescription() {
        WmiException e = WmiException.of(WbemStatus.WBEM_E_INVALID_CLASS, "ExecQuery", "SELECT * FROM Foo");
        assertThat(e.getMessage()).isEqualTo("ExecQuery SELECT * FROM Foo failed: WBEM_E_INVALID_CLASS (0x80041010): "
                + WbemStatus.WBEM_E_INVALID_CLASS.description());
        assertThat(e.getMessage()).startsWith(
                "ExecQuery SELECT * FROM Foo failed: WBEM_E_INVALID_CLASS (0x80041010): the class does not exist");
    }

    @Test
    void messageEndsWithTheHostWhenKnown() {
        WmiException e = WmiException.of(0x80041002, "GetObject", "SMS_Site.SiteCode=\"P01\"", "cm01.contoso.com",
                null);
        assertThat(e.getMessage()).isEqualTo("GetObject SMS_Site.SiteCode=\"P01\" failed: WBEM_E_NOT_FOUND (0x80041002): "
                + "the object does not exist on cm01.contoso.com");
        assertThat(e.host()).contains("cm01.contoso.com");
    }

    @Test
    void exposesCodeStatusNameAndParts() {
        IOException cause = new IOException("fault PDU");
        WmiException e = WmiException.of(0x80041003, "ExecMethod", "SMS_SoftwareUpdate", "cm01", cause);
        assertThat(e.hresult()).isEqualTo(0x80041003);
        assertThat(e.status()).contains(WbemStatus.WBEM_E_ACCESS_DENIED);
        assertThat(e.statusName()).isEqualTo("WBEM_E_ACCESS_DENIED");
        assertThat(e.operation()).isEqualTo("ExecMethod");
        assertThat(e.target()).isEqualTo("SMS_SoftwareUpdate");
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e).isInstanceOf(ConfigMgrException.class).isInstanceOf(RuntimeException.class);
    }

    @Test
    void isComparesWithTheAnsweredStatus() {
        WmiException e = WmiException.of(WbemStatus.WBEM_E_QUOTA_VIOLATION, "ExecQuery", "SELECT * FROM SMS_R_System");
        assertThat(e.is(WbemStatus.WBEM_E_QUOTA_VIOLATION)).isTrue();
        assertThat(e.is(WbemStatus.WBEM_E_NOT_FOUND)).isFalse();
        assertThat(e.is(null)).isFalse();
    }

    @Test
    void unknownCodeShowsAsHexOnly() {
        WmiException e = WmiException.of(0x80070005, "NTLMLogin", "root\\sms\\site_P01", "cm01", null);
        assertThat(e.status()).isEmpty();
        assertThat(e.statusName()).isEqualTo("0x80070005");
        assertThat(e.is(WbemStatus.WBEM_E_ACCESS_DENIED)).isFalse();
        assertThat(e.getMessage()).isEqualTo("NTLMLogin root\\sms\\site_P01 failed: 0x80070005 on cm01");
    }

    @Test
    void emptyOrMissingTargetAndHostAreLeftOut() {
        WmiException noTarget = WmiException.of(WbemStatus.WBEM_E_SHUTTING_DOWN, "ExecQuery", null);
        assertThat(noTarget.target()).isEmpty();
        assertThat(noTarget.host()).isEmpty();
        assertThat(noTarget.getMessage()).isEqualTo("ExecQuery failed: WBEM_E_SHUTTING_DOWN (0x80041033): "
                + "WMI is shutting down");

        WmiException blankHost = WmiException.of(WbemStatus.WBEM_E_FAILED, "PutInstance", "", " ");
        assertThat(blankHost.host()).isEmpty();
        assertThat(blankHost.getMessage()).isEqualTo("PutInstance failed: WBEM_E_FAILED (0x80041001): "
                + "the call failed for an unspecified reason");
    }

    @Test
    void longTargetIsShortenedInTheMessageButKeptInFull() {
        String query = "SELECT * FROM SMS_SoftwareUpdate WHERE " + "ArticleID = '5000000' OR ".repeat(40)
                + "ArticleID = '1'";
        WmiException e = WmiException.of(WbemStatus.WBEM_E_INVALID_QUERY, "ExecQuery", query, "cm01");
        assertThat(e.target()).isEqualTo(query);
        String shown = e.getMessage().substring("ExecQuery ".length(), e.getMessage().indexOf(" failed: "));
        assertThat(shown).hasSize(WmiException.MAX_TARGET_IN_MESSAGE).endsWith("…");
        assertThat(query).startsWith(shown.substring(0, shown.length() - 1));
        assertThat(e.getMessage()).endsWith("(0x80041017): the query is not valid on cm01");
    }

    @Test
    void targetOfExactlyTheLimitIsNotShortened() {
        String target = "x".repeat(WmiException.MAX_TARGET_IN_MESSAGE);
        WmiException e = WmiException.of(WbemStatus.WBEM_E_NOT_FOUND, "GetObject", target);
        assertThat(e.getMessage()).startsWith("GetObject " + target + " failed: ");
    }

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String target = "a".repeat(WmiException.MAX_TARGET_IN_MESSAGE - 2) + "\uD83D\uDE00" + "tail";
        WmiException e = WmiException.of(WbemStatus.WBEM_E_NOT_FOUND, "GetObject", target);
        String shown = e.getMessage().substring("GetObject ".length(), e.getMessage().indexOf(" failed: "));
        assertThat(shown).endsWith("a…");
        assertThat(Character.isHighSurrogate(shown.charAt(shown.length() - 2))).isFalse();
    }

    @Test
    void multiLineTargetIsShownOnOneLine() {
        String query = "SELECT *\r\n  FROM SMS_Site\n\tWHERE SiteCode = 'P01'";
        WmiException e = WmiException.of(WbemStatus.WBEM_E_INVALID_QUERY, "ExecQuery", query);
        assertThat(e.getMessage()).startsWith("ExecQuery SELECT *   FROM SMS_Site WHERE SiteCode = 'P01' failed: ")
                .doesNotContain("\n");
        assertThat(e.target()).isEqualTo(query);
    }

    @Test
    void operationIsRequired() {
        assertThatThrownBy(() -> WmiException.of(WbemStatus.WBEM_E_FAILED, null, "x"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WmiException.of(WbemStatus.WBEM_E_FAILED, "  ", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WmiException.of((WbemStatus) null, "GetObject", "x"))
                .isInstanceOf(NullPointerException.class);
    }
}
