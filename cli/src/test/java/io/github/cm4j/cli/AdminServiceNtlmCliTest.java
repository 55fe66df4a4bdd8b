package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.simulator.AdminServiceServer;
import io.github.cm4j.simulator.SimulatedProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line over {@code adminservice://...?ntlm=on} with {@code --user 'DOMAIN\\user'} and
 * {@code CM4J_PASSWORD} (a separate process, as a user runs it) against a loopback service that allows NTLM:
 * {@code updates list} reads the catalog; a wrong password exits 1 naming the refused logon; without
 * {@code ntlm=on} the same credentials are refused with the 2509 message; doctor warns that NTLM is in use.
 */
class AdminServiceNtlmCliTest {
    private static final String PASSWORD = "Cli-ntlm-1";

    private static String[] process(String password, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Cm4j.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CM4J_PASSWORD", password);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8),
            String.valueOf(p.exitValue())};
    }

    @Test
    void updatesListAndDoctorWorkOverNtlmWhereTheServiceAllowsIt() throws Exception {
        try (AdminServiceServer server = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS"))
                .allowNtlm(List.of(Credentials.of("LAB\\alice", PASSWORD))).start()) {
            String uri = server.uri();
            assertThat(uri).contains("ntlm=on");
            String[] list = process(PASSWORD, "updates", "list", "--limit", "3", "--uri", uri, "--user", "LAB\\alice");
            assertThat(list[2]).as(list[1]).isEqualTo("0");
            assertThat(list[0].lines().filter(l -> l.matches("\\s*\\d{8}\\s.*")).count()).as(list[0]).isEqualTo(3);
            assertThat(server.ntlmAuthenticatedRequests()).isPositive();

            String[] wrong = process("not-it", "updates", "list", "--limit", "3", "--uri", uri, "--user", "LAB\\alice");
            assertThat(wrong[2]).isEqualTo("1");
            assertThat(wrong[1]).contains("refused the NTLM logon of LAB\\alice").doesNotContain("not-it");

            String[] without = process(PASSWORD, "updates", "list", "--limit", "3", "--uri", uri.replace("&ntlm=on", ""),
                    "--user", "LAB\\alice");
            assertThat(without[2]).isNotEqualTo("0");
            assertThat(without[1]).contains("refuses NTLM (ConfigMgr 2509 and later)");

            String[] doctor = process(PASSWORD, "doctor", "--uri", uri, "--user", "LAB\\alice");
            assertThat(doctor[0]).as(doctor[1]).contains("ntlm=on: cm4j will use NTLM");
        }
    }
}
