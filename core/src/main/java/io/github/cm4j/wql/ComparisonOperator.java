package io.github.cm4j.wql;

/** The comparison operators of WQL. {@code !=} is read as {@link #NE} and printed as {@code <>}. */
public enum ComparisonOperator {
    /** {@code =} */
    EQ("="),
    /** {@code <>} (also written {@code !=}) */
    NE("<>"),
    /** {@code <} */
    LT("<"),
    /** {@code <=} */
    LE("<="),
    /** {@code >} */
    GT(">"),
    /** {@code >=} */
    GE(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** {@return the canonical WQL symbol} */
    public String symbol() {
        return symbol;
    }

    /**
     * The operator with its operands swapped: {@code a < b} is {@code b > a}.
     *
     * @return the mirrored operator
     */
    public ComparisonOperator mirrored() {
        switch (this) {
            case LT:
                return GT;
            case LE:
                return GE;
            case GT:
                return LT;
            case GE:
                return LE;
            default:
                return this;
        }
    }
}
