package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code cm4j doctor}: the table and the JSON object, exit 0 without failures and 1 with one. */
class DoctorCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cm4j.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {out.toString(), err.toString(), String.valueOf(code)};
    }

    private static String[] process(String password, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Cm4j.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CM4J_PASSWORD", password);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8), String.valueOf(p.exitValue())};
    }

    @Test
    void theEmbeddedSimulatorHasOnlyConfigMgrChecksAndExitsZero() {
        String[] r = run("doctor");
        assertThat(r[2]).as(r[1]).isEqualTo("0");
        assertThat(r[0]).contains("PASS    session").contains("PASS    read").contains("site_CAS").doesNotContain("tcp-resolver");
    }

    @Test
    void jsonIsOneObjectWithTheVerdictAndEveryCheck() {
        String[] r = run("doctor", "--json", "--site", "PS1");
        assertThat(r[0].strip().lines()).hasSize(1);
        assertThat(r[0]).startsWith("{\"target\":\"memory:demo?site=PS1\",\"account\":\"\",\"verdict\":\"warn\",\"elapsed\":")
                .contains("{\"id\":\"sync-scope\",\"title\":\"Manual synchronization from this site\",\"verdict\":\"warn\"")
                .contains("\"advice\":");
    }

    @Test
    void overDcomAWrongPasswordExitsOneAndNeverPrintsThePassword() throws Exception {
        try (WmiServer server = WmiServer.builder().provider(SimulatedProvider.builder().catalogSize(20).build())
                .account("LAB", "admin", "Right-Passw0rd!").build()) {
            int port = server.start();
            String uri = "dcom://127.0.0.1:" + port + "/CAS";
            String[] ok = process("Right-Passw0rd!", "doctor", "--uri", uri, "--user", "LAB\\admin");
            assertThat(ok[2]).as(ok[0] + ok[1]).isEqualTo("0");
            assertThat(ok[0]).contains("PASS    activation").contains("PASS    tcp-exporter").contains("PASS    scf-session");
            String[] bad = process("Wrong-Passw0rd!", "doctor", "--uri", uri, "--user", "LAB\\admin", "--json");
            assertThat(bad[2]).isEqualTo("1");
            assertThat(bad[0]).contains("\"id\":\"activation\",\"title\":\"DCOM activation at the requested level\",\"verdict\":\"fail\"");
            assertThat(bad[0] + bad[1] + ok[0] + ok[1]).doesNotContain("Passw0rd");
        }
    }

    @Test
    void recordThenReplayAQueryFromTheCommandLine(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path file = dir.resolve("q.jsonl");
        String[] live = run("query", "--record", file.toString(), "--redact", "hosts", "SELECT SiteCode, ServerName FROM SMS_Site");
        assertThat(live[2]).as(live[1]).isEqualTo("0");
        assertThat(file).exists();
        String[] replay = run("query", "--uri", "replay:" + file, "SELECT SiteCode, ServerName FROM SMS_Site");
        assertThat(replay[2]).as(replay[1]).isEqualTo("0");
        assertThat(live[0]).contains("contoso.com");
        assertThat(replay[0]).doesNotContain("contoso.com").contains("host-");
        assertThat(replay[0].lines().count()).isEqualTo(live[0].lines().count());
        String[] bad = run("query", "--redact", "hosts", "SELECT * FROM SMS_Site");
        assertThat(bad[2]).isEqualTo("2");
        assertThat(bad[1]).contains("--record FILE");
    }
}
