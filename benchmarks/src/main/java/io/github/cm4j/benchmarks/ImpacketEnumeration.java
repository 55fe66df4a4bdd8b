package io.github.cm4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * impacket 0.10 (Debian's python3-impacket, for {@code /usr/bin/python3}) enumerating a query against a loopback
 * {@code WmiServer} at packet privacy: runs {@code impacket_enumerate.py} (see its header) and reads its timing.
 * Check {@link ImpacketPeer#unavailable()} first.
 */
final class ImpacketEnumeration {
    private static final String SCRIPT = "impacket_enumerate.py";
    /** impacket decodes some tens of SMS_SoftwareUpdate objects per second: 10,000 take minutes. */
    private static final long TIMEOUT_MINUTES = 60;

    /**
     * What the script measured, from ExecQuery to RemRelease.
     *
     * @param objects objects impacket decoded
     * @param seconds wall-clock time
     * @param cpuSeconds CPU time of the Python process
     * @param nextCalls IEnumWbemClassObject::Next calls
     */
    record Timing(long objects, double seconds, double cpuSeconds, long nextCalls) {
    }

    private ImpacketEnumeration() {
    }

    /**
     * @param port the server's activation port
     * @param domain the account's domain
     * @param user the account
     * @param password its password
     * @param namespace the namespace of NTLMLogin
     * @param batch objects per Next call
     * @param wql the query
     * @return the timing
     * @throws IllegalStateException when the script fails or does not finish within an hour
     */
    static Timing run(int port, String domain, String user, String password, String namespace, int batch, String wql) {
        try {
            Path dir = Files.createTempDirectory("cm4j-bench-impacket");
            Path script = dir.resolve(SCRIPT);
            try (InputStream in = Objects.requireNonNull(ImpacketEnumeration.class.getResourceAsStream(SCRIPT), SCRIPT + " is not on the class path")) {
                Files.copy(in, script);
            }
            try {
                return exec(List.of(ImpacketPeer.PYTHON, script.toString(), String.valueOf(port), domain, user, password, namespace,
                        String.valueOf(batch), wql));
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Timing exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // both pipes drained concurrently, so that neither fills up and stalls the script
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(SCRIPT + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + SCRIPT, e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " exited with " + p.exitValue() + ":\n" + stderr.join() + stdout.join());
        }
        for (String line : stdout.join().split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 5 && f[0].equals("TIME")) {
                return new Timing(Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]));
            }
        }
        throw new IllegalStateException(SCRIPT + " printed no TIME line:\n" + stdout.join() + stderr.join());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
