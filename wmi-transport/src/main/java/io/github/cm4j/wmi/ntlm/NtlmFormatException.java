package io.github.cm4j.wmi.ntlm;

import io.github.cm4j.wmi.WireFormatException;

/**
 * Bytes decoded as an NTLM message (MS-NLMP 2.2.1: NEGOTIATE, CHALLENGE or AUTHENTICATE, their AV_PAIR lists and
 * NTLMv2 responses) are malformed or truncated. Carries the {@link #structure() structure} being read, named as in
 * MS-NLMP (e.g. {@code "CHALLENGE_MESSAGE/TargetInfoFields"}), and the byte {@link #offset() offset} from the start
 * of the message. The decoders throw nothing else for any input.
 */
public class NtlmFormatException extends WireFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * @param structure the structure being read
     * @param offset the byte offset of the problem from the start of the message
     * @param problem what is wrong
     */
    public NtlmFormatException(String structure, long offset, String problem) {
        super("NTLM", structure, offset, problem, null);
    }
}
