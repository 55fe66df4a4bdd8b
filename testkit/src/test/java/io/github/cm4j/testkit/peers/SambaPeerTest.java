package io.github.cm4j.testkit.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared Samba AD DC fixture does what its API says, checked with MIT Kerberos tools in its namespace. */
class SambaPeerTest {

    private static SambaPeer samba;

    @BeforeAll
    static void peer() {
        samba = SambaPeer.shared();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void kdcAndEndpointMapperAreReachableFromTheTestJvm() throws IOException {
        for (InetSocketAddress a : List.of(samba.kdc(), samba.endpointMapper())) {
            try (Socket s = new Socket()) {
                s.connect(a, 5000);
                assertThat(s.isConnected()).as("%s", a).isTrue();
            }
        }
        assertThat(samba.realm()).isEqualTo("LAB.TEST");
        assertThat(samba.toString()).contains("LAB.TEST", "dc.lab.test", "cas.lab.test").doesNotContain(samba.adminPassword());
    }

    @Test
    void aServerOnTheMemberAddressIsReachedFromTheNamespaceByName() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(samba.memberAddress(), 0));
            Thread accept = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("hello from the JVM\n".getBytes());
                } catch (IOException e) {
                    // the assertion below fails
                }
            });
            accept.start();
            SambaPeer.Result r = samba.exec(List.of("bash", "-c",
                    "exec 3<>/dev/tcp/" + samba.memberHost() + "/" + server.getLocalPort() + " && head -1 <&3"),
                    Map.of(), Duration.ofSeconds(10));
            accept.join(5000);
            assertThat(r.stdout()).as("%s %s", r, r.stderr()).contains("hello from the JVM");
        }
    }

    @Test
    void aJvmGivenTheHostsFileResolvesTheLabNamesAsTheNamespaceDoes() throws Exception {
        // jdk.net.hosts.file is read at a JVM's first lookup, so a child JVM checks it (as a surefire argLine would).
        Path probe = samba.workDirectory().resolve("Resolve.java");
        Files.writeString(probe, "public class Resolve { public static void main(String[] a) throws Exception {"
                + " for (String n : a) System.out.println(n + \"=\" + java.net.InetAddress.getByName(n).getHostAddress()); } }");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java));
        cmd.addAll(samba.jvmOptions());
        cmd.addAll(List.of(probe.toString(), samba.dcHost(), samba.memberHost(), "localhost"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        SambaPeer.Result ns = samba.exec(List.of("getent", "hosts", samba.dcHost(), samba.memberHost()), Map.of(),
                Duration.ofSeconds(10));
        assertThat(out).contains(samba.dcHost() + "=" + samba.dcAddress().getHostAddress(),
                samba.memberHost() + "=" + samba.memberAddress().getHostAddress(), "localhost=127.0.0.1");
        assertThat(ns.stdout()).contains(samba.dcAddress().getHostAddress() + " ", samba.memberAddress().getHostAddress() + " ");
    }

    @Test
    void kinitGetsATicketForANewUserAndRefusesAWrongPassword() throws IOException {
        String user = unique("kt");
        String principal = samba.addUser(user, "Pa55-word-" + user);
        Path cache = samba.kinit(principal, "Pa55-word-" + user);
        SambaPeer.Result klist = samba.exec(List.of("klist", "-c", "FILE:" + cache), Map.of(), Duration.ofSeconds(10));
        assertThat(klist.stdout()).contains("Default principal: " + user + "@LAB.TEST", "krbtgt/LAB.TEST@LAB.TEST");

        SambaPeer.Result wrong = samba.exec(List.of("bash", "-c", "echo wrong-Password1 | kinit " + principal),
                Map.of("KRB5CCNAME", "FILE:" + cache + ".wrong"), Duration.ofSeconds(10));
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stderr()).containsIgnoringCase("password");
    }

    @Test
    void aComputerWithSpnsGetsTicketsAndItsKeytabDecryptsThem() throws IOException {
        String name = unique("srv");
        String host = name + ".lab.test";
        String account = samba.addComputer(name, "host/" + host, "HTTP/" + host);
        assertThat(account).isEqualTo(name + "$");
        Path keytab = samba.exportKeytab(account, samba.workDirectory().resolve(name + ".keytab"));
        assertThat(Files.size(keytab)).isPositive();
        SambaPeer.Result keys = samba.exec(List.of("klist", "-k", "-e", keytab.toString()), Map.of(), Duration.ofSeconds(10));
        assertThat(keys.stdout()).contains("host/" + host + "@LAB.TEST (aes256-cts-hmac-sha1-96)",
                "HTTP/" + host + "@LAB.TEST (aes256-cts-hmac-sha1-96)", account + "@LAB.TEST (aes256-cts-hmac-sha1-96)",
                "host/" + host + "@LAB.TEST (DEPRECATED:arcfour-hmac)");

        String user = unique("cl");
        Path cache = samba.kinit(samba.addUser(user, "Pa55-word-" + user), "Pa55-word-" + user);
        SambaPeer.Result kvno = samba.exec(List.of("kvno", "-k", keytab.toString(), "host/" + host, "HTTP/" + host),
                Map.of("KRB5CCNAME", "FILE:" + cache), Duration.ofSeconds(10));
        // kvno -k decrypts each service ticket with the keytab: "..., keytab entry valid"
        assertThat(kvno.stdout()).as(kvno.stderr()).contains("host/" + host + "@LAB.TEST: kvno = ", "keytab entry valid");
        assertThat(kvno.stdout().lines().filter(l -> l.endsWith("keytab entry valid"))).hasSize(2);
    }

    @Test
    void theMemberComputerHasTheHostAndHttpSpnsOfCas() throws IOException {
        String account = samba.memberComputer();
        assertThat(account).isEqualTo("cas$");
        assertThat(samba.memberComputer()).isEqualTo(account);     // idempotent
        Path keytab = samba.exportKeytab(account, samba.workDirectory().resolve("cas.keytab"));
        SambaPeer.Result keys = samba.exec(List.of("klist", "-k", keytab.toString()), Map.of(), Duration.ofSeconds(10));
        assertThat(keys.stdout()).contains("host/cas.lab.test@LAB.TEST", "HTTP/cas.lab.test@LAB.TEST");
    }

    @Test
    void anRc4OnlyAccountGetsRc4ServiceTickets() {
        String svc = unique("rc");
        samba.addRc4OnlyAccount(svc, "Pa55-word-" + svc, "host/" + svc + ".lab.test");
        String user = unique("cl");
        Path cache = samba.kinit(samba.addUser(user, "Pa55-word-" + user), "Pa55-word-" + user);
        SambaPeer.Result kvno = samba.exec(List.of("kvno", "host/" + svc + ".lab.test"),
                Map.of("KRB5CCNAME", "FILE:" + cache), Duration.ofSeconds(10));
        assertThat(kvno.succeeded()).as(kvno.stderr()).isTrue();
        SambaPeer.Result klist = samba.exec(List.of("klist", "-e", "-c", "FILE:" + cache), Map.of(), Duration.ofSeconds(10));
        String ticketLine = klist.stdout().lines().dropWhile(l -> !l.contains("host/" + svc)).skip(1)
                .findFirst().orElse("");
        assertThat(ticketLine).as(klist.stdout()).contains("Etype (skey, tkt): DEPRECATED:arcfour-hmac, DEPRECATED:arcfour-hmac");
    }
}
