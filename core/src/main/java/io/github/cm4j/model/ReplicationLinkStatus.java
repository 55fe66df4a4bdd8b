package io.github.cm4j.model;

/** {@code SMS_SUPSyncStatus.ReplicationLinkStatus} (values from the SDK page). */
public enum ReplicationLinkStatus implements WmiEnum {
    /** Healthy (0). */
    HEALTHY(0, "Healthy"),
    /** Degraded (1). */
    DEGRADED(1, "Degraded"),
    /** Error (2). */
    ERROR(2, "Error");

    private final long code;
    private final String text;

    ReplicationLinkStatus(long code, String text) {
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
