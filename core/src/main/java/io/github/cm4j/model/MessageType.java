package io.github.cm4j.model;

/** The type of a status message ({@code SMS_StatusMessage.MessageType}, values from the SDK page). */
public enum MessageType implements WmiEnum {
    /** Milestone (256): the end of an operation, success or failure. */
    MILESTONE(256, "Milestone"),
    /** Detail (512): a step of a complex operation. */
    DETAIL(512, "Detail"),
    /** Audit (768): an administrator's change. */
    AUDIT(768, "Audit"),
    /** Windows NT event (1024). */
    NT_EVENT(1024, "NTEvent");

    private final long code;
    private final String text;

    MessageType(long code, String text) {
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
