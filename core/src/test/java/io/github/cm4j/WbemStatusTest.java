package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WbemStatusTest {

    /**
     * The WBEMSTATUS enumeration of [MS-WMI] section 2.2.11, entry for entry, as the spec prints it
     * (names and values copied from the IDL there).
     */
    private static final Map<String, Integer> MS_WMI_2_2_11 = new LinkedHashMap<>();

    static {
        Object[] table = {
            "WBEM_S_NO_ERROR", 0x00, "WBEM_S_FALSE", 0x01, "WBEM_S_TIMEDOUT", 0x40004,
            "WBEM_S_NEW_STYLE", 0x400FF, "WBEM_S_PARTIAL_RESULTS", 0x40010,
            "WBEM_E_FAILED", 0x80041001, "WBEM_E_NOT_FOUND", 0x80041002, "WBEM_E_ACCESS_DENIED", 0x80041003,
            "WBEM_E_PROVIDER_FAILURE", 0x80041004, "WBEM_E_TYPE_MISMATCH", 0x80041005,
            "WBEM_E_OUT_OF_MEMORY", 0x80041006, "WBEM_E_INVALID_CONTEXT", 0x80041007,
            "WBEM_E_INVALID_PARAMETER", 0x80041008, "WBEM_E_NOT_AVAILABLE", 0x80041009,
            "WBEM_E_CRITICAL_ERROR", 0x8004100a, "WBEM_E_NOT_SUPPORTED", 0x8004100C,
            "WBEM_E_PROVIDER_NOT_FOUND", 0x80041011, "WBEM_E_INVALID_PROVIDER_REGISTRATION", 0x80041012,
            "WBEM_E_PROVIDER_LOAD_FAILURE", 0x80041013, "WBEM_E_INITIALIZATION_FAILURE", 0x80041014,
            "WBEM_E_TRANSPORT_FAILURE", 0x80041015, "WBEM_E_INVALID_OPERATION", 0x80041016,
            "WBEM_E_ALREADY_EXISTS", 0x80041019, "WBEM_E_UNEXPECTED", 0x8004101d,
            "WBEM_E_INCOMPLETE_CLASS", 0x80041020, "WBEM_E_SHUTTING_DOWN", 0x80041033,
            "E_NOTIMPL", 0x80004001, "WBEM_E_INVALID_SUPERCLASS", 0x8004100D,
            "WBEM_E_INVALID_NAMESPACE", 0x8004100E, "WBEM_E_INVALID_OBJECT", 0x8004100F,
            "WBEM_E_INVALID_CLASS", 0x80041010, "WBEM_E_INVALID_QUERY", 0x80041017,
            "WBEM_E_INVALID_QUERY_TYPE", 0x80041018, "WBEM_E_PROVIDER_NOT_CAPABLE", 0x80041024,
            "WBEM_E_CLASS_HAS_CHILDREN", 0x80041025, "WBEM_E_CLASS_HAS_INSTANCES", 0x80041026,
            "WBEM_E_ILLEGAL_NULL", 0x80041028, "WBEM_E_INVALID_CIM_TYPE", 0x8004102D,
            "WBEM_E_INVALID_METHOD", 0x8004102E, "WBEM_E_INVALID_METHOD_PARAMETERS", 0x8004102F,
            "WBEM_E_INVALID_PROPERTY", 0x80041031, "WBEM_E_CALL_CANCELLED", 0x80041032,
            "WBEM_E_INVALID_OBJECT_PATH", 0x8004103A, "WBEM_E_OUT_OF_DISK_SPACE", 0x8004103B,
            "WBEM_E_UNSUPPORTED_PUT_EXTENSION", 0x8004103D, "WBEM_E_QUOTA_VIOLATION", 0x8004106c,
            "WBEM_E_SERVER_TOO_BUSY", 0x80041045, "WBEM_E_METHOD_NOT_IMPLEMENTED", 0x80041055,
            "WBEM_E_METHOD_DISABLED", 0x80041056, "WBEM_E_UNPARSABLE_QUERY", 0x80041058,
            "WBEM_E_NOT_EVENT_CLASS", 0x80041059, "WBEM_E_MISSING_GROUP_WITHIN", 0x8004105A,
            "WBEM_E_MISSING_AGGREGATION_LIST", 0x8004105B, "WBEM_E_PROPERTY_NOT_AN_OBJECT", 0x8004105c,
            "WBEM_E_AGGREGATING_BY_OBJECT", 0x8004105d, "WBEM_E_BACKUP_RESTORE_WINMGMT_RUNNING", 0x80041060,
            "WBEM_E_QUEUE_OVERFLOW", 0x80041061, "WBEM_E_PRIVILEGE_NOT_HELD", 0x80041062,
            "WBEM_E_INVALID_OPERATOR", 0x80041063, "WBEM_E_CANNOT_BE_ABSTRACT", 0x80041065,
            "WBEM_E_AMENDED_OBJECT", 0x80041066, "WBEM_E_VETO_PUT", 0x8004107A,
            "WBEM_E_PROVIDER_SUSPENDED", 0x80041081, "WBEM_E_ENCRYPTED_CONNECTION_REQUIRED", 0x80041087,
            "WBEM_E_PROVIDER_TIMED_OUT", 0x80041088, "WBEM_E_NO_KEY", 0x80041089,
            "WBEM_E_PROVIDER_DISABLED", 0x8004108a, "WBEM_E_REGISTRATION_TOO_BROAD", 0x80042001,
            "WBEM_E_REGISTRATION_TOO_PRECISE", 0x80042002,
        };
        for (int i = 0; i < table.length; i += 2) {
            MS_WMI_2_2_11.put((String) table[i], (Integer) table[i + 1]);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "WBEM_S_NO_ERROR, 0x00000000",
        "WBEM_S_FALSE, 0x00000001",
        "WBEM_S_TIMEDOUT, 0x00040004",
        "WBEM_S_NEW_STYLE, 0x000400FF",
        "WBEM_S_PARTIAL_RESULTS, 0x00040010",
        "WBEM_S_SOURCE_NOT_AVAILABLE, 0x00040017",
        "WBEM_S_LIMITED_SERVICE, 0x00043001",
        "E_NOTIMPL, 0x80004001",
        "WBEM_E_FAILED, 0x80041001",
        "WBEM_E_NOT_FOUND, 0x80041002",
        "WBEM_E_ACCESS_DENIED, 0x80041003",
        "WBEM_E_INVALID_PARAMETER, 0x80041008",
        "WBEM_E_INVALID_CLASS, 0x80041010",
        "WBEM_E_INVALID_QUERY, 0x80041017",
        "WBEM_E_INVALID_QUERY_TYPE, 0x80041018",
        "WBEM_E_CALL_CANCELLED, 0x80041032",
        "WBEM_E_SHUTTING_DOWN, 0x80041033",
        "WBEM_E_INVALID_OBJECT_PATH, 0x8004103A",
        "WBEM_E_SERVER_TOO_BUSY, 0x80041045",
        "WBEM_E_CANNOT_CHANGE_KEY_INHERITANCE, 0x80041049",
        "WBEM_E_CANNOT_CHANGE_INDEX_INHERITANCE, 0x80041050",
        "WBEM_E_METHOD_DISABLED, 0x80041056",
        "WBEM_E_UNINTERPRETABLE_PROVIDER_QUERY, 0x8004105F",
        "WBEM_E_TIMED_OUT, 0x80041069",
        "WBEM_E_QUOTA_VIOLATION, 0x8004106C",
        "WBEM_E_VETO_PUT, 0x8004107A",
        "WBEM_E_INVALID_LOCALE, 0x80041080",
        "WBEM_E_PROVIDER_ALREADY_REGISTERED, 0x80041084",
        "WBEM_E_PROVIDER_DISABLED, 0x8004108A",
        "WBEM_E_REGISTRATION_TOO_BROAD, 0x80042001",
        "WBEMESS_E_AUTHZ_NOT_PRIVILEGED, 0x80042003",
        "WBEM_E_RETRY_LATER, 0x80043001",
        "WBEMMOF_E_EXPECTED_QUALIFIER_NAME, 0x80044001",
        "WBEMMOF_E_UNRECOGNIZED_TYPE, 0x8004400B",
        "WBEMMOF_E_EXPECTED_PROPERTY_NAME, 0x8004400C",
        "WBEMMOF_E_INVALID_DELETECLASS_SYNTAX, 0x80044031",
    })
    void knownCodesHaveTheirDocumentedValues(String name, String hex) {
        int expected = Integer.parseUnsignedInt(hex.substring(2), 16);
        WbemStatus status = WbemStatus.valueOf(name);
        assertThat(status.code()).isEqualTo(expected);
        assertThat(status.hex()).isEqualTo(hex);
        assertThat(WbemStatus.fromCode(expected)).contains(status);
        assertThat(WbemStatus.nameOf(expected)).isEqualTo(name);
    }

    @Test
    void containsEveryEntryOfMsWmiSection2_2_11WithTheSpecNameAndValue() {
        assertThat(MS_WMI_2_2_11).hasSize(69);
        MS_WMI_2_2_11.forEach((name, code) -> {
            assertThat(WbemStatus.fromCode(code)).as(name).isPresent();
            assertThat(WbemStatus.fromCode(code).get().name()).as(name).isEqualTo(name);
        });
    }

    @Test
    void hasExactlyOneConstantPerCode() {
        WbemStatus[] all = WbemStatus.values();
        Set<Integer> codes = Arrays.stream(all).map(WbemStatus::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(all.length);
        assertThat(all).hasSize(198);
        for (WbemStatus s : all) {
            assertThat(WbemStatus.fromCode(s.code())).contains(s);
        }
    }

    @Test
    void declaresConstantsInAscendingUnsignedCodeOrder() {
        WbemStatus[] all = WbemStatus.values();
        for (int i = 1; i < all.length; i++) {
            assertThat(Integer.compareUnsigned(all[i - 1].code(), all[i].code()))
                    .as("%s before %s", all[i - 1], all[i])
                    .isNegative();
        }
    }

    @Test
    void resolvesAliasesThatShareACodeWithACanonicalConstant() {
        assertThat(WbemStatus.fromName("WBEM_NO_ERROR")).contains(WbemStatus.WBEM_S_NO_ERROR);
        assertThat(WbemStatus.fromName("WBEM_S_SAME")).contains(WbemStatus.WBEM_S_NO_ERROR);
        assertThat(WbemStatus.fromName("WBEM_S_INITIALIZED")).contains(WbemStatus.WBEM_S_NO_ERROR);
        assertThat(WbemStatus.fromName("WBEMESS_E_REGISTRATION_TOO_BROAD"))
                .contains(WbemStatus.WBEM_E_REGISTRATION_TOO_BROAD);
        assertThat(WbemStatus.fromName("WBEMESS_E_REGISTRATION_TOO_PRECISE"))
                .contains(WbemStatus.WBEM_E_REGISTRATION_TOO_PRECISE);
        assertThat(WbemStatus.fromName("WBEM_E_TRANSACTION_CONFLICT")).contains(WbemStatus.WBEM_E_RESERVED_001);
        assertThat(WbemStatus.fromName("WBEM_E_FORCED_ROLLBACK")).contains(WbemStatus.WBEM_E_RESERVED_002);
        assertThat(WbemStatus.WBEM_E_REGISTRATION_TOO_BROAD.aliases())
                .containsExactly("WBEMESS_E_REGISTRATION_TOO_BROAD");
        assertThat(WbemStatus.WBEM_E_NOT_FOUND.aliases()).isEmpty();
    }

    @Test
    void nameOfAnAliasedCodeIsTheCanonicalName() {
        assertThat(WbemStatus.nameOf(0)).isEqualTo("WBEM_S_NO_ERROR");
        assertThat(WbemStatus.nameOf(0x80042001)).isEqualTo("WBEM_E_REGISTRATION_TOO_BROAD");
    }

    @Test
    void aliasesNeverShadowAConstantName() {
        for (WbemStatus s : WbemStatus.values()) {
            assertThat(WbemStatus.fromName(s.name())).contains(s);
            for (String alias : s.aliases()) {
                assertThat(Arrays.stream(WbemStatus.values()).map(Enum::name)).doesNotContain(alias);
            }
        }
        assertThat(WbemStatus.fromName("wbem_e_not_found")).isEmpty();
        assertThat(WbemStatus.fromName("S_OK")).isEmpty();
    }

    @Test
    void unknownCodesAreAbsentAndFormatAsHex() {
        assertThat(WbemStatus.fromCode(0x80070005)).isEmpty();
        assertThat(WbemStatus.nameOf(0x80070005)).isEqualTo("0x80070005");
        assertThat(WbemStatus.nameOf(0x8004104A)).isEqualTo("0x8004104A");
        assertThat(WbemStatus.nameOf(0x8004107B)).isEqualTo("0x8004107B");
        assertThat(WbemStatus.nameOf(0x12)).isEqualTo("0x00000012");
        assertThat(WbemStatus.nameOf(-1)).isEqualTo("0xFFFFFFFF");
        assertThat(WbemStatus.hex(0x8004106c)).isEqualTo("0x8004106C");
    }

    @Test
    void isErrorFollowsTheSeverityBitAndTheNamePrefix() {
        assertThat(WbemStatus.WBEM_S_NO_ERROR.isError()).isFalse();
        assertThat(WbemStatus.WBEM_S_FALSE.isError()).isFalse();
        assertThat(WbemStatus.WBEM_S_TIMEDOUT.isError()).isFalse();
        assertThat(WbemStatus.WBEM_E_NOT_FOUND.isError()).isTrue();
        assertThat(WbemStatus.E_NOTIMPL.isError()).isTrue();
        assertThat(WbemStatus.WBEMMOF_E_INVALID_FILE.isError()).isTrue();
        for (WbemStatus s : WbemStatus.values()) {
            boolean errorName = s.name().contains("_E_") || s.name().startsWith("E_");
            assertThat(s.isError()).as(s.name()).isEqualTo(errorName);
            assertThat(s.isError()).as(s.name()).isEqualTo(s.code() < 0);
        }
    }

    @Test
    void errorCodesLieInTheRangeOfTheirFamily() {
        for (WbemStatus s : WbemStatus.values()) {
            int facilityBlock = s.code() & 0xFFFFF000;
            if (s.name().startsWith("WBEMMOF_E_")) {
                assertThat(facilityBlock).as(s.name()).isEqualTo(0x80044000);
            } else if (s.name().startsWith("WBEMESS_E_") || s.name().startsWith("WBEM_E_REGISTRATION_")) {
                assertThat(facilityBlock).as(s.name()).isEqualTo(0x80042000);
            } else if (s.name().startsWith("WBEM_E_")) {
                assertThat(facilityBlock).as(s.name()).isIn(0x80041000, 0x80043000);
            } else if (s.name().startsWith("WBEM_S_")) {
                assertThat(s.code()).as(s.name()).isBetween(0, 0x0004FFFF);
            } else {
                assertThat(s).isEqualTo(WbemStatus.E_NOTIMPL);
            }
        }
    }

    @Test
    void everyDescriptionIsOneShortLineWithoutFinalPeriod() {
        for (WbemStatus s : WbemStatus.values()) {
            assertThat(s.description()).as(s.name())
                    .isNotBlank()
                    .doesNotContain("\n")
                    .doesNotEndWith(".")
                    .hasSizeLessThan(100);
        }
    }
}
