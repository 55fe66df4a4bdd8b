package io.github.cm4j.model;

/**
 * {@code SMS_SCI_Component.Flag}: whether {@code Name} is a server role or a server, and whether the
 * component is installed (values from the SDK page; the default is {@link #NAMED_SERVER_INSTALLED}).
 */
public enum ComponentFlag implements WmiEnum {
    /** 1: {@code Name} is a role; not installed. */
    ROLE_NOT_INSTALLED(1, "ROLE_NOT_INSTALLED"),
    /** 2: {@code Name} is a server (no backslashes); not installed. */
    NAMED_SERVER_NOT_INSTALLED(2, "NAMED_SERVER_NOT_INSTALLED"),
    /** 5: {@code Name} is a role; installed on every server with that role. */
    ROLE_INSTALLED(5, "ROLE_INSTALLED"),
    /** 6: {@code Name} is a server (no backslashes); installed there. */
    NAMED_SERVER_INSTALLED(6, "NAMED_SERVER_INSTALLED");

    private final long code;
    private final String text;

    ComponentFlag(long code, String text) {
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
