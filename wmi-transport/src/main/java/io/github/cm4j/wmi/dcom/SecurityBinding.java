package io.github.cm4j.wmi.dcom;

import java.util.Objects;

/**
 * SECURITYBINDING (MS-DCOM 2.2.19.4): an authentication service a server accepts and the principal name to use
 * with it (empty when none is given). Reserved is written 0xFFFF and ignored on receipt.
 *
 * @param authnSvc the RPC_C_AUTHN_* constant (MS-RPCE 2.2.1.1.7), e.g. {@link #RPC_C_AUTHN_WINNT}; never 0
 * @param principalName the SPN, possibly empty
 */
public record SecurityBinding(int authnSvc, String principalName) {
    /** RPC_C_AUTHN_GSS_NEGOTIATE. */
    public static final int RPC_C_AUTHN_GSS_NEGOTIATE = 9;
    /** RPC_C_AUTHN_WINNT (NTLM). */
    public static final int RPC_C_AUTHN_WINNT = 10;
    /** RPC_C_AUTHN_GSS_KERBEROS. */
    public static final int RPC_C_AUTHN_GSS_KERBEROS = 16;

    /** Validates. */
    public SecurityBinding {
        if (authnSvc <= 0 || authnSvc > 0xFFFF) {
            throw new IllegalArgumentException("wAuthnSvc " + authnSvc + " is not in 1..65535 (0 ends the list)");
        }
        Objects.requireNonNull(principalName, "principalName");
        if (principalName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a principal name cannot contain NUL");
        }
    }
}
