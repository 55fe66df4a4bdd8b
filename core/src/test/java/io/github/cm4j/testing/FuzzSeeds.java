package io.github.cm4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes the seed corpus of a Jazzer {@code @FuzzTest} at build time, where Jazzer looks for it on the class path:
 * {@code <test-classes>/<package>/<Class>Inputs/<method>/}. Seeds are generated from code (the valid messages the
 * seeded mutation fuzzers start from) and from {@code ../shared/reference} where present, so that nothing of the
 * reference data is copied into the project. Fixed crash inputs are committed under {@code src/test/resources} in the
 * same directory and are copied there by the build. Call it from a {@code @BeforeAll}: JUnit asks Jazzer for the
 * inputs only after it, in regression mode (the default, {@code mvn verify}) and when fuzzing ({@code JAZZER_FUZZ=1},
 * where they seed the corpus). Not thread-safe: one writer per fuzz test method, from one thread.
 */
public final class FuzzSeeds {
    private final Path dir;

    private FuzzSeeds(Path dir) {
        this.dir = dir;
    }

    /**
     * @param fuzzTest the class holding the {@code @FuzzTest}
     * @param method the fuzz test method's name
     * @return a writer for that method's inputs directory (created)
     */
    public static FuzzSeeds of(Class<?> fuzzTest, String method) {
        try {
            Path classes = Path.of(fuzzTest.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = classes.resolve(fuzzTest.getPackageName().replace('.', '/')).resolve(fuzzTest.getSimpleName() + "Inputs")
                    .resolve(method);
            Files.createDirectories(dir);
            return new FuzzSeeds(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param name names the seed (made a file name: {@code seed-<name>})
     * @param bytes the input
     * @return this
     */
    public FuzzSeeds add(String name, byte[] bytes) {
        String file = "seed-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        try {
            Files.write(dir.resolve(file), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** As {@link #add(String, byte[])} for a text input (UTF-8). */
    public FuzzSeeds add(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #add(String, byte[])}, prefixed with a selector byte (targets that dispatch on the first byte). */
    public FuzzSeeds add(String name, int selector, byte[] bytes) {
        byte[] b = new byte[bytes.length + 1];
        b[0] = (byte) selector;
        System.arraycopy(bytes, 0, b, 1, bytes.length);
        return add(name, b);
    }

    /** @return the directory written to */
    public Path directory() {
        return dir;
    }

    @Override
    public String toString() {
        return "FuzzSeeds[" + dir + "]";
    }

    /** @return {@code bytes} in hex, for messages */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
