package io.github.cm4j.wmi.ntlm;

import java.util.Objects;

/**
 * An account as named in an AUTHENTICATE_MESSAGE: domain and user, as the client typed them.
 *
 * @param domain DomainName (may be empty)
 * @param user UserName
 */
public record NtlmPrincipal(String domain, String user) {
    /** Checks the components. */
    public NtlmPrincipal {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
    }

    /** @return {@code DOMAIN\\user}, or {@code user} without a domain */
    @Override
    public String toString() {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }
}
