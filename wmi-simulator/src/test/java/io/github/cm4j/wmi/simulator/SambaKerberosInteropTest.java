package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import io.github.cm4j.testkit.peers.SambaPeer;
import io.github.cm4j.wmi.transport.DcomTransportProvider;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kerberos for {@code dcom://} proven with tickets from a real Active Directory KDC (Samba's, in its own network
 * namespace: {@link SambaPeer}): cm4j's client and cm4j's server (keytab exported by Samba for {@code cas$}) pass the
 * transport contract kit at packet integrity and privacy with AES256 and with RC4 session keys, synchronize to 6702 on
 * both provider versions, and impacket 0.10's Kerberos DCOM client (an implementation nobody here wrote) queries,
 * reads an object with lazy properties and runs a method against the server.
 *
 * <p>Runs in the {@code samba-kerberos} surefire execution of this module, whose JVM reads Samba's krb5.conf and hosts
 * file ({@code java.security.krb5.conf} and {@code jdk.net.hosts.file} are read once per JVM, and the other tests of this
 * module use an in-process KDC of the same realm name); anywhere else it skips.
 */
class SambaKerberosInteropTest {
    private static final Duration T = Duration.ofSeconds(60);
    /** The password of the throw-away test accounts (the domain lives only for the test run). */
    private static final String PASSWORD = "Cm4j-Kerb-" + UUID.randomUUID().toString().substring(0, 8) + "!";

    /** The domain, the accounts and keytabs of this class, made once per JVM. */
    private static final class Lab {
        static final Lab INSTANCE = new Lab();
        final SambaPeer samba;
        final String user;
        final Path casKeytab;
        final String rc4Service;
        final Path rc4Keytab;
        final Throwable failure;

        private Lab() {
            SambaPeer s = null;
            String u = null;
            Path cas = null;
            Path rc4 = null;
            String rc4Spn = null;
            Throwable failed = null;
            try {
                s = SambaPeer.shared();
                String krb5 = System.getProperty("java.security.krb5.conf", "");
                assumeTrue(krb5.equals(s.krb5Conf().toString()), "this JVM does not read Samba's krb5.conf ("
                        + s.krb5Conf() + "): the test runs in the samba-kerberos surefire execution (mvn -pl wmi-simulator verify)");
                String suffix = UUID.randomUUID().toString().substring(0, 6);
                u = s.addUser("krb" + suffix, PASSWORD);
                cas = s.exportKeytab(s.memberComputer(), s.workDirectory().resolve("cas-" + suffix + ".keytab"));
                // an account limited to RC4 (msDS-SupportedEncryptionTypes = 4): its tickets and session keys are rc4-hmac
                rc4Spn = "cm4jrc4" + suffix + "/" + s.memberHost(); // SPNs are unique in the domain, which outlives a run
                s.addRc4OnlyAccount("rc4" + suffix, PASSWORD, rc4Spn);
                rc4 = s.exportKeytab("rc4" + suffix, s.workDirectory().resolve("rc4-" + suffix + ".keytab"));
            } catch (RuntimeException | Error e) { // a skip (TestAbortedException) or a failure, reported by get()
                failed = e;
            }
            this.samba = s;
            this.user = u;
            this.casKeytab = cas;
            this.rc4Service = rc4Spn;
            this.rc4Keytab = rc4;
            this.failure = failed;
        }

        static Lab get() {
            Lab lab = INSTANCE;
            if (lab.failure instanceof RuntimeException e) {
                throw e;
            }
            if (lab.failure instanceof Error e) {
                throw e;
            }
            return lab;
        }

        Credentials credentials() {
            return Credentials.kerberosPassword(user, PASSWORD);
        }

        /** @return a server on cas.lab.test's address accepting Kerberos only, for host/ (AES) or the RC4 account */
        WmiServer start(SimulatedProvider provider, boolean rc4) {
            WmiServer server = WmiServer.builder().provider(provider).address(samba.memberAddress()).computerName("CAS")
                    .account("LAB", "ntlm-only-admin", PASSWORD)
                    .kerberosAccount(user, Access.FULL)
                    .kerberos(rc4 ? rc4Service + "@" + samba.realm() : "host/" + samba.memberHost() + "@" + samba.realm(),
                            rc4 ? rc4Keytab : casKeytab)
                    .refuseNtlm(true).build();
            server.start();
            return server;
        }

        String uri(WmiServer server, String site, String options, boolean rc4) {
            return "dcom://" + samba.memberHost() + ":" + server.activationPort() + "/" + site + "?" + options
                    + (rc4 ? "&spn=" + rc4Service : "");
        }
    }

    /** The transport contract over dcom:// with Samba-issued tickets, at one level, mechanism and enctype. */
    abstract static class Kit extends LoopbackContractKit {
        abstract String options();

        abstract boolean rc4();

        @Override
        protected WmiTransport open(SimulatedProvider provider) {
            Lab lab = Lab.get();
            WmiServer server = lab.start(provider, rc4());
            TransportConfig config = new TransportConfig(URI.create(lab.uri(server, "CAS", options(), rc4())), lab.credentials(),
                    Duration.ofSeconds(20), Duration.ofSeconds(30), TransportConfig.DEFAULT_BATCH_SIZE);
            return new LoopbackSites.ServedTransport(new DcomTransportProvider().open(config), server);
        }
    }

    @Nested
    class Aes256AtPrivacyOverSpnego extends Kit {
        @Override
        String options() {
            return "auth=privacy&authn=negotiate&ntlm=off";
        }

        @Override
        boolean rc4() {
            return false;
        }
    }

