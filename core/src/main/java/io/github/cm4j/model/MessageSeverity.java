package io.github.cm4j.model;

/** The severity of a status message ({@code SMS_StatusMessage.Severity}, values from the SDK page). */
public enum MessageSeverity implements WmiEnum {
    /** Informational (0x40000000). */
    INFORMATIONAL(0x4000_0000L, "Informational"),
    /** Warning (0x80000000). */
    WARNING(0x8000_0000L, "Warning"),
    /** Error (0xC0000000). */
    ERROR(0xC000_0000L, "Error");

    private final long code;
    private final String text;

    MessageSeverity(long code, String text) {
        this.code = code;
        this.text = text;
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
