package io.github.cm4j.wmi.ndr;

import io.github.cm4j.wmi.wmio.WmioFormatException;

/**
 * NDR stub data (C706 chapter 14, as profiled by MS-RPCE 2.2.5) that cm4j decodes is malformed, truncated, exceeds
 * a decoding limit or a {@code [range]} of the IDL, or is inconsistent (a conformance that differs from the count
 * it must equal, a NULL where the IDL forbids one).
 *
 * <p>It is a {@link WmioFormatException} so that one {@code catch} covers every malformed wire structure of the
 * MS-WMI stack: the NDR around a call, the OBJREFs inside it and the MS-WMIO objects inside those. The
 * {@link #structure()} names the message and field being read (e.g. {@code "IWbemServices::ExecQuery request/strQuery"})
 * and the {@link #offset()} counts from the start of the stub data (or of the serialized type) handed to the decoder.
 */
public class NdrFormatException extends WmioFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * @param structure the message and field being read
     * @param offset the byte offset of the problem from the start of the decoded buffer
     * @param problem what is wrong
     */
    public NdrFormatException(String structure, long offset, String problem) {
        super(structure, offset, problem);
    }

    /**
     * @param structure the message and field being read
     * @param offset the byte offset of the problem from the start of the decoded buffer
     * @param problem what is wrong
     * @param cause the underlying failure, e.g. a malformed OBJREF inside the stub data
     */
    public NdrFormatException(String structure, long offset, String problem, Throwable cause) {
        super(structure, offset, problem, cause);
    }
}
