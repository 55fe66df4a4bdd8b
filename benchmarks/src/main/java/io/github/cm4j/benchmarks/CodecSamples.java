package io.github.cm4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-world bytes the codec benchmarks read from the shared reference data (never copied into the project). */
final class CodecSamples {
    /** The Windows 7 capture: an OBJREF_CUSTOM of a {@code Win32_UTCTime} instance (reference INDEX.md, wmio). */
    static final String WINDOWS7_UTC_TIME = "wmio/impacket_win7_win32_utctime_instance.objref.bin";

    private CodecSamples() {
    }

    /** @return {@code -Dcm4j.reference.dir}, else {@code ../shared/reference} from the working directory (the checkout) */
    static Path referenceDir() {
        String configured = System.getProperty("cm4j.reference.dir");
        return Path.of(configured != null && !configured.isBlank() ? configured : "../shared/reference").toAbsolutePath().normalize();
    }

    /**
     * @param referenceDir the reference data root
     * @return the bytes of the Windows 7 {@code Win32_UTCTime} OBJREF_CUSTOM
     * @throws IllegalStateException naming the path and the property to set, when the file is absent
     */
    static byte[] windows7UtcTimeObjref(Path referenceDir) {
        Path file = referenceDir.resolve(WINDOWS7_UTC_TIME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("reference capture " + file + " is absent; run from the checkout root beside"
                    + " ../shared/reference or set -Dcm4j.reference.dir");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
