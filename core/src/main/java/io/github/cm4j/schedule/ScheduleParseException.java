package io.github.cm4j.schedule;

import io.github.cm4j.ParseException;

/**
 * A schedule token string is malformed or holds a field out of range. Says which token (1-based, in a
 * string of concatenated tokens) and which field, e.g. {@code schedule token 2 (digits 17-32): HourSpan 25
 * outside 0..23 at line 1, column 28}. Thread-safe (immutable).
 */
public class ScheduleParseException extends ParseException {
    private static final long serialVersionUID = 1L;

    /** Which token, 1-based; 0 for the whole string. */
    private final int tokenNumber;
    /** The field that is wrong. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param input the whole string parsed
     * @param tokenNumber which token, 1-based (0 when the string as a whole is wrong, e.g. its length)
     * @param field the field, e.g. {@code "HourSpan"}, or {@code "length"} / {@code "hex digit"}
     * @param problem what is wrong
     * @param offset the character offset of the problem in {@code input}
     */
    public ScheduleParseException(String input, int tokenNumber, String field, String problem, int offset) {
        super(tokenNumber == 0 ? "schedule token" : "schedule token " + tokenNumber + " (digits "
                + ((tokenNumber - 1) * 16 + 1) + "-" + tokenNumber * 16 + ")", problem, input, offset);
        this.tokenNumber = tokenNumber;
        this.field = field;
    }

    /** @return the token the problem is in, 1-based; 0 for the string as a whole */
    public int tokenNumber() {
        return tokenNumber;
    }

    /** @return the field that is wrong, as the {@code SMS_ST_*} class names it, or {@code length} / {@code hex digit} */
    public String field() {
        return field;
    }
}
