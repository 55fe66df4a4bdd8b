package io.github.cm4j;

/**
 * A list convenience ({@code findAll}, {@code queryAll}) met more results than its maximum; the enumeration was
 * stopped and released at the first result past it, so no more than {@code maximum + 1} objects were read. Use
 * the streaming method beside it (e.g. {@link io.github.cm4j.updates.SoftwareUpdates#find}) to process any
 * number of results, or pass a larger maximum.
 */
public class TooManyResultsException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The maximum that was passed. */
    private final int maximum;

    /**
     * Creates the exception.
     *
     * @param operation what was listed, e.g. {@code "findAll SMS_SoftwareUpdate"}
     * @param maximum the maximum number of results the call accepted
     * @param streamingAlternative the method that streams the same results
     */
    public TooManyResultsException(String operation, int maximum, String streamingAlternative) {
        super(operation + ": more than " + maximum + " results; stream them with " + streamingAlternative
                + " or pass a larger maximum");
        this.maximum = maximum;
    }

    /** @return the maximum that was passed */
    public int maximum() {
        return maximum;
    }
}
