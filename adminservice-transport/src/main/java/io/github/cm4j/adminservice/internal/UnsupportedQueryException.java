package io.github.cm4j.adminservice.internal;

/**
 * A WQL construct the administration service's OData cannot express; thrown before any call. Internal: the
 * transport turns it into a {@link io.github.cm4j.WmiException} with {@code WBEM_E_NOT_SUPPORTED}.
 */
public final class UnsupportedQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String construct;

    /**
     * @param construct the construct, e.g. {@code a JOIN}
     * @param wql the query
     */
    public UnsupportedQueryException(String construct, String wql) {
        super("OData cannot express " + construct + " of the WQL query " + wql + " (over adminservice://; "
                + "client-filter=on evaluates a WHERE on the client, streamed, at the cost of reading the whole class; "
                + "joins and sub-selects need dcom://)");
        this.construct = construct;
    }

    /** @return the construct, e.g. {@code a JOIN} */
    public String construct() {
        return construct;
    }
}
