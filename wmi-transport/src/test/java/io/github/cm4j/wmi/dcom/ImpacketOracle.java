package io.github.cm4j.wmi.dcom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@code impacket_dcom_oracle.py} with /usr/bin/python3 and impacket 0.10 (Debian python3-impacket, installed
 * by .ci/run): a batch of tasks in, what impacket read or built out, as path/value maps. Tests skip, saying why,
 * when the interpreter or impacket is missing.
 */
public final class ImpacketOracle {
    /** The interpreter impacket is installed for. */
    public static final String PYTHON = "/usr/bin/python3";

    /**
     * Fields impacket reads that cm4j does not keep: reserved fields ("MUST be ignored on receipt"), sizes cm4j
     * derives, and the raw bytes that cm4j compares through their parsed form.
     */
    private static final Pattern NOT_KEPT = Pattern.compile("(^#.*)|(.*\\.)?(reserved\\d*|Reserved\\d*|dwReserved\\d*|pdwReserved"
            + "|pReserved|thisSize|fIsSurrogate|instFlag|clientOK|bReserved1|machineName|processId|apartmentId|contextId"
            + "|abData|pObjectData|dwSize)$");

    /** One task: decode stub data with an impacket structure, or build a scenario (with an optional argument). */
    public record Task(String id, String op, String name, byte[] argument) {
    }

    private ImpacketOracle() {
    }

    /** Skips the calling test when /usr/bin/python3 cannot import impacket. */
    public static void assumeAvailable() throws InterruptedException, IOException {
        boolean ok = false;
        String why = PYTHON + " is absent";
        if (Files.isExecutable(Path.of(PYTHON))) {
            Process p = new ProcessBuilder(PYTHON, "-c", "import impacket.dcerpc.v5.dcom.wmi").redirectErrorStream(true).start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            ok = done && p.exitValue() == 0;
            why = PYTHON + " cannot import impacket (install the Debian package python3-impacket; .ci/run does)";
        }
        assumeTrue(ok, why + "; skipping the impacket oracle");
    }

    /**
     * @param tasks the tasks
     * @param dir a scratch directory
     * @return per task ID, what impacket printed (path to value)
     */
    public static Map<String, Map<String, String>> run(List<Task> tasks, Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("impacket_dcom_oracle.py");
        try (InputStream in = ImpacketOracle.class.getResourceAsStream("impacket_dcom_oracle.py")) {
            Files.copy(in, script);
        }
        StringBuilder input = new StringBuilder();
        for (Task t : tasks) {
            input.append(t.id).append('\t').append(t.op).append('\t').append(t.name).append('\t')
                    .append(t.argument == null ? "" : HexFormat.of().formatHex(t.argument)).append('\n');
        }
        Path taskFile = dir.resolve("tasks.tsv");
        Files.writeString(taskFile, input);
        String stdout = python(List.of(script.toString(), taskFile.toString()));
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            result.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                    .put(f[1], new String(HexFormat.of().parseHex(f[2]), StandardCharsets.UTF_8));
        }
        for (Task t : tasks) {
            result.putIfAbsent(t.id, new LinkedHashMap<>());
        }
        return result;
    }

    /**
     * Runs /usr/bin/python3 and asserts it exits with 0 within two minutes.
     *
     * @param arguments the script and its arguments
     * @return what it printed (UTF-8)
     */
    public static String python(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).start();
        byte[] stdout;
        byte[] stderr;
        try (InputStream out = p.getInputStream(); InputStream err = p.getErrorStream()) {
            stdout = out.readAllBytes();
            stderr = err.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the impacket harness did not finish in 120 s");
        }
        assertThat(p.exitValue()).as("impacket harness exit code; stderr:\n" + new String(stderr, StandardCharsets.UTF_8)).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Asserts that impacket and cm4j read the same values: every value cm4j has must be what impacket read, and every
     * value impacket read must be one cm4j has, or a field cm4j deliberately does not keep (reserved fields, derived
     * sizes, raw bytes compared in parsed form).
     *
     * @param what the message, for failure messages
     * @param ours cm4j's values
     * @param theirs impacket's values
     * @return the number of values compared
     */
    public static int assertAgrees(String what, Map<String, String> ours, Map<String, String> theirs) {
        Map<String, String> expected = new TreeMap<>(ours);
        Map<String, String> actual = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        for (Map.Entry<String, String> e : theirs.entrySet()) {
            if (ours.containsKey(e.getKey())) {
                actual.put(e.getKey(), e.getValue());
            } else if (!NOT_KEPT.matcher(e.getKey()).matches()) {
                unexplained.add(e.getKey() + " = " + e.getValue());
            }
        }
        assertThat(actual).as(what + ": values impacket read, compared with cm4j's").isEqualTo(expected);
        assertThat(unexplained).as(what + ": values impacket read that cm4j neither has nor deliberately drops").isEmpty();
        return expected.size();
    }

    /**
     * @param values what impacket printed for a build task
     * @return the stub data impacket built
     */
    public static byte[] builtStub(Map<String, String> values) {
        String hex = values.get("#hex");
        assertThat(hex).as("stub data built by impacket").isNotNull();
        return HexFormat.of().parseHex(hex);
    }
}
