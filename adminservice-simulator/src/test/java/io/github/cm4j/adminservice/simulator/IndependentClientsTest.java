package io.github.cm4j.adminservice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.SimulatedProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Independent HTTP clients against the loopback AdminService with Kerberos: Debian's curl (GSS-API SPNEGO) after MIT
 * {@code kinit}, and python3-requests-kerberos, both with the certificate as their CA and the KDC's krb5.conf. They read
 * {@code SMS_Site} and {@code SMS_SoftwareUpdate}; without a ticket, or with a ticket the server cannot decrypt (a
 * server keyed for another principal), they get 401; NTLM gets the 2509 refusal. NTLM against a service that allows it
 * (a site before 2509): {@code curl --ntlm} reads both classes, and gets 401 with a wrong password;
 * python3-requests-ntlm (ntlm-auth: Unicode, key exchange, MIC, and channel bindings computed by its own code from
 * the certificate it received) reads both from a service that requires channel bindings, and gets 401 there when it
 * sends none. Skipped with a message where curl, kinit or the Python modules are missing (.ci/run installs them).
 */
@ExtendWith(Kdc.Extension.class)
class IndependentClientsTest {
    private static AdminServiceServer server;
    private static AdminServiceServer wrongKey;
    private static AdminServiceServer ntlm;
    private static AdminServiceServer ntlmWithBindings;
    private static Path dir;
    private static Path ca;
    private static Path ccache;

    @BeforeAll
    static void startServerAndGetATicket() throws Exception {
        Kdc kdc = Kdc.shared();
        server = Loopback.start(SimulatedProvider.demo(), "CAS", kdc);
        dir = Files.createTempDirectory("cm4j-clients");
        ca = dir.resolve("ca.pem");
        ccache = dir.resolve("ccache");
        if (has("kinit")) {
            Result kinit = runWithInput(List.of("kinit", Kdc.USER), ccache, Kdc.PASSWORD + "\n");
            assertThat(kinit.code).as("kinit: " + kinit.out).isZero();
        }
        // a server whose key is not the one the KDC issues tickets for HTTP/localhost with
        wrongKey = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS"))
                .kerberos(kdc.otherKeytab(), kdc.otherPrincipal()).start();
        ntlm = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS"))
                .allowNtlm(List.of(io.github.cm4j.Credentials.of("LAB\\alice", Kdc.PASSWORD))).start();
        ntlmWithBindings = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS"))
                .allowNtlm(List.of(io.github.cm4j.Credentials.of("LAB\\alice", Kdc.PASSWORD))).requireNtlmChannelBindings(true)
                .start();
        Files.writeString(ca, server.certificatePem() + wrongKey.certificatePem() + ntlm.certificatePem()
                + ntlmWithBindings.certificatePem());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (wrongKey != null) {
            wrongKey.close();
        }
        if (ntlm != null) {
            ntlm.close();
        }
        if (ntlmWithBindings != null) {
            ntlmWithBindings.close();
        }
    }

    private static String url(AdminServiceServer s, String resource) {
        return "https://localhost:" + s.port() + "/AdminService/wmi/" + resource;
    }

    @Test
    void curlWithATicketReadsSmsSiteAndSmsSoftwareUpdate() throws Exception {
        requireCurlAndKinit();
        Result site = curl(List.of("--negotiate", "-u", ":", url(server, "SMS_Site")), ccache);
        assertThat(site.status()).as(site.out).isEqualTo(200);
        assertThat(site.body()).contains("\"SiteCode\":\"CAS\"").contains("\"@odata.context\"");
        Result updates = curl(List.of("--negotiate", "-u", ":", "-H", "Prefer: odata.maxpagesize=5",
                url(server, "SMS_SoftwareUpdate?$select=CI_ID,ArticleID&$filter=CI_ID%20gt%200")), ccache);
        assertThat(updates.status()).as(updates.out).isEqualTo(200);
        assertThat(updates.body()).contains("\"ArticleID\"").contains("@odata.nextLink");
    }

    @Test
    void curlWithoutATicketOrWithATicketTheServerCannotReadGets401() throws Exception {
        requireCurlAndKinit();
        Result none = curl(List.of("--negotiate", "-u", ":", url(server, "SMS_Site")), dir.resolve("empty-ccache"));
        assertThat(none.status()).as(none.out).isEqualTo(401);
        Result wrong = curl(List.of("--negotiate", "-u", ":", url(wrongKey, "SMS_Site")), ccache);
        assertThat(wrong.status()).as(wrong.out).isEqualTo(401);
        assertThat(wrong.body()).contains("Kerberos authentication failed");
    }

