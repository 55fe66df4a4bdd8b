package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.diagnostics.Diagnosis;
import io.github.cm4j.diagnostics.Verdict;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.transport.DcomTransportProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code ConfigMgr.builder().diagnose()} (what {@code cm4j doctor} prints) against the loopback WMI server in each
 * mode of issue 21: healthy, wrong password, NTLM refused, a CONNECT-level-only client, an unreachable exporter port,
 * a read-only account, a child site, a failed last synchronization; and a silent peer, to show the deadlines.
 */
class DoctorTest {
    private static final Duration CHECK = Duration.ofSeconds(10);
    private static final Duration TOTAL = Duration.ofSeconds(60);

    private static SimulatedProvider provider() {
        return SimulatedProvider.builder().catalogSize(50).build();
    }

    private static WmiServer start(SimulatedProvider sim, Consumer<WmiServer.Builder> tweak) {
        WmiServer.Builder b = WmiServer.builder().provider(sim).account(LoopbackSites.DOMAIN, LoopbackSites.USER, LoopbackSites.PASSWORD)
                .account(LoopbackSites.DOMAIN, "reader", LoopbackSites.PASSWORD, Access.READ_ONLY);
        tweak.accept(b);
        WmiServer server = b.build();
        server.start();
        return server;
    }

    private static Diagnosis diagnose(String uri, Credentials credentials) {
        return ConfigMgr.builder().uri(uri).credentials(credentials).provider(new DcomTransportProvider()).diagnose(CHECK, TOTAL);
    }

    private static Map<String, Verdict> verdicts(Diagnosis d) {
        return d.checks().stream().collect(Collectors.toMap(Check::id, Check::verdict, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static Check check(Diagnosis d, String id) {
        return d.check(id).orElseThrow(() -> new AssertionError("no check " + id + " in " + d));
    }

    @Test
    void aHealthySiteHasNoFailureAndEveryCheckRunsInOrder() {
        SimulatedProvider sim = provider();
        try (WmiServer server = start(sim, b -> { })) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "CAS", ""), LoopbackSites.ADMIN);
            assertThat(d.checks(Verdict.FAIL)).as(d.toString()).isEmpty();
            assertThat(verdicts(d).keySet()).containsExactly("dns", "tcp-resolver", "ntlm", "clock", "kerberos", "activation",
                    "tcp-exporter", "session", "namespace", "provider-clock", "read", "scf-session", "sup", "sync", "sync-scope", "eula");
            assertThat(verdicts(d)).containsEntry("tcp-resolver", Verdict.PASS).containsEntry("ntlm", Verdict.PASS)
                    .containsEntry("clock", Verdict.PASS).containsEntry("activation", Verdict.PASS)
                    .containsEntry("tcp-exporter", Verdict.PASS).containsEntry("session", Verdict.PASS)
                    .containsEntry("read", Verdict.PASS).containsEntry("scf-session", Verdict.PASS).containsEntry("sup", Verdict.PASS)
                    .containsEntry("sync-scope", Verdict.PASS);
            // an address works for NTLM but not for Kerberos: said, not failed
            assertThat(check(d, "dns").verdict()).isEqualTo(Verdict.WARN);
            assertThat(check(d, "dns").advice()).contains("Kerberos");
            assertThat(check(d, "kerberos").verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(check(d, "kerberos").evidence()).contains("NTLM only");
            assertThat(check(d, "provider-clock").verdict()).as("the simulator serves no Win32_UTCTime (only Win32_OperatingSystem in root\\cimv2)").isEqualTo(Verdict.SKIPPED);
            assertThat(check(d, "ntlm").evidence()).contains("LAB\\").contains("NTLMv2");
            assertThat(check(d, "activation").evidence()).contains("port " + server.exporterPort());
            assertThat(check(d, "namespace").evidence()).contains("root\\sms\\site_CAS").contains("top-level");
            assertThat(d.checks()).allSatisfy(c -> assertThat(c.elapsed()).isLessThanOrEqualTo(CHECK.plusSeconds(1)));
            // read-only: the session was released, nothing committed, nothing left open
            assertThat(sim.openSiteControlSessions()).isZero();
            assertThat(d.toString()).doesNotContain(LoopbackSites.PASSWORD);
        }
    }

    @Test
    void aWrongPasswordFailsActivationAndTheSessionAndSkipsTheSiteChecks() {
        try (WmiServer server = start(provider(), b -> { })) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "CAS", ""), Credentials.of("LAB\\admin", "wrong-password"));
            assertThat(check(d, "ntlm").verdict()).as("NTLM itself is offered").isEqualTo(Verdict.PASS);
            assertThat(check(d, "activation").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(check(d, "activation").evidence()).contains("access denied");
            assertThat(check(d, "activation").advice()).contains("password");
            assertThat(check(d, "session").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(check(d, "read").verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(d.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(d.toString()).doesNotContain("wrong-password");
        }
    }

    @Test
    void aServerThatDeniesNtlmFailsActivationWithKerberosAsTheWayOut() {
        // as Windows with "Restrict NTLM: deny all": the challenge is sent, the logon refused (WmiServer.refuseNtlm)
        try (WmiServer server = start(provider(), b -> b.refuseNtlm(true))) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "CAS", ""), LoopbackSites.ADMIN);
            assertThat(check(d, "ntlm").verdict()).as("the challenge is still offered").isEqualTo(Verdict.PASS);
            Check a = check(d, "activation");
            assertThat(a.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(a.evidence()).contains("access denied");
            assertThat(a.advice()).contains("Restrict NTLM").contains("Kerberos");
            assertThat(check(d, "session").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(check(d, "read").verdict()).isEqualTo(Verdict.SKIPPED);
        }
    }

    @Test
    void aConnectLevelClientIsToldAboutTheHardeningAndThatTheDefaultLevelWorks() {
        try (WmiServer server = start(provider(), b -> { })) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "CAS", "auth=connect"), LoopbackSites.ADMIN);
            Check a = check(d, "activation");
            assertThat(a.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(a.evidence()).contains("auth=connect").contains("KB5004442").contains("PKT_PRIVACY instead")
                    .contains("activated");
            assertThat(a.advice()).contains("remove auth=connect");
            assertThat(check(d, "tcp-exporter").verdict()).isEqualTo(Verdict.PASS);
            assertThat(check(d, "session").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(check(d, "session").evidence()).contains("auth=connect is refused");
            assertThat(check(d, "session").title()).startsWith("Open a session");
            assertThat(server.callCount("IRemoteSCMActivator", 4)).as("activations, all at packet privacy").isEqualTo(1);
        }
    }

