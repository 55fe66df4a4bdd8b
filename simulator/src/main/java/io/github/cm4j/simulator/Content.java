package io.github.cm4j.simulator;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The content of the simulated catalog: which files an update has, in which languages ({@code SMS_CIToContent}
 * and {@code SMS_CIContentFiles}, one row per content "slot"). Office updates carry one file per language
 * (en-US, de-DE, fr-FR: {@code ContentLocales} {@code Locale:1033}, {@code Locale:1031}, {@code Locale:1036}), as
 * Office's language-specific patches do; every other update has one language-neutral file ({@code Locale:0}).
 * ContentIDs: slot 0 keeps {@link Catalog#FIRST_CONTENT_ID} + index; slot {@code k} adds {@code k * STRIDE}.
 * Stateless; thread-safe.
 */
final class Content {
    /** ContentID distance between the language slots of one update (stays within sint32 for 10^8 updates). */
    static final long STRIDE = 100_000_000L;
    /** The most content rows one update has. */
    static final int MAX_SLOTS = 3;
    private static final int[] OFFICE_LCIDS = {1033, 1031, 1036};
    private static final String[] OFFICE_TAGS = {"en-us", "de-de", "fr-fr"};

    private Content() {
    }

    static boolean perLanguage(Catalog.Spec s) {
        return s.line.kind() == Catalog.Kind.OFFICE_SECURITY || s.line.kind() == Catalog.Kind.OFFICE_UPDATE;
    }

    /** @return how many content rows the update has */
    static int slots(Catalog.Spec s) {
        return perLanguage(s) ? OFFICE_LCIDS.length : 1;
    }

    static long contentId(Catalog.Spec s, int slot) {
        return Catalog.FIRST_CONTENT_ID + s.i + slot * STRIDE;
    }

    /** @return the update index a ContentID belongs to, or -1 */
    static int updateIndex(Catalog catalog, Object norm) {
        if (!(norm instanceof Long)) {
            return -1;
        }
        long rel = (Long) norm - Catalog.FIRST_CONTENT_ID;
        if (rel < 0 || rel / STRIDE >= MAX_SLOTS) {
            return -1;
        }
        long i = rel % STRIDE;
        if (i >= Integer.MAX_VALUE || !catalog.exists((int) i)) {
            return -1;
        }
        return rel / STRIDE < slots(catalog.spec((int) i)) ? (int) i : -1;
    }

    static List<String> locales(Catalog.Spec s, int slot) {
        return List.of(perLanguage(s) ? "Locale:" + OFFICE_LCIDS[slot] : "Locale:0");
    }

    static long languageId(Catalog.Spec s, int slot) {
        return perLanguage(s) ? OFFICE_LCIDS[slot] : 0;
    }

    static String fileName(Catalog.Spec s, int slot) {
        String name = s.fileName();
        if (!perLanguage(s)) {
            return name;
        }
        return name.replace("-glb.", "-" + OFFICE_TAGS[slot] + ".");
    }

    /** The bytes the loopback content server serves for a file: 4 to 64 KiB, seeded by the catalog and ContentID. */
    static byte[] bytes(long seed, long contentId, String fileName) {
        SplittableRandom r = new SplittableRandom(seed * 31 + contentId * 1_000_003L + fileName.toLowerCase(Locale.ROOT).hashCode());
        byte[] b = new byte[4096 + r.nextInt(61_440)];
        for (int i = 0; i < b.length; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8 && i + k < b.length; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }
}
