package io.github.cm4j.wmi;

import io.github.cm4j.ConfigMgrException;
import java.util.Objects;

/**
 * Bytes that cm4j decodes off the wire do not follow their format: malformed, truncated, or over a decoding limit.
 * The branches say which format: {@link io.github.cm4j.wmi.wmio.WmioFormatException} (MS-WMIO objects and the MS-WMI
 * buffers built on them), {@link io.github.cm4j.wmi.ntlm.NtlmFormatException} (MS-NLMP messages) and
 * {@link io.github.cm4j.wmi.rpc.RpcFormatException} (DCE/RPC PDUs).
 *
 * <p>A branch of {@link ConfigMgrException} beside {@link io.github.cm4j.ParseException} (which is for text): a peer
 * sent bytes that do not follow the format. It carries the {@link #structure() structure} being read, named as in
 * the specification, and the byte {@link #offset() offset} from the start of the decoded buffer. Decoders throw
 * nothing else for any input: no {@code IndexOutOfBoundsException}, no {@code OutOfMemoryError} from a length read
 * off the wire.
 */
public abstract class WireFormatException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    private final String structure;
    private final long offset;
    private final String problem;

    /**
     * @param format the format's name for the message (e.g. {@code "NTLM"}), or empty
     * @param structure the structure being read
     * @param offset the byte offset of the problem from the start of the decoded buffer
     * @param problem what is wrong
     * @param cause the underlying failure, or {@code null}
     */
    protected WireFormatException(String format, String structure, long offset, String problem, Throwable cause) {
        super("malformed " + (format.isEmpty() ? "" : format + " ") + structure + " at offset " + offset + ": " + problem, cause);
        this.structure = Objects.requireNonNull(structure, "structure");
        this.offset = offset;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return the structure being read when the problem was found, named as in the specification */
    public String structure() {
        return structure;
    }

    /** @return the byte offset of the problem from the start of the decoded buffer */
    public long offset() {
        return offset;
    }

    /** @return the problem without structure and offset */
    public String problem() {
        return problem;
    }
}