    @Test
    void curlWithNtlmGetsThe2509Refusal() throws Exception {
        requireCurlAndKinit();
        Result ntlm = curl(List.of("--ntlm", "-u", "LAB\\alice:" + Kdc.PASSWORD, url(server, "SMS_Site")), ccache);
        assertThat(ntlm.status()).as(ntlm.out).isEqualTo(401);
        assertThat(ntlm.body()).contains("Rejecting NTLM authentication").contains("ConfigMgr 2509");
    }

    @Test
    void curlWithNtlmReadsSmsSiteAndSmsSoftwareUpdateWhereTheServiceAllowsNtlm() throws Exception {
        requireCurl();
        long before = ntlm.ntlmAuthenticatedRequests();
        Result site = curl(List.of("--ntlm", "-u", "LAB\\alice:" + Kdc.PASSWORD, url(ntlm, "SMS_Site")), ccache);
        assertThat(site.status()).as(site.out).isEqualTo(200);
        assertThat(site.body()).contains("\"SiteCode\":\"CAS\"");
        Result updates = curl(List.of("--ntlm", "-u", "LAB\\alice:" + Kdc.PASSWORD, "-H", "Prefer: odata.maxpagesize=5",
                url(ntlm, "SMS_SoftwareUpdate?$select=CI_ID,ArticleID")), ccache);
        assertThat(updates.status()).as(updates.out).isEqualTo(200);
        assertThat(updates.body()).contains("\"ArticleID\"").contains("@odata.nextLink");
        assertThat(ntlm.ntlmAuthenticatedRequests() - before).isEqualTo(2);
    }

    @Test
    void curlWithAWrongNtlmPasswordGets401() throws Exception {
        requireCurl();
        Result wrong = curl(List.of("--ntlm", "-u", "LAB\\alice:not-the-password", url(ntlm, "SMS_Site")), ccache);
        assertThat(wrong.status()).as(wrong.out).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("SiteCode");
    }

    @Test
    void pythonRequestsNtlmWithChannelBindingsReadsBothClassesFromAServiceThatRequiresThem() throws Exception {
        Result probe = run(List.of("/usr/bin/python3", "-c", "import requests_ntlm"), ccache);
        Assumptions.assumeTrue(probe.code == 0, "python3-requests-ntlm is not installed (.ci/run installs it)");
        String script = String.join("\n",
                "import sys, requests",
                "from requests_ntlm import HttpNtlmAuth",
                "cbt = sys.argv[2] == 'cbt'",
                "for url in sys.argv[3:]:",
                "    auth = HttpNtlmAuth('LAB\\\\alice', '" + Kdc.PASSWORD + "', send_cbt=cbt)",
                "    r = requests.get(url, auth=auth, verify=sys.argv[1], headers={'Prefer': 'odata.maxpagesize=3'})",
                "    print(r.status_code, len(r.json().get('value', [])) if r.status_code == 200 else r.text[:200])");
        Path py = dir.resolve("ntlm-client.py");
        Files.writeString(py, script);
        // one CA file per server: OpenSSL picks one of several same-subject (CN=localhost) anchors for Python
        Path bindingsCa = Files.writeString(dir.resolve("ntlm-bindings-ca.pem"), ntlmWithBindings.certificatePem());
        Path ntlmCa = Files.writeString(dir.resolve("ntlm-ca.pem"), ntlm.certificatePem());
        // ntlm-auth computes the NT hash with hashlib's MD4, which OpenSSL 3 keeps in its legacy provider
        Path legacy = Files.writeString(dir.resolve("openssl-legacy.cnf"), String.join("\n", "openssl_conf = openssl_init",
                "[openssl_init]", "providers = provider_sect", "[provider_sect]", "default = default_sect",
                "legacy = legacy_sect", "[default_sect]", "activate = 1", "[legacy_sect]", "activate = 1", ""));
        Map<String, String> md4 = Map.of("OPENSSL_CONF", legacy.toString());
        long before = ntlmWithBindings.ntlmAuthenticatedRequests();
        Result ok = runWithInput(List.of("/usr/bin/python3", py.toString(), bindingsCa.toString(), "cbt",
                url(ntlmWithBindings, "SMS_Site"), url(ntlmWithBindings, "SMS_SoftwareUpdate")), ccache, "", md4);
        assertThat(ok.code).as(ok.out).isZero();
        assertThat(ok.out.lines().filter(l -> l.matches("200 [1-9]\\d*")).count()).as(ok.out).isEqualTo(2);
        assertThat(ntlmWithBindings.ntlmAuthenticatedRequests() - before).isEqualTo(2);
        Result none = runWithInput(List.of("/usr/bin/python3", py.toString(), bindingsCa.toString(), "no-cbt",
                url(ntlmWithBindings, "SMS_Site")), ccache, "", md4);
        assertThat(none.out).as(none.out).startsWith("401");
        Result allowed = runWithInput(List.of("/usr/bin/python3", py.toString(), ntlmCa.toString(), "no-cbt",
                url(ntlm, "SMS_Site")), ccache, "", md4);
        assertThat(allowed.out.strip()).as("bindings are required only where asked").matches("200 [1-9]\\d*");
    }

