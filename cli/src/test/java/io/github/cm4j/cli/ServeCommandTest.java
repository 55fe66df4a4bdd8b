package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.dcom.ComVersion;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.rpc.RpcClientConnection;
import io.github.cm4j.wmi.rpc.SyntaxId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void serveAnswersDcomCallsOnThePrintedPortUntilItsDurationEnds() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> name.equals("CM4J_PASSWORD") ? "Secret1!" : null));
        cl.setOut(new PrintWriter(out, true));
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(cl.execute("--user", "LAB\\admin", "--port", "0", "--duration", "PT8S")));
        serving.start();

        Matcher m = Pattern.compile("activation port (\\d+), object exporter port (\\d+)").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!m.reset(out.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as("printed: " + out).isTrue();
        assertThat(out.toString()).contains("namespace root\\sms\\site_CAS").contains("account LAB\\admin");

        try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", Integer.parseInt(m.group(1)))
                .credentials(Credentials.of("LAB\\admin", "Secret1!")).connect()) {
            int ctx = c.bind(SyntaxId.of(IObjectExporter.IID.toString(), 0, 0), Duration.ofSeconds(10));
            byte[] stub = c.call(ctx, IObjectExporter.OPNUM_SERVER_ALIVE2, null, new byte[0], Duration.ofSeconds(10));
            IObjectExporter.ServerAlive2Response alive = IObjectExporter.ServerAlive2Response.decode(stub);
            assertThat(alive.status()).isZero();
            assertThat(alive.comVersion()).isEqualTo(ComVersion.V5_7);
        }
        serving.join(30_000);
        assertThat(code.get()).isZero();
        assertThat(out.toString()).contains("server stopped");
    }

    @Test
    void serveWithContentServesTheFilesItsCatalogDescribesSoADownloadOverDcomLandsVerified(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> name.equals("CM4J_PASSWORD") ? "Secret1!" : null));
        cl.setOut(new PrintWriter(out, true));
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(cl.execute("--user", "LAB\\admin", "--port", "0", "--content",
                "--duration", "PT20S")));
        serving.start();
        Matcher m = Pattern.compile("activation port (\\d+)").matcher("");
        Matcher c = Pattern.compile("content files over HTTP at (http://127\\.0\\.0\\.1:\\d+/content/)").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(m.reset(out.toString()).find() && c.reset(out.toString()).find()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(m.find(0) && c.find(0)).as("printed: " + out).isTrue();
        try (io.github.cm4j.ConfigMgr cm = io.github.cm4j.ConfigMgr.builder().uri("dcom://127.0.0.1:" + m.group(1) + "/CAS")
                .credentials(Credentials.of("LAB\\admin", "Secret1!")).connect()) {
            io.github.cm4j.model.SoftwareUpdate u = cm.softwareUpdates().get(16_777_300L);
            java.util.List<io.github.cm4j.model.CiContentFile> files = cm.softwareUpdates().content(u);
            assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(f.sourceUrl()).startsWith(c.group(1)));
            java.util.List<io.github.cm4j.updates.DownloadedFile> got = cm.softwareUpdates().downloadContent(u, dir);
            assertThat(got).hasSameSizeAs(files).allSatisfy(f -> {
                assertThat(f.downloaded()).isTrue();
                assertThat(f.path()).hasParent(dir).isRegularFile();
                assertThat(f.bytes()).isEqualTo(f.file().fileSize());
            });
        }
        serving.join(40_000);
        assertThat(code.get()).isZero();
    }

    @Test
    void serveWithoutAPasswordSaysWhereItComesFrom() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> null));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println(ex.getMessage());
            return 1;
        });

        int code = cl.execute("--user", "LAB\\admin", "--port", "0");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("CM4J_PASSWORD");
    }

    @Test
    void serveWithAKeytabAndNoNtlmAcceptsKerberosAndRefusesNtlm() throws Exception {
        io.github.cm4j.testing.TestKdc kdc = io.github.cm4j.testing.TestKdc.shared();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> null));
        cl.setOut(new PrintWriter(out, true));
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(cl.execute("--user", io.github.cm4j.testing.TestKdc.ALICE, "--port", "0",
                "--keytab", kdc.serviceKeytab().toString(), "--principal", io.github.cm4j.testing.TestKdc.SERVICE, "--no-ntlm",
                "--duration", "PT10S")));
        serving.start();
        Matcher m = Pattern.compile("activation port (\\d+)").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!m.reset(out.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as("printed: " + out).isTrue();
        assertThat(out.toString()).contains("Kerberos (host/cas.lab.test@LAB.TEST, NTLM refused)");
        String uri = "dcom://127.0.0.1:" + m.group(1) + "/CAS?spn=host/cas.lab.test";
        try (io.github.cm4j.ConfigMgr cm = io.github.cm4j.ConfigMgr.builder().uri(uri)
                .credentials(Credentials.kerberosPassword(io.github.cm4j.testing.TestKdc.ALICE,
                        io.github.cm4j.testing.TestKdc.ALICE_PASSWORD)).connect()) {
            assertThat(cm.site().siteCode()).isEqualTo("CAS");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.github.cm4j.ConfigMgr.builder().uri(uri)
                .credentials(Credentials.of("LAB\\alice", "Whatever-1")).connect())
                .isInstanceOf(io.github.cm4j.AuthenticationException.class).hasMessageContaining("refuses NTLM");
        serving.join(30_000);
        assertThat(code.get()).isZero();
    }

    @Test
    void serveAdminServicePrintsItsUriAndFingerprintAndAnswersSmsSiteOverHttps() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> null));
        cl.setOut(new PrintWriter(out, true));
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(cl.execute("--adminservice", "--port", "0", "--duration", "PT6S")));
        serving.start();

        Matcher m = Pattern.compile("--uri '([^']+)'").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!m.reset(out.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as("printed: " + out).isTrue();
        assertThat(out.toString()).contains("fingerprint sha256:").contains("NTLM refused").contains("no authentication");
        try (io.github.cm4j.ConfigMgr cm = io.github.cm4j.ConfigMgr.connect(m.group(1))) {
            assertThat(cm.site().siteCode()).isEqualTo("CAS");
        }
        serving.join(30_000);
        assertThat(code.get()).isZero();
        assertThat(out.toString()).contains("server stopped");
    }

    @Test
    void serveAdminServiceWithAllowNtlmAcceptsNtlmClientsWithThatAccount() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> "CM4J_PASSWORD".equals(name) ? "Ntlm-pa55" : null));
        cl.setOut(new PrintWriter(out, true));
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(cl.execute("--adminservice", "--allow-ntlm", "--user", "LAB\\alice",
                "--port", "0", "--duration", "PT8S")));
        serving.start();

        Matcher m = Pattern.compile("--uri '([^']+)'").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!m.reset(out.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as("printed: " + out).isTrue();
        assertThat(out.toString()).contains("NTLM accepted for LAB\\alice").doesNotContain("Ntlm-pa55");
        assertThat(m.group(1)).contains("ntlm=on").doesNotContain("auth=none");
        try (io.github.cm4j.ConfigMgr cm = io.github.cm4j.ConfigMgr.connect(m.group(1), Credentials.of("LAB\\alice", "Ntlm-pa55"))) {
            assertThat(cm.site().siteCode()).isEqualTo("CAS");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.github.cm4j.ConfigMgr.connect(m.group(1),
                Credentials.of("LAB\\alice", "wrong")).site())
                .isInstanceOf(io.github.cm4j.AuthenticationException.class).hasMessageContaining("refused the NTLM logon");
        serving.join(30_000);
        assertThat(code.get()).isZero();
    }

    @Test
    void allowNtlmNeedsAUser() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> null));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println(e.getMessage());
            return 1;
        });
        assertThat(cl.execute("--adminservice", "--allow-ntlm", "--port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--allow-ntlm needs --user");
    }

    @Test
    void serveWithNoSupLeavesThatSiteWithoutASoftwareUpdatePointAndASyncRequestThereEndsNotStarted() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> name.equals("CM4J_PASSWORD") ? "Secret1!" : null));
        cl.setOut(new PrintWriter(out, true));
        AtomicInteger code = new AtomicInteger(-1);
        // the site clock 600 times faster: the 5-minute grace period is half a second of real time
        Thread serving = new Thread(() -> code.set(cl.execute("--user", "LAB\\admin", "--port", "0", "--no-sup", "CAS",
                "--speed", "600", "--duration", "PT20S")));
        serving.start();
        Matcher m = Pattern.compile("activation port (\\d+)").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!m.reset(out.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as("printed: " + out).isTrue();
        try (io.github.cm4j.ConfigMgr cm = io.github.cm4j.ConfigMgr.builder().uri("dcom://127.0.0.1:" + m.group(1) + "/CAS")
                .credentials(Credentials.of("LAB\\admin", "Secret1!")).connect()) {
            io.github.cm4j.sync.SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofSeconds(15));
            assertThat(r.outcome()).as(r.toString()).isEqualTo(io.github.cm4j.sync.SyncOutcome.NOT_STARTED);
            assertThat(String.join("\n", r.notes())).contains("no active software update point");
        }
        serving.join(40_000);
        assertThat(code.get()).isZero();
    }

    @Test
    void noSupNamesAnUnknownSiteWithTheHierarchysSites() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand(name -> "Secret1!"));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println(e.getMessage());
            return 1;
        });
        assertThat(cl.execute("--user", "LAB\\admin", "--port", "0", "--no-sup", "XYZ")).isEqualTo(1);
        assertThat(err.toString()).startsWith("--no-sup: site XYZ is not in the hierarchy").contains("CAS");
    }
}
