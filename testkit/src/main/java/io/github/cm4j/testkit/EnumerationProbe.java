package io.github.cm4j.testkit;

/**
 * A view of the server side of one transport's enumerations, for the contract tests that check that
 * queries stream in batches and release their enumerators. A target that can count them (the simulator, a
 * loopback server) offers a probe through {@link WmiTransportContractTest#enumerationProbe}; without one,
 * those tests are skipped.
 */
public interface EnumerationProbe {

    /**
     * @return the enumerators the server holds open for the transport (queries neither exhausted nor closed)
     */
    int openEnumerators();

    /**
     * @return the objects the server has handed to the transport through enumerators so far, batches fetched
     *     ahead of the reader included
     */
    long objectsSent();
}
