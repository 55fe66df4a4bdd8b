package io.github.cm4j.wmi.wmio;

import io.github.cm4j.wmi.WireFormatException;

/**
 * Bytes that cm4j decodes as an MS-WMIO encoding (or an MS-WMI marshaling buffer built on it: ObjectArray,
 * IWbemContext, OBJREF_CUSTOM) are malformed, truncated, exceed a decoding limit, or use a feature cm4j does
 * not decode.
 *
 * <p>A {@link WireFormatException}: a server or peer sent bytes that do not follow the format. It carries the
 * {@link #offset() byte offset} (from the start of the buffer handed to the decoder) and the {@link #structure()
 * structure} being read, named as in the specification, e.g.
 * {@code "EncodingUnit/ObjectBlock/ClassType/CurrentClass/ClassPart/ClassHeap"}. Decoders throw nothing else for
 * any input: no {@code IndexOutOfBoundsException}, no {@code OutOfMemoryError} from a length read off the wire.
 */
public class WmioFormatException extends WireFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a format error.
     *
     * @param structure the structure being read, e.g. {@code "ClassPart/PropertyLookupTable"}
     * @param offset the byte offset of the problem from the start of the decoded buffer
     * @param problem what is wrong, e.g. {@code "PropertyCount 5000 needs 40000 bytes but 12 remain"}
     */
    public WmioFormatException(String structure, long offset, String problem) {
        this(structure, offset, problem, null);
    }

    /**
     * Creates a format error with a cause.
     *
     * @param structure the structure being read
     * @param offset the byte offset of the problem
     * @param problem what is wrong
     * @param cause the underlying failure, or {@code null}
     */
    public WmioFormatException(String structure, long offset, String problem, Throwable cause) {
        super("", structure, offset, problem, cause);
    }
}
