package io.github.cm4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the shared real-world reference data ({@code ../shared/reference}) that tests read but the
 * project never copies. Where it is absent (outside this workplace) the calling test is skipped with a
 * message saying so; in CI it is always present.
 */
public final class ReferenceData {
    private ReferenceData() {
    }

    /**
     * Resolves a file or directory of the reference data, skipping the test when it is absent.
     *
     * @param relative path below {@code shared/reference}, e.g. {@code "cim-datetime/x.tsv"}
     * @return the existing path
     */
    public static Path require(String relative) {
        Path root = root();
        Path resolved = root.resolve(relative);
        assumeTrue(Files.exists(resolved),
                () -> "reference data " + resolved + " is absent (it lives in ../shared/reference beside the"
                        + " checkout; set -Dcm4j.reference.dir to point elsewhere); skipping");
        return resolved;
    }

    /** @return the reference root: {@code -Dcm4j.reference.dir}, else {@code ../shared/reference} from the repository root */
    public static Path root() {
        String configured = System.getProperty("cm4j.reference.dir");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        // Walk up from the module directory to the repository root (the directory holding .git or the
        // reactor pom) and look beside it.
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return dir.resolveSibling("shared").resolve("reference");
    }
}
