package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the JShell startup script ({@code examples/jshell/cm4j.jsh}) in the {@code jshell} tool, the way
 * {@code ./jshell.sh} starts it, and feeds it a few lines — so that the script, its helpers and the session shown
 * in docs/jshell.md never rot.
 */
class JShellScriptTest {
    private static final Path SCRIPT = Path.of(System.getProperty("cm4j.examples.jshell", "jshell/cm4j.jsh"));
    private static final Path JSHELL = Path.of(System.getProperty("java.home"), "bin", "jshell");

    @Test
    void theStartupScriptConnectsTheDemoClientAndEveryHelperWorks() throws IOException, InterruptedException {
        String output = jshell(List.of(
                "System.out.println(\"site: \" + cm.site().siteCode())",
                "help()",
                "System.out.println(\"found: \" + find(UpdateQuery.builder().articleId(\"KB890830\").expired(false).build()).size())",
                "System.out.println(\"update: \" + update(16777300).localizedEulas().isLoaded())",
                "query(\"SELECT SiteCode, Version FROM SMS_Site\", 5)",
                "System.out.println(\"components: \" + components(\"PS1\").stream().map(SciComponent::componentName).toList())",
                "cm = connect(\"memory:demo?version=2007&speed=600\")",
                "System.out.println(\"sync: \" + sync().outcome())",
                "/exit"));

        assertThat(output).doesNotContain("Error:").doesNotContain("Exception")
                .contains("cm4j: cm = ConfigMgr[memory:demo, root\\sms\\site_CAS], CAS \"Central Administration Site\"")
                .contains("site: CAS")
                .contains("find(query)             updates matching an UpdateQuery")
                .containsPattern("found: [1-9]")
                .contains("update: true")
                .contains("SMS_Site{SiteCode=\"PS1\", Version=\"5.00.9122.1000\"}")
                .contains("components: [").contains("SMS_WSUS_SYNC_MANAGER")
                .contains("6702 CEN").contains("sync: SUCCEEDED");
    }

    @Test
    void aTargetComesFromCm4jUriAndAUserNeedsAPassword() throws IOException, InterruptedException {
        String output = jshell(List.of("System.out.println(\"version: \" + cm.site().version().is2007())", "/exit"),
                "CM4J_URI", "memory:demo?version=2007");
        assertThat(output).doesNotContain("Error:").contains("version: true");

        String withoutPassword = jshell(List.of("/exit"), "CM4J_USER", "LAB\\cmadmin");
        assertThat(withoutPassword).contains("CM4J_USER is set: set CM4J_PASSWORD too");
    }

    /** Runs jshell with the test class path, the default and the cm4j startup scripts, and these input lines. */
    private static String jshell(List<String> input, String... environment) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(JSHELL), "no jshell in " + JSHELL.getParent() + " (a JRE, not a JDK)");
        assertThat(SCRIPT).exists();
        Path in = Files.createTempFile("jshell-", ".in");
        Path out = Files.createTempFile("jshell-", ".out");
        try {
            Files.write(in, input, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(JSHELL.toString(), "-R-Xmx256m", "--class-path",
                    System.getProperty("java.class.path"), "--startup", "DEFAULT", "--startup", SCRIPT.toString())
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true);
            pb.environment().remove("CM4J_URI");
            pb.environment().remove("CM4J_USER");
            pb.environment().remove("CM4J_PASSWORD");
            for (int i = 0; i < environment.length; i += 2) {
                pb.environment().put(environment[i], environment[i + 1]);
            }
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("jshell still running after 120 s: " + Files.readString(out));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