    @Nested
    class Aes256AtIntegrity extends Kit {
        @Override
        String options() {
            return "auth=integrity&authn=kerberos";
        }

        @Override
        boolean rc4() {
            return false;
        }
    }

    @Nested
    class Rc4AtPrivacy extends Kit {
        @Override
        String options() {
            return "auth=privacy&authn=kerberos";
        }

        @Override
        boolean rc4() {
            return true;
        }
    }

    @Nested
    class Rc4AtIntegrityOverSpnego extends Kit {
        @Override
        String options() {
            return "auth=integrity&authn=negotiate&ntlm=off";
        }

        @Override
        boolean rc4() {
            return true;
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProviderVersion.class, names = {"CURRENT_BRANCH", "CM2007"})
    void synchronizeReachesDoneWithSambaTickets(ProviderVersion version) {
        Lab lab = Lab.get();
        SimulatedClock clock = SimulatedClock.standard();
        SimulatedProvider sim = SimulatedProvider.builder().version(version).clock(clock).catalogSize(100).build();
        try (WmiServer server = lab.start(sim, false);
             ConfigMgr cm = ConfigMgr.builder().uri(lab.uri(server, sim.topSite().code(), "auth=privacy", false))
                     .credentials(lab.credentials()).clock(clock).sleeper(clock::advance).connect()) {
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            List<Integer> ids = r.progress().stream().map(SyncProgress::messageId).toList();
            assertThat(r.outcome().toString()).isEqualTo("SUCCEEDED");
            assertThat(ids).last().isEqualTo(6702);
        }
    }

    @Test
    void anUnknownSpnIsNamedByTheKdcsRefusal() {
        Lab lab = Lab.get();
        try (WmiServer server = lab.start(SimulatedProvider.demo(), false)) {
            String uri = lab.uri(server, "CAS", "auth=privacy&authn=kerberos&spn=host/nosuch.lab.test", false);
            assertThatThrownBy(() -> ConfigMgr.builder().uri(uri).credentials(lab.credentials()).connect().close())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("host/nosuch.lab.test")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        }
    }

    @Test
    void aServerRefusingRc4TurnsAwayAnRc4Ticket() {
        Lab lab = Lab.get();
        WmiServer server = WmiServer.builder().provider(SimulatedProvider.demo()).address(lab.samba.memberAddress())
                .computerName("CAS").account("LAB", "ntlm-only-admin", PASSWORD).kerberosAccount(lab.user, Access.FULL)
                .kerberos(lab.rc4Service + "@" + lab.samba.realm(), lab.rc4Keytab).refuseNtlm(true).refuseRc4(true).build();
        server.start();
        try (server) {
            String uri = lab.uri(server, "CAS", "auth=privacy&authn=kerberos", true);
            assertThatThrownBy(() -> ConfigMgr.builder().uri(uri).credentials(lab.credentials()).connect().close())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("rc4");
        }
    }

    @Test
    void impacketsKerberosDcomClientQueriesGetsAnObjectWithLazyPropertiesAndRunsAMethod(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Lab lab = Lab.get();
        ImpacketClient.assumeAvailable(dir);
        Path script = lab.samba.workDirectory().resolve("impacket_wmi_client.py");
        try (InputStream in = SambaKerberosInteropTest.class.getResourceAsStream("impacket_wmi_client.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String name = lab.user.substring(0, lab.user.indexOf('@'));
        Path cache = lab.samba.kinit(lab.user, PASSWORD);
        // The service ticket comes from MIT's kvno into the cache impacket reads: impacket 0.10's own TGS-REQ carries no
        // checksum in its authenticator, which Samba 4.17's KDC refuses (KRB_AP_ERR_INAPP_CKSUM; impacket 0.11 adds it).
        // What this test checks, impacket's DCE-style AP-REQ and its wrap tokens against our acceptor, is unchanged.
        SambaPeer.Result kvno = lab.samba.exec(List.of("kvno", "host/" + lab.samba.memberHost()),
                Map.of("KRB5CCNAME", cache.toString()), T);
        assertThat(kvno.exitCode()).as("kvno: " + kvno.stdout() + kvno.stderr()).isZero();
        try (WmiServer server = lab.start(SimulatedProvider.demo(), false)) {
            List<String> command = new ArrayList<>(List.of(ImpacketClient.PYTHON, script.toString(),
                    String.valueOf(server.activationPort()), "privacy+kerberos", lab.samba.realm(), name, "", "//./root/sms/site_CAS",
                    "query:SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID = 16777227",
                    "get:SMS_SoftwareUpdate.CI_ID=16777295",
                    "method:SMS_SoftwareUpdate.CI_ID=16777295:GetEULA"));
            SambaPeer.Result r = lab.samba.exec(command, Map.of("KRB5CCNAME", cache.toString(),
                    "CM4J_IMPACKET_HOST", lab.samba.memberHost(), "CM4J_IMPACKET_KDC", lab.samba.dcHost()), T);
            String out = r.stdout();
            assertThat(out).as("impacket's output:\n" + out + "\n" + r.stderr()).doesNotContain("ERROR\t");
            assertThat(out).contains("ROWS\t0\t1").contains("PROP\t0\t0\tCI_ID\t16777227");
            assertThat(out).as("GetObject returns the lazy LocalizedEulas").contains("ROWS\t1\t1")
                    .containsPattern("PROP\t1\t0\tLocalizedEulas\t\\[\\{");
            assertThat(out).as("GetEULA's out-parameters").contains("ROWS\t2\t1").contains("PROP\t2\t0\tReturnValue\t0");
            // the server refuses NTLM: these answers came over Kerberos
        }
    }
}