    @Test
    void anExporterPortTheClientCannotReachFailsItsOwnCheckAfterAPassedActivation() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (WmiServer server = start(provider(), b -> b.announcedExporterPort(closed))) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "CAS", ""), LoopbackSites.ADMIN);
            assertThat(check(d, "activation").verdict()).isEqualTo(Verdict.PASS);
            Check e = check(d, "tcp-exporter");
            assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(e.evidence()).contains("port " + closed).contains("refused");
            assertThat(e.advice()).contains("49152-65535");
            assertThat(check(d, "session").verdict()).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void aReadOnlyAccountReadsButIsWarnedThatItCannotEditTheSite() {
        try (WmiServer server = start(provider(), b -> { })) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "CAS", ""), Credentials.of("LAB\\reader", LoopbackSites.PASSWORD));
            assertThat(check(d, "read").verdict()).isEqualTo(Verdict.PASS);
            Check scf = check(d, "scf-session");
            assertThat(scf.verdict()).isEqualTo(Verdict.WARN);
            assertThat(scf.evidence()).contains("read-only").contains("WBEM_E_ACCESS_DENIED");
            assertThat(d.checks(Verdict.FAIL)).as(d.toString()).isEmpty();
        }
    }

    @Test
    void aChildSiteIsToldThatSynchronizationStartsAtItsParent() {
        try (WmiServer server = start(provider(), b -> { })) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "PS1", ""), LoopbackSites.ADMIN);
            assertThat(check(d, "namespace").evidence()).contains("site_PS1").contains("child of CAS");
            Check scope = check(d, "sync-scope");
            assertThat(scope.verdict()).isEqualTo(Verdict.WARN);
            assertThat(scope.evidence()).contains("child of CAS");
            assertThat(check(d, "sup").verdict()).isEqualTo(Verdict.PASS);
            assertThat(d.checks(Verdict.FAIL)).as(d.toString()).isEmpty();
        }
    }

    @Test
    void aFailedLastSynchronizationFailsTheSyncCheckWithItsErrorCode() {
        SimulatedProvider sim = provider();
        sim.sync().failNext(0x80244010);
        try (ConfigMgr memory = ConfigMgr.builder().uri("memory:doctor").provider(sim.transportProvider()).connect()) {
            memory.softwareUpdatePoint().synchronize();
        }
        sim.sync().runToCompletion();
        try (WmiServer server = start(sim, b -> { })) {
            Diagnosis d = diagnose(LoopbackSites.uri(server, "CAS", ""), LoopbackSites.ADMIN);
            Check sync = check(d, "sync");
            assertThat(sync.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(sync.evidence()).contains("6703").contains("0x80244010");
            assertThat(sync.advice()).contains("wsyncmgr.log");
            assertThat(check(d, "session").verdict()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersFailsByEachChecksDeadlineAndTheRunStaysBounded() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long t0 = System.nanoTime();
            Diagnosis d = ConfigMgr.builder().uri("dcom://127.0.0.1:" + silent.getLocalPort() + "/CAS").credentials(LoopbackSites.ADMIN)
                    .provider(new DcomTransportProvider()).diagnose(Duration.ofMillis(700), Duration.ofSeconds(3));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(check(d, "tcp-resolver").verdict()).isEqualTo(Verdict.PASS);
            assertThat(check(d, "ntlm").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(check(d, "ntlm").evidence()).contains("no answer");
            assertThat(d.checks(Verdict.PASS).size() + d.checks(Verdict.FAIL).size() + d.checks(Verdict.WARN).size()
                    + d.checks(Verdict.SKIPPED).size()).isEqualTo(d.checks().size());
            assertThat(took).as(d.toString()).isLessThan(Duration.ofSeconds(6));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
