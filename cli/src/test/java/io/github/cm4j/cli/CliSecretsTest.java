package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code cm4j query --uri dcom://... --user ...} as a separate process (its own JVM, slf4j-simple at TRACE), with the
 * password in {@code CM4J_PASSWORD}, against an in-test loopback server: the rows are right, and the password appears
 * nowhere in stdout or stderr — also when the password is wrong.
 */
class CliSecretsTest {
    private static final String PASSWORD = "Cli-Needle-90417!";

    private static String[] run(int port, String password, String wql) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", Cm4j.class.getName(), "query",
                "--uri", "dcom://127.0.0.1:" + port + "/CAS", "--user", "LAB\\admin", wql));
        pb.environment().put("CM4J_PASSWORD", password);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8), String.valueOf(p.exitValue())};
    }

    @Test
    void queryOverDcomPrintsTheRowsAndNeverThePassword() throws Exception {
        try (WmiServer server = WmiServer.builder().provider(SimulatedProvider.demo()).account("LAB", "admin", PASSWORD).build()) {
            int port = server.start();
            String[] ok = run(port, PASSWORD, "SELECT SiteCode FROM SMS_Site");
            assertThat(ok[2]).as("exit code; stderr: %s", ok[1]).isEqualTo("0");
            assertThat(ok[0]).contains("CAS", "PS1", "PS2");
            String[] wrong = run(port, PASSWORD + "x", "SELECT SiteCode FROM SMS_Site");
            assertThat(wrong[2]).isNotEqualTo("0");
            assertThat(wrong[1]).isNotBlank();
            for (String output : new String[] {ok[0], ok[1], wrong[0], wrong[1]}) {
                assertThat(output).doesNotContain(PASSWORD).doesNotContain("Needle");
            }
        }
    }
}
