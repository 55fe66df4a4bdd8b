package io.github.cm4j.benchmarks;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.Access;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

/**
 * Kerberos beside NTLM at packet privacy: {@code SELECT * FROM SMS_SoftwareUpdate} through {@code dcom://} against
 * the same loopback {@link WmiServer}, once with NTLMv2 (RC4 sealing, MS-NLMP 3.4.3) and once with Kerberos
 * through SPNEGO (AES256 Wrap tokens, RFC 4121, session key from an in-process Apache Kerby KDC), alternating,
 * best and median of the runs. Timed as {@link EnumerationBenchmark}: ExecQuery, every Next, each object decoded and
 * its CI_ID read, RemRelease; connecting and logging on are not.
 */
public final class KerberosEnumerationBenchmark {
    private static final String REALM = "BENCH.TEST";
    private static final String SERVICE = "host/cas.bench.test@" + REALM;
    private static final String USER = "bench";
    private static final String PASSWORD = "Bench-Passw0rd!";

    private KerberosEnumerationBenchmark() {
    }

    /** One mechanism's figures. */
    record Figures(String mechanism, long objects, List<Double> seconds) {
        double best() {
            return Collections.min(seconds);
        }

        double median() {
            List<Double> s = new ArrayList<>(seconds);
            Collections.sort(s);
            return s.get(s.size() / 2);
        }
    }

    /**
     * @param args {@code short|full} (N = 300 or 10,000; batch 1000; 3 or 7 runs each)
     * @throws Exception when the KDC cannot start
     */
    public static void main(String[] args) throws Exception {
        boolean full = args.length == 0 || args[0].equals("full");
        int size = full ? 10_000 : 300;
        int runs = full ? 7 : 3;
        int batch = 1000;
        Path dir = Files.createTempDirectory("cm4j-bench-kdc");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SimpleKdcServer kdc = new SimpleKdcServer();
        kdc.setWorkDir(dir.toFile());
        kdc.setKdcRealm(REALM);
        kdc.setKdcHost("127.0.0.1");
        kdc.setAllowUdp(false);
        kdc.setKdcTcpPort(port);
        kdc.getKdcConfig().setString(KdcConfigKey.ENCRYPTION_TYPES, "aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96");
        kdc.init();
        kdc.start();
        kdc.createPrincipal(USER + "@" + REALM, PASSWORD);
        kdc.createPrincipal(SERVICE);
        Path keytab = dir.resolve("cas.keytab");
        kdc.exportPrincipal(SERVICE, keytab.toFile());
        Path conf = dir.resolve("krb5.conf");
        write(conf, "[libdefaults]\n  default_realm = " + REALM + "\n  udp_preference_limit = 1\n  dns_lookup_kdc = false\n"
                + "[realms]\n  " + REALM + " = {\n    kdc = 127.0.0.1:" + port + "\n  }\n");
        System.setProperty("java.security.krb5.conf", conf.toString());
        try {
            SimulatedProvider sim = SimulatedProvider.builder().catalogSize(size).build();
            try (WmiServer server = WmiServer.builder().provider(sim).account("BENCH", USER, PASSWORD)
                    .kerberosAccount(USER + "@" + REALM, Access.FULL).kerberos(SERVICE, keytab).build()) {
                server.start();
                String base = "dcom://127.0.0.1:" + server.activationPort() + "/CAS?auth=privacy&batch=" + batch;
                try (ConfigMgr ntlm = ConfigMgr.builder().uri(base + "&authn=ntlm")
                        .credentials(Credentials.of("BENCH\\" + USER, PASSWORD)).batchSize(batch).connect();
                     ConfigMgr krb = ConfigMgr.builder().uri(base + "&authn=negotiate&ntlm=off&spn=host/cas.bench.test")
                             .credentials(Credentials.kerberosPassword(USER + "@" + REALM, PASSWORD)).batchSize(batch).connect()) {
                    enumerate(ntlm);
                    enumerate(krb); // warm-up, not timed
                    List<Double> n = new ArrayList<>();
                    List<Double> k = new ArrayList<>();
                    long objects = 0;
                    for (int r = 0; r < runs; r++) {
                        long t0 = System.nanoTime();
                        objects = enumerate(ntlm);
                        n.add((System.nanoTime() - t0) / 1e9);
                        long t1 = System.nanoTime();
                        enumerate(krb);
                        k.add((System.nanoTime() - t1) / 1e9);
                    }
                    Figures fn = new Figures("NTLMv2 (RC4 seal)", objects, n);
                    Figures fk = new Figures("Kerberos SPNEGO (AES256 Wrap)", objects, k);
                    System.out.printf(Locale.ROOT, "N=%,d batch=%d runs=%d (alternating), PKT_PRIVACY%n", size, batch, runs);
                    for (Figures f : List.of(fn, fk)) {
                        System.out.printf(Locale.ROOT, "| %s | %,.0f objects/s best | %,.0f objects/s median |%n", f.mechanism(),
                                f.objects() / f.best(), f.objects() / f.median());
                    }
                    System.out.printf(Locale.ROOT, "Kerberos/NTLM throughput: best %.2f, median %.2f%n", fn.best() / fk.best(),
                            fn.median() / fk.median());
                }
            }
        } finally {
            kdc.stop();
        }
    }

    private static long enumerate(ConfigMgr cm) {
        try (Stream<WmiObject> s = cm.query(EnumerationBenchmark.WQL)) {
            return s.filter(o -> o.getLong("CI_ID") != 0).count();
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
