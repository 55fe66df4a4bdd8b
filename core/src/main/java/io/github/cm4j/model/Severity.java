package io.github.cm4j.model;

/**
 * The severity rating of a software update ({@code SMS_SoftwareUpdate.Severity} and
 * {@code CustomSeverity}): the MSRC rating as ConfigMgr codes it. The codes are the ones ConfigMgr's
 * PowerShell {@code CustomSeverityType} and the console use (None, Low, Moderate, Important, Critical); the
 * SDK page says only that the default is 0.
 */
public enum Severity implements WmiEnum {
    /** No rating (0). */
    NONE(0, "None"),
    /** Low (2). */
    LOW(2, "Low"),
    /** Moderate (6). */
    MODERATE(6, "Moderate"),
    /** Important (8). */
    IMPORTANT(8, "Important"),
    /** Critical (10). */
    CRITICAL(10, "Critical");

    private final long code;
    private final String text;

    Severity(long code, String text) {
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
