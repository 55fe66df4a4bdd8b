package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The {@code dcom://} session against the loopback server: enumerators, references, threads, refused logins. */
class DcomSessionTest {
    private static final String QUERY = "SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate";

    private static List<Long> ids(WmiTransport t, int batch) {
        try (Stream<WmiObject> s = t.query(t.defaultNamespace(), QUERY, QueryOptions.defaults().withBatchSize(batch), WmiContext.empty())) {
            return s.map(o -> o.getLong("CI_ID")).toList();
        }
    }

    private static long pingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("cm4j-dcom-ping")).count();
    }

    @Test
    void theSmartEnumeratorReturnsWhatIEnumWbemClassObjectNextReturns() {
        SimulatedProvider provider = SimulatedProvider.demo();
        try (WmiServer server = LoopbackSites.start(provider);
             WmiTransport plain = LoopbackSites.open(server, "CAS", "batch=37");
             WmiTransport smart = LoopbackSites.open(server, "CAS", "smartenum=true&auth=integrity")) {
            List<Long> expected = ids(plain, 37);
            assertThat(expected).hasSizeGreaterThan(40).doesNotHaveDuplicates();
            assertThat(ids(smart, 37)).isEqualTo(expected);
            assertThat(ids(smart, 1000)).isEqualTo(expected);
        }
    }

    @Test
    void enumeratorsAreReleasedOnCloseAndCloseReleasesEveryReferenceAndThread() {
        long threadsBefore = pingThreads();
        WmiServer server = LoopbackSites.start(SimulatedProvider.demo());
        try {
            WmiTransport t = LoopbackSites.open(server, "CAS", "");
            int afterLogin = server.exportedObjectCount();
            assertThat(afterLogin).isPositive();
            assertThat(pingThreads()).isEqualTo(threadsBefore + 1);
            try (Stream<WmiObject> s = t.query(t.defaultNamespace(), QUERY, QueryOptions.defaults().withBatchSize(5), WmiContext.empty())) {
                assertThat(s.limit(3).count()).isEqualTo(3);
                assertThat(server.exportedObjectCount()).isEqualTo(afterLogin + 1);
            }
            assertThat(server.exportedObjectCount()).as("the enumerator is released when the stream closes").isEqualTo(afterLogin);
            assertThat(ids(t, 100)).isNotEmpty();
            assertThat(server.exportedObjectCount()).as("and when it is read to the end").isEqualTo(afterLogin);
            ((LoopbackSites.ServedTransport) t).dcomOnly().close();
            assertThat(server.exportedObjectCount()).as("close releases IWbemLevel1Login and IWbemServices").isZero();
            assertThat(pingThreads()).isEqualTo(threadsBefore);
            ((LoopbackSites.ServedTransport) t).dcomOnly().close();
        } finally {
            server.close();
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatExplainsTheWindowsSide() {
        try (WmiServer server = LoopbackSites.start(SimulatedProvider.demo())) {
            assertThatThrownBy(() -> ConfigMgr.builder().uri(LoopbackSites.uri(server, "CAS", ""))
                    .credentials(Credentials.of("LAB\\admin", "Not-The-Pw-42")).connectTimeout(Duration.ofSeconds(10)).connect())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("access denied").hasMessageContaining("Remote Activation")
                    .hasMessageContaining("KB5004442").hasMessageContaining("NTLM logon of LAB\\admin refused")
                    .hasMessageNotContaining("Not-The-Pw-42");
        }
    }

    @Test
    void anAccountWithoutNamespaceRightsIsRefusedAtLogin() {
        SimulatedProvider provider = SimulatedProvider.demo();
        try (WmiServer server = WmiServer.builder().provider(provider).account("LAB", "guest", "Gu3st!pw", Access.DENIED).build()) {
            server.start();
            assertThatThrownBy(() -> ConfigMgr.builder().uri(LoopbackSites.uri(server, "CAS", ""))
                    .credentials(Credentials.of("LAB\\guest", "Gu3st!pw")).connect())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("NTLMLogin").hasMessageContaining("Remote Enable");
            assertThat(server.exportedObjectCount()).isZero();
        }
    }
}
