package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * impacket 0.10 (an independent MS-WMI/DCOM client: {@code impacket.dcerpc.v5.dcomrt.DCOMConnection} and
 * {@code impacket.dcerpc.v5.dcom.wmi}, and its example {@code wmiquery.py}) against the {@link WmiServer}: what it
 * prints is compared with the simulator's own answers through a memory transport. Skipped, saying why, without
 * {@code /usr/bin/python3} and impacket.
 */
class ImpacketInteropTest {
    private static final String PASSWORD = "Winter2024!";
    private static final String CAS = "root\\sms\\site_CAS";
    /** Ten catalog updates (CI_IDs start at 16777216). */
    private static final String TEN_UPDATES = "SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID < 16777226";
    private static final String FILTERED = "SELECT CI_ID, ArticleID, LocalizedDisplayName, IsExpired, DatePosted FROM SMS_SoftwareUpdate "
            + "WHERE IsExpired = 0 AND CI_ID < 16777316";

    @TempDir
    static Path dir;
    private static ImpacketClient impacket;
    private static SimulatedProvider provider;
    private static WmiServer server;
    private static int port;
    private static WmiTransport simulator;

    @BeforeAll
    static void start() throws Exception {
        impacket = ImpacketClient.assumeAvailable(dir);
        provider = SimulatedProvider.demo();
        server = WmiServer.builder().provider(provider).account("LAB", "admin", PASSWORD)
                .account("LAB", "reader", PASSWORD, Access.READ_ONLY).account("LAB", "nobody", PASSWORD, Access.DENIED).build();
        port = server.start();
        simulator = provider.openTransport("CAS");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<WmiObject> simulatorQuery(String wql) {
        try (Stream<WmiObject> s = simulator.query(CAS, wql, QueryOptions.defaults(), WmiContext.empty())) {
            return s.toList();
        }
    }

    /**
     * The JSON impacket's harness prints for a value ({@code json.dumps} of what impacket decoded), or null where
     * impacket's decoding cannot be compared: reals (float formatting), char16, embedded objects, and string arrays
     * (impacket 0.10 returns heap offsets instead of the strings for string arrays inherited from a superclass,
     * against Windows as well: {@code ENCODED_VALUE.getValue} compares the type with the Inherited bit set).
     *
     * <p>NULL: the value-table slot of a NULL property holds 0xFF bytes, as Windows writes it (MS-WMIO codec);
     * impacket ignores the NdTable's null bit when the slot is not zero, so it reads a NULL boolean as True
     * (0xFFFF) and NULL 8-, 16- and 64-bit integers as all-ones; 32-bit slots (0xFFFFFFFF) it reads as None.
     */
    static String expectedJson(CimValue value, CimType declared) {
        if (value == null) {
            return switch (declared) {
                case BOOLEAN -> "\"True\"";
                case SINT32, UINT32, STRING, DATETIME, REFERENCE -> "null";
                default -> null;
            };
        }
        CimType t = value.type();
        if (t.isArray()) {
            if (!t.elementType().isInteger()) {
                return null;
            }
            return value.asList().stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        }
        if (t.isInteger()) {
            return value.asBigInteger().toString();
        }
        return switch (t) {
            case BOOLEAN -> value.asBoolean() ? "\"True\"" : "\"False\"";
            case STRING, DATETIME, REFERENCE -> pythonJsonString(value.asString());
            default -> null;
        };
    }

    /** Python's {@code json.dumps} of a string: ASCII only, with \\uXXXX escapes in lower case. */
    static String pythonJsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Checks every comparable property impacket printed against the simulator's object; returns how many were compared. */
    private static int assertSame(Map<String, String> printed, WmiObject expected) {
        int compared = 0;
        for (Map.Entry<String, String> e : printed.entrySet()) {
            assertThat(expected.has(e.getKey())).as("impacket printed %s, which %s lacks", e.getKey(), expected.className()).isTrue();
            CimType declared = expected.wmiClass().property(e.getKey()).orElseThrow().type();
            String want = expectedJson(expected.get(e.getKey()).orElse(null), declared);
            if (want != null) {
                assertThat(e.getValue()).as("%s.%s", expected.className(), e.getKey()).isEqualTo(want);
                compared++;
            }
        }
        return compared;
    }

    private static void assertRowsMatch(List<Map<String, String>> rows, List<WmiObject> expected) {
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(assertSame(rows.get(i), expected.get(i))).as("properties compared in row " + i).isGreaterThan(3);
        }
    }

