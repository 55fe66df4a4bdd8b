package io.github.cm4j.cim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Qualifier flavors: how a qualifier propagates and whether it may be overridden.
 *
 * <p>MOF spells them as keywords after the qualifier ({@code [key : ToInstance]}, DSP0221 7.5.1);
 * MS-WMIO 2.2.23 (QualifierFlavor) encodes them as bits. MOF's default flavors (EnableOverride,
 * ToSubclass, NotToInstance, Restricted is not the default) are represented by the absence of the
 * opposite flag.
 */
public enum QualifierFlavor {
    /** Propagates to instances (MOF {@code ToInstance}; MS-WMIO bit 0x01). */
    TO_INSTANCE("ToInstance", 0x01),
    /** Propagates to subclasses (MOF {@code ToSubclass}; MS-WMIO bit 0x02). */
    TO_SUBCLASS("ToSubclass", 0x02),
    /** Subclasses and instances may not override it (MOF {@code DisableOverride}; MS-WMIO bit 0x10). */
    DISABLE_OVERRIDE("DisableOverride", 0x10),
    /** Localized value from an amendment (MOF {@code Amended}; MS-WMIO bit 0x80). */
    AMENDED("Amended", 0x80),
    /** MOF {@code Translatable}: the value may be localized (not encoded on the wire). */
    TRANSLATABLE("Translatable", 0),
    /** MOF {@code Restricted}: does not propagate to subclasses (not encoded; absence of {@link #TO_SUBCLASS}). */
    RESTRICTED("Restricted", 0),
    /** MOF {@code EnableOverride}: the default (not encoded; absence of {@link #DISABLE_OVERRIDE}). */
    ENABLE_OVERRIDE("EnableOverride", 0),
    /** MOF {@code NotToInstance}: the default (not encoded; absence of {@link #TO_INSTANCE}). */
    NOT_TO_INSTANCE("NotToInstance", 0);

    /** MS-WMIO 2.2.23: the qualifier was propagated from a superclass or class (origin, not a flavor). */
    public static final int ORIGIN_PROPAGATED = 0x20;
    /** MS-WMIO 2.2.23: the qualifier is a system qualifier (origin, not a flavor). */
    public static final int ORIGIN_SYSTEM = 0x40;

    private final String mofName;
    private final int bit;

    QualifierFlavor(String mofName, int bit) {
        this.mofName = mofName;
        this.bit = bit;
    }

    /** {@return the MOF keyword, e.g. {@code ToSubclass}} */
    public String mofName() {
        return mofName;
    }

    /** {@return the MS-WMIO flavor bit, or 0 for flavors that only exist in MOF text} */
    public int bit() {
        return bit;
    }

    /**
     * {@return the flavor, or empty when unknown}
     *
     * @param keyword a MOF flavor keyword, any case
     */
    public static Optional<QualifierFlavor> fromMofName(String keyword) {
        String k = keyword.toLowerCase(Locale.ROOT);
        for (QualifierFlavor f : values()) {
            if (f.mofName.toLowerCase(Locale.ROOT).equals(k)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the flavors whose bits are set (origin bits are ignored)}
     *
     * @param bits an MS-WMIO flavor byte
     */
    public static Set<QualifierFlavor> fromBits(int bits) {
        Set<QualifierFlavor> set = EnumSet.noneOf(QualifierFlavor.class);
        for (QualifierFlavor f : values()) {
            if (f.bit != 0 && (bits & f.bit) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    /**
     * {@return the MS-WMIO flavor byte for them}
     *
     * @param flavors flavors
     */
    public static int toBits(Set<QualifierFlavor> flavors) {
        int bits = 0;
        for (QualifierFlavor f : flavors) {
            bits |= f.bit;
        }
        return bits;
    }
}