    @Test
    void pythonRequestsKerberosReadsBothClassesAndGets401WithoutATicket() throws Exception {
        requireCurlAndKinit();
        Result probe = run(List.of("/usr/bin/python3", "-c", "import requests_kerberos"), ccache);
        Assumptions.assumeTrue(probe.code == 0, "python3-requests-kerberos is not installed (.ci/run installs it)");
        String script = String.join("\n",
                "import sys, requests",
                "from requests_kerberos import HTTPKerberosAuth, REQUIRED",
                "for url in sys.argv[2:]:",
                "    r = requests.get(url, auth=HTTPKerberosAuth(mutual_authentication=REQUIRED), verify=sys.argv[1],",
                "                     headers={'Prefer': 'odata.maxpagesize=3'})",
                "    print(r.status_code, len(r.json().get('value', [])) if r.status_code == 200 else r.text[:200])");
        Path py = dir.resolve("client.py");
        Files.writeString(py, script);
        Result ok = run(List.of("/usr/bin/python3", py.toString(), ca.toString(), url(server, "SMS_Site"),
                url(server, "SMS_SoftwareUpdate")), ccache);
        assertThat(ok.code).as(ok.out).isZero();
        assertThat(ok.out.lines().filter(l -> l.matches("200 [1-9]\\d*")).count()).as(ok.out).isEqualTo(2);
        Result none = run(List.of("/usr/bin/python3", py.toString(), ca.toString(), url(server, "SMS_Site")),
                dir.resolve("empty-ccache"));
        assertThat(none.out).as(none.out).startsWith("401");
    }

    // --------------------------------------------------------------------------------------------- helpers

    private static void requireCurl() {
        Assumptions.assumeTrue(has("curl"), "curl is missing; .ci/run installs it");
    }

    private static void requireCurlAndKinit() {
        Assumptions.assumeTrue(has("curl") && has("kinit"), "curl or kinit (krb5-user) is missing; .ci/run installs them");
    }

    private static boolean has(String tool) {
        return List.of("/usr/bin", "/bin", "/usr/local/bin").stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static Result curl(List<String> args, Path cache) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "20", "--cacert", ca.toString(),
                "-w", "\nHTTP_STATUS=%{http_code}"));
        cmd.addAll(args);
        return run(cmd, cache);
    }

    private static Result run(List<String> cmd, Path cache) throws IOException, InterruptedException {
        return runWithInput(cmd, cache, "");
    }

    private static Result runWithInput(List<String> cmd, Path cache, String input) throws IOException, InterruptedException {
        return runWithInput(cmd, cache, input, Map.of());
    }

    private static Result runWithInput(List<String> cmd, Path cache, String input, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(extraEnv);
        env.put("KRB5_CONFIG", Kdc.shared().krb5conf().toString());
        env.put("KRB5CCNAME", "FILE:" + cache);
        env.remove("http_proxy");
        env.remove("https_proxy");
        env.put("NO_PROXY", "*");
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Result(int code, String out) {
        int status() {
            int i = out.lastIndexOf("HTTP_STATUS=");
            return i < 0 ? -1 : Integer.parseInt(out.substring(i + 12).trim());
        }

        String body() {
            int i = out.lastIndexOf("\nHTTP_STATUS=");
            return i < 0 ? out : out.substring(0, i);
        }
    }
}