    @Test
    void queryAtPacketPrivacyReturnsWhatTheSimulatorAnswers() throws Exception {
        var result = impacket.run(port, "privacy", "LAB", "admin", PASSWORD, "//./root/sms/site_CAS", "query:" + TEN_UPDATES);

        List<Map<String, String>> rows = result.rowsOf(0);
        assertRowsMatch(rows, simulatorQuery(TEN_UPDATES));
        assertThat(rows).hasSize(10).allSatisfy(r -> {
            // lazy properties are NULL in query results, as the SMS Provider returns them
            assertThat(r).containsEntry("LocalizedEulas", "null").containsEntry("LocalizedInformation", "null")
                    .containsEntry("SDMPackageXML", "null");
        });
    }

    @Test
    void filteredQueryAtPacketIntegrityReturnsWhatTheSimulatorAnswers() throws Exception {
        var result = impacket.run(port, "integrity", "lab", "ADMIN", PASSWORD, "root\\SMS\\Site_cas", "query:" + FILTERED);

        List<WmiObject> expected = simulatorQuery(FILTERED);
        assertThat(expected).isNotEmpty();
        List<Map<String, String>> rows = result.rowsOf(0);
        assertRowsMatch(rows, expected);
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("IsExpired", "\"False\""));
    }

    @Test
    void getObjectReturnsAnUpdateWithItsLazyProperties() throws Exception {
        String path = "SMS_SoftwareUpdate.CI_ID=16777217";
        var result = impacket.run(port, "privacy", "LAB", "admin", PASSWORD, CAS, "get:" + path);

        WmiObject expected = simulator.get(CAS, ObjectPath.parse(path), CallOptions.defaults(), WmiContext.empty());
        Map<String, String> printed = result.rowsOf(0).get(0);
        assertThat(assertSame(printed, expected)).isGreaterThan(30);
        WmiObject info = expected.get("LocalizedInformation").orElseThrow().asObjectList().get(0);
        assertThat(printed.get("LocalizedInformation")).contains("\"__CLASS\": \"SMS_CI_LocalizedProperties\"")
                .contains(pythonJsonString(info.getString("DisplayName")));
    }

    @Test
    void execMethodSyncNowStartsTheSimulatorsSynchronization() throws Exception {
        assertThat(provider.sync().isRunning()).isFalse();

        var result = impacket.run(port, "privacy", "LAB", "admin", PASSWORD, CAS, "method:SMS_SoftwareUpdate:SyncNow:[false]");

        assertThat(result.rowsOf(0).get(0)).containsEntry("ReturnValue", "0");
        assertThat(provider.sync().isRunning() || !provider.sync().completedSyncs().isEmpty()).isTrue();
    }

    @Test
    void execMethodGetSessionHandleOpensASiteControlSession() throws Exception {
        int before = provider.openSiteControlSessions();

        var result = impacket.run(port, "privacy", "LAB", "admin", PASSWORD, "root\\sms\\site_PS1",
                "method:SMS_SiteControlFile:GetSessionHandle");

        Map<String, String> out = result.rowsOf(0).get(0);
        assertThat(out).containsEntry("ReturnValue", "0");
        assertThat(out.get("SessionHandle")).matches("\"\\{[0-9A-F-]{36}\\}\"");
        assertThat(provider.openSiteControlSessions()).isEqualTo(before + 1);
    }

    @Test
    void impacketsWmiqueryExamplePrintsTheQueryResults() throws Exception {
        Path commands = dir.resolve("wmiquery.txt");
        java.nio.file.Files.writeString(commands, "SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID < 16777219\nexit\n");

        String out = impacket.wmiquery(port, "-namespace", "//./root/sms/site_CAS", "-file", commands.toString(), "-rpc-auth-level",
                "privacy", "LAB/admin:" + PASSWORD + "@127.0.0.1");

        for (WmiObject u : simulatorQuery("SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID < 16777219")) {
            assertThat(out).contains("| " + u.getLong("CI_ID") + " | " + u.getString("ArticleID") + " |");
        }
    }

    @Test
    void connectLevelIsRefusedAtActivationWithAccessDenied() throws Exception {
        var result = impacket.run(port, "connect", "LAB", "admin", PASSWORD, CAS, "query:SELECT SiteCode FROM SMS_Site");

        assertThat(result.connectError()).isEqualTo("rpc_s_access_denied");
    }

    @Test
    void wrongPasswordIsRefusedWithAccessDenied() throws Exception {
        var result = impacket.run(port, "privacy", "LAB", "admin", "wrong", CAS, "query:SELECT SiteCode FROM SMS_Site");

        assertThat(result.connectError()).isEqualTo("rpc_s_access_denied");
    }

    @Test
    void accountWithoutAccessIsRefusedAtNtlmLogin() throws Exception {
        var result = impacket.run(port, "privacy", "LAB", "nobody", PASSWORD, CAS, "query:SELECT SiteCode FROM SMS_Site");

        assertThat(result.connectError()).contains("0x80041003").contains("WBEM_E_ACCESS_DENIED");
    }

    @Test
    void unknownNamespaceIsRefusedAtNtlmLogin() throws Exception {
        var result = impacket.run(port, "privacy", "LAB", "admin", PASSWORD, "root\\sms\\site_XYZ", "query:SELECT SiteCode FROM SMS_Site");

        assertThat(result.connectError()).contains("0x8004100e").contains("WBEM_E_INVALID_NAMESPACE");
    }

    @Test
    void impacketReadsTheSiteServersClockFromRootCimv2() throws Exception {
        // What SyncJob reads for its grace period: Win32_OperatingSystem.LocalDateTime, the simulated clock (2024).
        var result = impacket.run(port, "privacy", "LAB", "admin", PASSWORD, "root\\cimv2",
                "query:SELECT LocalDateTime FROM Win32_OperatingSystem", "query:SELECT * FROM Win32_UTCTime");

        assertThat(result.rowsOf(0)).singleElement().satisfies(r -> assertThat(r.get("LocalDateTime")).startsWith("\"2024"));
        assertThat(result.errors().get(1)).as("no Win32_UTCTime: the doctor's skew check stays skipped").contains("WBEM_E_INVALID_CLASS");
    }

    @Test
    void readOnlyAccountQueriesButCannotRunMethods() throws Exception {
        var result = impacket.run(port, "integrity", "LAB", "reader", PASSWORD, "root\\sms\\site_PS1",
                "query:SELECT SiteCode FROM SMS_Site", "method:SMS_SiteControlFile:GetSessionHandle");

        assertThat(result.rowsOf(0)).extracting(r -> r.get("SiteCode")).containsExactly("\"PS1\"");
        assertThat(result.errors().get(1)).contains("WBEM_E_ACCESS_DENIED");
    }

    @Test
    void errorsOfTheSimulatorBecomeTheHresultImpacketReports() throws Exception {
        var result = impacket.run(port, "privacy", "LAB", "admin", PASSWORD, CAS, "get:SMS_SoftwareUpdate.CI_ID=1",
                "get:No_Such_Class", "query:SELEKT nothing");

        assertThat(result.errors().get(0)).contains("WBEM_E_NOT_FOUND");
        assertThat(result.errors().get(1)).contains("WBEM_E_INVALID_CLASS").contains("0x80041010");
        assertThat(result.errors().get(2)).contains("WBEM_E_INVALID_QUERY");
    }

    @Test
    void everyObjectImpacketReleasesLeavesTheExporter() throws Exception {
        int before = server.exportedObjectCount();

        impacket.run(port, "privacy", "LAB", "admin", PASSWORD, CAS, "query:SELECT SiteCode FROM SMS_Site", "get:SMS_Site.SiteCode=\"CAS\"");

        assertThat(server.exportedObjectCount()).isEqualTo(before);
    }
}
