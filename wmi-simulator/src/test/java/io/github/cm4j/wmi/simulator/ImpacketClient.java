package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code impacket_wmi_client.py} — impacket 0.10 (Debian's python3-impacket for {@code /usr/bin/python3}) as an
 * independent DCOM/WMI client — against a {@link WmiServer}, and parses what it prints.
 */
final class ImpacketClient {
    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "impacket_wmi_client.py";

    private final Path script;

    private ImpacketClient(Path script) {
        this.script = script;
    }

    /**
     * Skips the calling test unless {@code /usr/bin/python3} imports impacket's DCOM/WMI modules, then copies the script.
     *
     * @param dir a temporary directory
     * @return the client
     */
    static ImpacketClient assumeAvailable(Path dir) throws IOException, InterruptedException {
        boolean ok = false;
        if (Files.isExecutable(Path.of(PYTHON))) {
            Process p = new ProcessBuilder(PYTHON, "-c", "import impacket.dcerpc.v5.dcom.wmi, impacket.dcerpc.v5.dcomrt")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        assumeTrue(ok, PYTHON + " cannot import impacket (install the Debian package python3-impacket; CI has it); "
                + "skipping the impacket interop test");
        Path script = dir.resolve(SCRIPT);
        if (!Files.exists(script)) {
            try (InputStream in = ImpacketClient.class.getResourceAsStream(SCRIPT)) {
                assertThat(in).as("test resource " + SCRIPT).isNotNull();
                Files.copy(in, script);
            }
        }
        return new ImpacketClient(script);
    }

    /** What the script printed: per operation its rows (property name to JSON text) or its error. */
    record Result(Map<Integer, List<Map<String, String>>> rows, Map<Integer, String> errors, String stdout, String stderr) {
        /** @return the error of activation or login, or null */
        String connectError() {
            return errors.get(-1);
        }

        /** @return the rows of operation {@code op}, failing the test with the script's output when it failed */
        List<Map<String, String>> rowsOf(int op) {
            assertThat(errors.get(op)).as("error of operation " + op + "; stdout:\n" + stdout + "\nstderr:\n" + stderr).isNull();
            assertThat(rows).as("operation " + op + "; stdout:\n" + stdout + "\nstderr:\n" + stderr).containsKey(op);
            return rows.get(op);
        }
    }

    /**
     * @param port the server's activation port
     * @param level privacy, integrity or connect
     * @param domain the domain
     * @param user the user
     * @param password the password
     * @param namespace the namespace of NTLMLogin
     * @param ops the operations ({@code query:WQL}, {@code get:PATH}, {@code method:CLASS:METHOD[:JSON args]})
     * @return what it printed
     */
    Result run(int port, String level, String domain, String user, String password, String namespace, String... ops)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), String.valueOf(port), level, domain, user, password,
                namespace));
        command.addAll(List.of(ops));
        String[] out = exec(command);
        Map<Integer, List<Map<String, String>>> rows = new HashMap<>();
        Map<Integer, String> errors = new HashMap<>();
        for (String line : out[0].split("\n")) {
            String[] f = line.split("\t", 5);
            switch (f[0]) {
                case "ROWS" -> {
                    List<Map<String, String>> list = new ArrayList<>();
                    for (int i = 0; i < Integer.parseInt(f[2]); i++) {
                        list.add(new LinkedHashMap<>());
                    }
                    rows.put(Integer.parseInt(f[1]), list);
                }
                case "PROP" -> rows.get(Integer.parseInt(f[1])).get(Integer.parseInt(f[2])).put(f[3], f[4]);
                case "ERROR" -> errors.put(Integer.parseInt(f[1]), line.split("\t", 3)[2]);
                default -> {
                    // other output (impacket's own logging) is kept in stdout for messages
                }
            }
        }
        return new Result(rows, errors, out[0], out[1]);
    }

    /**
     * Runs impacket's example {@code wmiquery.py}, unchanged, with the port adaptation.
     *
     * @param port the activation port
     * @param args wmiquery.py's arguments
     * @return its standard output
     */
    String wmiquery(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "wmiquery", String.valueOf(port)));
        command.addAll(List.of(args));
        return exec(command)[0];
    }

    private static String[] exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[] stdout;
        byte[] stderr;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            // The outputs are small: read stdout fully, then stderr (impacket logs little).
            stdout = o.readAllBytes();
            stderr = e.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the impacket client did not finish in 120 s");
        }
        String err = new String(stderr, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code of the impacket client; stderr:\n" + err).isZero();
        return new String[] {new String(stdout, StandardCharsets.UTF_8), err};
    }
}
