package io.github.cm4j.wql;

/** The kind of a {@link Join}. */
public enum JoinType {
    /** {@code JOIN} or {@code INNER JOIN}: only combinations that satisfy {@code ON}. */
    INNER("INNER JOIN"),
    /** {@code LEFT JOIN} or {@code LEFT OUTER JOIN}: every left row, with NULLs where nothing matches. */
    LEFT("LEFT JOIN");

    private final String keywords;

    JoinType(String keywords) {
        this.keywords = keywords;
    }

    /** {@return the canonical keywords, e.g. {@code INNER JOIN}} */
    public String keywords() {
        return keywords;
    }
}
