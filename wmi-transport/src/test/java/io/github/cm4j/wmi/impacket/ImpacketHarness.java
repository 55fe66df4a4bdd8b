package io.github.cm4j.wmi.impacket;

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
import java.util.concurrent.TimeUnit;

/**
 * Runs the python harnesses that use impacket 0.10 (Debian package python3-impacket, installed by .ci/run for
 * {@code /usr/bin/python3}) as an independent implementation. Tests call {@link #assumeAvailable()} first: without
 * impacket they are skipped with a message saying what to install.
 */
public final class ImpacketHarness {
    /** The interpreter the Debian package installs impacket for. */
    public static final String PYTHON = "/usr/bin/python3";

    private ImpacketHarness() {
    }

    /** Skips the calling test unless {@code /usr/bin/python3} can import impacket's NTLM and DCE/RPC modules. */
    public static void assumeAvailable() throws IOException, InterruptedException {
        boolean ok = false;
        String why = PYTHON + " is absent";
        if (Files.isExecutable(Path.of(PYTHON))) {
            Process p = new ProcessBuilder(PYTHON, "-c", "import impacket.ntlm, impacket.dcerpc.v5.transport")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            ok = done && p.exitValue() == 0;
            why = PYTHON + " cannot import impacket (install the Debian package python3-impacket; .ci/run does)";
        }
        assumeTrue(ok, why + "; skipping the impacket test");
    }

    /**
     * Copies a harness script from the class path into {@code dir}.
     *
     * @param anchor a class in the script's package
     * @param name the script's file name
     * @param dir where to put it
     * @return the script path
     */
    public static Path script(Class<?> anchor, String name, Path dir) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = anchor.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            Files.copy(in, script);
        }
        return script;
    }

    /**
     * Runs a harness that prints {@code key=hex} lines and returns them decoded.
     *
     * @param script the script
     * @param mode its first argument
     * @param args {@code key -> bytes} passed as {@code key=hex}
     * @return the printed values
     */
    public static Map<String, byte[]> run(Path script, String mode, Map<String, byte[]> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), mode));
        args.forEach((k, v) -> command.add(k + "=" + HexFormat.of().formatHex(v)));
        Process p = new ProcessBuilder(command).start();
        byte[] stdout;
        byte[] stderr;
        try (InputStream out = p.getInputStream(); InputStream err = p.getErrorStream()) {
            stdout = out.readAllBytes();
            stderr = err.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the impacket harness did not finish in 60 s");
        }
        assertThat(p.exitValue()).as("exit code of " + script.getFileName() + " " + mode + "; stderr:\n"
                + new String(stderr, StandardCharsets.UTF_8)).isZero();
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                result.put(line.substring(0, eq), HexFormat.of().parseHex(line.substring(eq + 1).trim()));
            }
        }
        return result;
    }

    /** @return the UTF-8 bytes of a text argument */
    public static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
