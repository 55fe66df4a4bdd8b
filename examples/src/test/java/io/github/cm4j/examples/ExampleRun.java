package io.github.cm4j.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an example's {@code main} in its own JVM, as a user runs it ({@code java -cp ... Example args}):
 * its exit status and what it printed. A separate JVM because the examples end with {@code System.exit}.
 *
 * @param exitStatus the process's exit status
 * @param stdout standard output
 * @param stderr standard error
 */
record ExampleRun(int exitStatus, String stdout, String stderr) {
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * @param example the example class
     * @param args its arguments
     * @return the finished run
     */
    static ExampleRun of(Class<?> example, String... args) {
        return of(example, Map.of(), args);
    }

    /**
     * @param example the example class
     * @param environment variables to set (CM4J_PASSWORD is removed unless given here)
     * @param args its arguments
     * @return the finished run
     */
    static ExampleRun of(Class<?> example, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), example.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("example-", ".out");
            Path err = Files.createTempFile("example-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().remove("CM4J_PASSWORD");
                pb.environment().putAll(environment);
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(example.getSimpleName() + " still running after " + TIMEOUT_SECONDS + " s");
                }
                return new ExampleRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + example.getName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + example.getName(), e);
        }
    }

    /** @return the lines of standard output */
    List<String> lines() {
        return stdout.lines().toList();
    }

    /** @return everything, for assertion messages */
    @Override
    public String toString() {
        return "exit " + exitStatus + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
