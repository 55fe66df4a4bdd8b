package io.github.cm4j.wmi.ntlm;

import io.github.cm4j.ConfigMgrException;

/**
 * A message signature (MS-NLMP 2.2.2.9 NTLMSSP_MESSAGE_SIGNATURE) did not verify: the message was altered, came
 * out of sequence, or was signed with other keys. After this the {@link NtlmSession} refuses further use, because
 * its RC4 state no longer matches the peer's.
 */
public class NtlmIntegrityException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    /** @param message what did not verify */
    public NtlmIntegrityException(String message) {
        super(message);
    }
}
