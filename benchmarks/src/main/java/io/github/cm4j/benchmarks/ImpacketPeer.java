package io.github.cm4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * impacket 0.10 (Debian's python3-impacket, for {@code /usr/bin/python3}) as the peer decoder: runs
 * {@code impacket_peer.py} over files of IWbemClassObject OBJREF_CUSTOMs and returns, per file, how fast
 * impacket decoded it and what it read (see the script's header for the format and its normalizations).
 */
final class ImpacketPeer {
    /** The interpreter Debian's python3-impacket is installed for. */
    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "impacket_peer.py";

    /** What impacket made of one file: its timing and readings, or the error it raised. */
    record Reading(Rate rate, Map<String, String> values, String error) {
    }

    private ImpacketPeer() {
    }

    /** @return why impacket cannot be run here, or empty when it can */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return Optional.of(PYTHON + " is absent");
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import impacket.dcerpc.v5.dcom.wmi, impacket.dcerpc.v5.dcomrt")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(PYTHON + " did not import impacket within 60 s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(PYTHON + " cannot import impacket (install the Debian package python3-impacket)");
        } catch (IOException e) {
            return Optional.of(PYTHON + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for impacket");
        }
    }

    /**
     * Decodes each file with impacket, at least {@code minIterations} times and for at least {@code minSeconds}.
     *
     * @param workDir where the script is written
     * @param files the OBJREF_CUSTOM files
     * @param minIterations the fewest timed decodes per file
     * @param minSeconds the shortest timed loop per file
     * @return the readings by file
     * @throws IllegalStateException when the script fails, runs too long or prints nothing for a file
     */
    static Map<Path, Reading> decode(Path workDir, List<Path> files, int minIterations, double minSeconds) throws IOException {
        Path script = workDir.resolve(SCRIPT);
        try (InputStream in = Objects.requireNonNull(ImpacketPeer.class.getResourceAsStream(SCRIPT), SCRIPT + " is not on the class path")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), Integer.toString(minIterations),
                Double.toString(minSeconds)));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).start();
        // Both pipes are drained concurrently so that neither can fill up and stall the script, and the deadline
        // holds even when the script hangs with its pipes open (destroying it closes them).
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        long deadlineSeconds = 60 + files.size() * (long) (2 * minSeconds + 60);
        try {
            if (!p.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(SCRIPT + " did not finish within " + deadlineSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + SCRIPT, e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " exited with " + p.exitValue() + ":\n"
                    + new String(stderr.join(), StandardCharsets.UTF_8));
        }
        Map<Path, Reading> readings = parse(new String(stdout.join(), StandardCharsets.UTF_8));
        for (Path f : files) {
            if (!readings.containsKey(f)) {
                throw new IllegalStateException(SCRIPT + " printed nothing for " + f);
            }
        }
        return readings;
    }

    private static Map<Path, Reading> parse(String stdout) {
        Map<Path, Rate> rates = new LinkedHashMap<>();
        Map<Path, Map<String, String>> values = new LinkedHashMap<>();
        Map<Path, String> errors = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Path file = Path.of(f[1]);
            switch (f[0]) {
                case "TIME" -> rates.put(file, new Rate(Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
                case "VALUE" -> values.computeIfAbsent(file, k -> new LinkedHashMap<>()).put(f[2], unhex(f[3]));
                case "ERROR" -> errors.put(file, unhex(f[2]));
                default -> throw new IllegalStateException(SCRIPT + " printed an unknown record: " + line);
            }
        }
        Map<Path, Reading> readings = new LinkedHashMap<>();
        errors.forEach((file, error) -> readings.put(file, new Reading(null, Map.of(), error)));
        rates.forEach((file, rate) -> readings.put(file, new Reading(rate, values.getOrDefault(file, Map.of()), null)));
        return readings;
    }

    private static String unhex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
