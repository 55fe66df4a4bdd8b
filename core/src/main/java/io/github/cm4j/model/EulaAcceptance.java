package io.github.cm4j.model;

import java.util.Optional;

/**
 * Whether the license terms of a configuration item were accepted: {@code EULAAccepted} (UInt32) of
 * {@code SMS_SoftwareUpdate} and the other configuration item classes. Codes as the SMS_SoftwareUpdate page and
 * {@code AcceptEULA} use them: 0 not decided, 1 accepted, 2 declined. A code outside that set reads as
 * {@link #UNRECOGNIZED} (the source object keeps the code).
 */
public enum EulaAcceptance implements WmiEnum {
    /** 0: nobody has accepted or declined the license terms yet (also the value of updates without terms). */
    UNDECIDED(0, "not decided"),
    /** 1: the license terms were accepted. */
    ACCEPTED(1, "accepted"),
    /** 2: the license terms were declined. */
    DECLINED(2, "declined"),
    /** Any other code; it has no code of its own and cannot be written. */
    UNRECOGNIZED(-1, "unrecognized license terms state") {
        @Override
        public boolean isUnrecognized() {
            return true;
        }
    };

    private final long code;
    private final String text;

    EulaAcceptance(long code, String text) {
        this.code = code;
        this.text = text;
    }

    /**
     * {@return the constant with that code, if it is 0, 1 or 2}
     *
     * @param code an {@code EULAAccepted} value
     */
    public static Optional<EulaAcceptance> fromCode(long code) {
        for (EulaAcceptance e : values()) {
            if (e.code == code && !e.isUnrecognized()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public long code() {
        return code;
    }

    @Override
    public String text() {
        return text;
    }
}
