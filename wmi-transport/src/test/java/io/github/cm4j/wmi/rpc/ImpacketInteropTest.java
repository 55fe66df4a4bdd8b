package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.impacket.ImpacketHarness;
import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * impacket 0.10's DCE/RPC client ({@code DCERPCTransportFactory('ncacn_ip_tcp:...')}, {@code set_credentials},
 * {@code set_auth_level}, {@code bind}, {@code call}/{@code recv}, {@code alter_ctx}) talks to our RpcServer through
 * {@code rpc_interop.py}: at packet integrity and privacy it authenticates and gets its echoes back, large stubs
 * fragmented both ways; at CONNECT level and with a wrong password it is refused with the error impacket reports
 * for Windows' access-denied fault. Skipped when {@code /usr/bin/python3} cannot import impacket.
 */
class ImpacketInteropTest {
    private static final Credentials ACCOUNT = Credentials.of("LAB\\svc-wmi", "Winter2024!");
    /** NT hash of "password" (pass-the-hash account). */
    private static final String HASH = "8846f7eaee8fb117ad06bdd830b7586c";

    @TempDir
    static Path dir;
    private static Path script;

    private EchoInterface echo;
    private RpcServer server;

    @BeforeAll
    static void impacket() throws Exception {
        ImpacketHarness.assumeAvailable();
        script = ImpacketHarness.script(ImpacketInteropTest.class, "rpc_interop.py", dir);
    }

    @BeforeEach
    void start() {
        echo = new EchoInterface();
        NtlmServer ntlm = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ACCOUNT)
                .account(Credentials.ofNtHash("LAB\\hashed", HASH)).build();
        server = RpcServer.builder().ntlm(ntlm).register(EchoInterface.IFACE, echo).register(EchoInterface.SECOND, echo).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> impacket(String level, String user, String kind, String secret, boolean alter) throws Exception {
        List<String> command = new ArrayList<>(List.of(ImpacketHarness.PYTHON, script.toString(), String.valueOf(server.port()), level,
                user, "LAB", kind, secret, EchoInterface.IFACE.uuid().toString()));
        if (alter) {
            command.add(EchoInterface.SECOND.uuid().toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("impacket did not finish in 120 s:\n" + out);
        }
        assertThat(p.exitValue()).as("impacket exit code; output:\n" + out).isZero();
        return out.lines().toList();
    }

    /**
     * What impacket's {@code DCERPC_v5.recv()} raises for a fault PDU with status 5: it looks the status up in
     * {@code rpc_status_codes} and raises {@code DCERPCException('rpc_s_access_denied')}, the error impacket users
     * see from Windows for a wrong password or an insufficient level.
     */
    private static final String DENIED = "error rpc_s_access_denied";

    private static final List<String> ALL_STEPS = List.of("ok bind", "ok echo 0", "ok echo 1", "ok echo 100", "ok echo 4000",
            "ok echo 20000", "ok echo 150000", "ok large answer 300000");

    @Test
    void impacketCallsTheEchoInterfaceAtPacketPrivacyIncludingAlterContext() throws Exception {
        List<String> lines = impacket("privacy", "svc-wmi", "password", "Winter2024!", true);
        List<String> expected = new ArrayList<>(ALL_STEPS);
        expected.add("ok alter_ctx echo 9000");
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(echo.calls).allSatisfy(c -> {
            assertThat(c.authLevel()).isEqualTo(AuthLevel.PKT_PRIVACY);
            assertThat(c.principal()).contains(new NtlmPrincipal("LAB", "svc-wmi"));
        });
        assertThat(echo.calls).extracting(RpcCall::iface).endsWith(EchoInterface.SECOND);
    }

    @Test
    void impacketCallsTheEchoInterfaceAtPacketIntegrity() throws Exception {
        assertThat(impacket("integrity", "svc-wmi", "password", "Winter2024!", false)).containsExactlyElementsOf(ALL_STEPS);
        assertThat(echo.calls).extracting(RpcCall::authLevel).containsOnly(AuthLevel.PKT_INTEGRITY);
    }

    @Test
    void impacketAuthenticatesWithAnNtHash() throws Exception {
        assertThat(impacket("privacy", "hashed", "nthash", HASH, false)).containsExactlyElementsOf(ALL_STEPS);
        assertThat(echo.calls).extracting(c -> c.principal().orElseThrow().user()).containsOnly("hashed");
    }

    @Test
    void impacketAtConnectLevelIsRefusedWithAccessDenied() throws Exception {
        assertThat(impacket("connect", "svc-wmi", "password", "Winter2024!", false))
                .containsExactly("ok bind", DENIED);
        assertThat(echo.calls).isEmpty();
    }

    @Test
    void impacketWithAWrongPasswordIsRefusedWithAccessDenied() throws Exception {
        assertThat(impacket("privacy", "svc-wmi", "password", "Summer2024!", false))
                .containsExactly("ok bind", DENIED);
        assertThat(impacket("integrity", "nobody", "password", "Winter2024!", false))
                .containsExactly("ok bind", DENIED);
        assertThat(echo.calls).isEmpty();
    }
}
