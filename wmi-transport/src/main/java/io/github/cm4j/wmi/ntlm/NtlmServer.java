package io.github.cm4j.wmi.ntlm;

import io.github.cm4j.Credentials;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of NTLMv2 (MS-NLMP 3.2): the server's names and the accounts it accepts, from which each
 * authentication starts a {@link Context}. Immutable and thread-safe once built.
 *
 * <p>Verification (MS-NLMP 3.2.5.1.2) accepts only NTLMv2 responses, with extended session security, 128-bit
 * keys, key exchange and signing negotiated; it checks the NTProofStr against the configured account, the
 * response time against the server clock ({@link Builder#maxClockSkew}), and the MIC when the client announces
 * one. Accounts are matched by user name (case-insensitive) and domain (case-insensitive; an account configured
 * without a domain matches any domain); the NTOWFv2 is computed with the user and domain exactly as the client
 * sent them, as the client computed it.
 *
 * <p><b>HTTP authentication</b> ({@link Builder#sessionSecurityRequired(boolean) sessionSecurityRequired(false)}):
 * over HTTP (MS-NLMP over {@code WWW-Authenticate: NTLM}/{@code Negotiate}) NTLM only authenticates the request;
 * nothing is signed or sealed afterwards (TLS protects the channel), and HTTP clients such as curl negotiate
 * neither key exchange nor signing nor 128-bit keys, and may ask for OEM strings. That profile waives those flags
 * and accepts OEM strings (MS-NLMP 3.2.5.1.1 answers OEM to an OEM-only client); it still accepts only NTLMv2
 * responses and checks proof, time, MIC and, when configured, the channel bindings ({@link
 * Builder#channelBindings}). The default profile, for DCE/RPC, keeps requiring them: DCOM at packet integrity
 * signs every PDU with the session keys.
 */
public final class NtlmServer {
    /** One configured account; the NT hash is derived once at build time. */
    private record Account(String domain, String user, byte[] ntHash) {
    }

    private final String computerName;
    private final String domainName;
    private final String dnsComputerName;
    private final String dnsDomainName;
    private final List<Account> accounts;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration maxClockSkew;
    private final boolean sessionSecurity;
    private final byte[] channelBindings;
    private final boolean channelBindingsRequired;

    private NtlmServer(Builder b) {
        this.computerName = b.computerName;
        this.domainName = b.domainName;
        this.dnsComputerName = b.dnsComputerName == null ? b.computerName.toLowerCase(Locale.ROOT) : b.dnsComputerName;
        this.dnsDomainName = b.dnsDomainName == null ? b.domainName.toLowerCase(Locale.ROOT) : b.dnsDomainName;
        this.accounts = List.copyOf(b.accounts);
        this.clock = b.clock;
        this.random = b.random;
        this.maxClockSkew = b.maxClockSkew;
        this.sessionSecurity = b.sessionSecurity;
        this.channelBindings = b.channelBindings == null ? null : b.channelBindings.clone();
        this.channelBindingsRequired = b.channelBindingsRequired;
    }

    /** @return a builder (NetBIOS computer {@code CM4J}, domain {@code CM4J}, no accounts) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a new authentication exchange */
    public Context newContext() {
        return new Context();
    }

    /** @return the NetBIOS computer name */
    public String computerName() {
        return computerName;
    }

    @Override
    public String toString() {
        return "NtlmServer[" + domainName + "\\" + computerName + ", " + accounts.size() + " accounts]";
    }

    /** Builds an {@link NtlmServer}. */
    public static final class Builder {
        private String computerName = "CM4J";
        private String domainName = "CM4J";
        private String dnsComputerName;
        private String dnsDomainName;
        private final List<Account> accounts = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private Duration maxClockSkew = Duration.ofHours(36);
        private boolean sessionSecurity = true;
        private byte[] channelBindings;
        private boolean channelBindingsRequired;

        private Builder() {
        }

        /** @return this, with the NetBIOS computer name (MsvAvNbComputerName) */
        public Builder computerName(String name) {
            this.computerName = requireName(name);
            return this;
        }

        /** @return this, with the NetBIOS domain name (MsvAvNbDomainName and TargetName) */
        public Builder domainName(String name) {
            this.domainName = requireName(name);
            return this;
        }

        /** @return this, with the DNS computer name (default: the NetBIOS name in lower case) */
        public Builder dnsComputerName(String name) {
            this.dnsComputerName = requireName(name);
            return this;
        }

        /** @return this, with the DNS domain name (default: the NetBIOS name in lower case) */
        public Builder dnsDomainName(String name) {
            this.dnsDomainName = requireName(name);
            return this;
        }

        /**
         * Adds an account. Its NT hash is derived now; the credentials object is not kept.
         *
         * @param credentials {@code DOMAIN\\user} (or {@code user}, any domain) with a password or NT hash
         * @return this
         */
        public Builder account(Credentials credentials) {
            Objects.requireNonNull(credentials, "credentials");
            if (credentials.isNone()) {
                throw new IllegalArgumentException("an account needs a user name");
            }
            accounts.add(new Account(credentials.domain(), credentials.user(), NtlmCrypto.ntHash(credentials)));
            return this;
        }

        /** @return this, with all these accounts added */
        public Builder accounts(Collection<Credentials> all) {
            all.forEach(this::account);
            return this;
        }

        /** @return this, with the clock for MsvAvTimestamp and the response-time check */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** @return this, with the source of server challenges */
        public Builder random(SecureRandom r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        /**
         * @param skew how far the NTLMv2 response time may be from the server clock (MS-NLMP 3.2.5.1.2;
         *     default 36 hours)
         * @return this
         */
        public Builder maxClockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("negative skew " + skew);
            }
            this.maxClockSkew = skew;
            return this;
        }

        /**
         * Whether the session security flags are required (default {@code true}, what DCE/RPC needs: signing,
         * 128-bit keys, key exchange, extended session security, Unicode). {@code false} is for HTTP authentication
         * only, where no message is signed or sealed after the handshake: see the class comment.
         *
         * @param required {@code false} to accept HTTP clients that negotiate none of them (curl)
         * @return this
         */
        public Builder sessionSecurityRequired(boolean required) {
            this.sessionSecurity = required;
            return this;
        }

        /**
         * The channel bindings of the TLS channel the server authenticates on (MS-NLMP 3.2.5.1.2: the
         * MsvAvChannelBindings hash, see {@link ChannelBindings#tlsServerEndPoint}), as Windows' Extended Protection
         * for Authentication checks them: a client that sends a non-zero hash must send this one.
         *
         * @param md5 the 16-byte MD5 of the gss_channel_bindings_struct
         * @param required {@code true} to also refuse clients that send none (Extended Protection "Require"),
         *     {@code false} to accept them ("Allow")
         * @return this
         */
        public Builder channelBindings(byte[] md5, boolean required) {
            if (md5.length != 16) {
                throw new IllegalArgumentException("MsvAvChannelBindings is a 16-byte MD5 hash, got " + md5.length + " bytes");
            }
            this.channelBindings = md5.clone();
            this.channelBindingsRequired = required;
            return this;
        }

        /** @return the server settings */
        public NtlmServer build() {
            return new NtlmServer(this);
        }

        private static String requireName(String name) {
            if (Objects.requireNonNull(name, "name").isEmpty()) {
                throw new IllegalArgumentException("empty name");
            }
            return name;
        }
    }

    /**
     * One server authentication: {@link #challenge(byte[])}, then {@link #authenticate(byte[])}. Failures leave
     * the context failed; a new exchange needs a new context.
     */
    public final class Context {
        private byte[] negotiate;
        private byte[] challenge;
        private byte[] serverChallenge;
        private boolean done;

        private Context() {
        }

        /**
         * Answers a NEGOTIATE_MESSAGE with a CHALLENGE_MESSAGE (MS-NLMP 3.2.5.1.1): a fresh 8-byte server
         * challenge, the NetBIOS domain as TargetName, and TargetInfo with NetBIOS and DNS names and MsvAvTimestamp.
         *
         * @param negotiateBytes the client's NEGOTIATE_MESSAGE
         * @return the CHALLENGE_MESSAGE
         * @throws NtlmFormatException when the message is malformed
         * @throws NtlmAuthenticationException when the client does not negotiate Unicode
         */
        public synchronized byte[] challenge(byte[] negotiateBytes) {
            if (negotiate != null) {
                throw new NtlmAuthenticationException(NtlmAuthenticationException.Reason.PROTOCOL_ERROR,
                        "a second NEGOTIATE_MESSAGE in one exchange");
            }
            NtlmNegotiateMessage request = NtlmNegotiateMessage.decode(negotiateBytes);
            // MS-NLMP 3.2.5.1.1: Unicode when the client offers it, else OEM when it offers that. OEM only in the
            // HTTP profile (curl's NEGOTIATE_MESSAGE offers OEM alone); DCE/RPC clients all offer Unicode.
            int charset = NtlmFlags.NEGOTIATE_UNICODE;
            if ((request.flags() & NtlmFlags.NEGOTIATE_UNICODE) == 0) {
                if (sessionSecurity || (request.flags() & NtlmFlags.NEGOTIATE_OEM) == 0) {
                    throw new NtlmAuthenticationException(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING,
                            "the client does not negotiate Unicode");
                }
                charset = NtlmFlags.NEGOTIATE_OEM;
            }
            // Echo what the client asked for among what cm4j supports; extended session security wins over LM_KEY.
            int echoed = NtlmFlags.REQUEST_TARGET | NtlmFlags.NEGOTIATE_SIGN | NtlmFlags.NEGOTIATE_SEAL
                    | NtlmFlags.NEGOTIATE_ALWAYS_SIGN | NtlmFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY | NtlmFlags.NEGOTIATE_128
                    | NtlmFlags.NEGOTIATE_56 | NtlmFlags.NEGOTIATE_KEY_EXCH;
            int flags = (request.flags() & echoed) | charset | NtlmFlags.NEGOTIATE_NTLM
                    | NtlmFlags.TARGET_TYPE_DOMAIN | NtlmFlags.NEGOTIATE_TARGET_INFO | NtlmFlags.NEGOTIATE_VERSION;
            serverChallenge = new byte[8];
            random.nextBytes(serverChallenge);
            AvPairs info = AvPairs.empty().withString(AvPairs.NB_DOMAIN_NAME, domainName)
                    .withString(AvPairs.NB_COMPUTER_NAME, computerName)
                    .withString(AvPairs.DNS_DOMAIN_NAME, dnsDomainName)
                    .withString(AvPairs.DNS_COMPUTER_NAME, dnsComputerName)
                    .withTimestamp(NtlmCrypto.fileTime(clock.instant()));
            negotiate = negotiateBytes.clone();
            challenge = new NtlmChallengeMessage(flags, serverChallenge, domainName, info, Optional.of(NtlmVersion.CM4J)).encode();
            return challenge.clone();
        }

        /**
         * Verifies the AUTHENTICATE_MESSAGE (MS-NLMP 3.2.5.1.2) and derives the session keys.
         *
         * @param authenticateBytes the client's AUTHENTICATE_MESSAGE
         * @return the server end of the session
         * @throws NtlmFormatException when the message is malformed
         * @throws NtlmAuthenticationException when the client did not prove knowledge of an account's password
         */
        public synchronized NtlmSession authenticate(byte[] authenticateBytes) {
            if (challenge == null || done) {
                throw new NtlmAuthenticationException(NtlmAuthenticationException.Reason.PROTOCOL_ERROR,
                        "an AUTHENTICATE_MESSAGE without a CHALLENGE_MESSAGE before it");
            }
            done = true;
            NtlmAuthenticateMessage m = NtlmAuthenticateMessage.decode(authenticateBytes, !sessionSecurity);
            String who = new NtlmPrincipal(m.domain(), m.user()).toString();
            byte[] ntResponse = m.ntChallengeResponse();
            if (m.user().isEmpty() || ntResponse.length == 0) {
                throw failure(NtlmAuthenticationException.Reason.ANONYMOUS_REFUSED, "anonymous authentication is refused");
            }
            if (ntResponse.length == 24) {
                throw failure(NtlmAuthenticationException.Reason.NTLM_V1_REFUSED, who + " sent an NTLMv1 response; only NTLMv2 is accepted");
            }
            if (ntResponse.length < Ntlmv2.MIN_RESPONSE) {
                throw new NtlmFormatException("AUTHENTICATE_MESSAGE/NtChallengeResponse", 20,
                        "an NTLMv2 response is at least " + Ntlmv2.MIN_RESPONSE + " bytes, got " + ntResponse.length);
            }
            String missing = sessionSecurity ? NtlmFlags.missingRequired(m.flags()) : "";
            if (!missing.isEmpty()) {
                throw failure(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING, who + " did not negotiate " + missing);
            }
            boolean keyExchange = (m.flags() & NtlmFlags.NEGOTIATE_KEY_EXCH) != 0;
            byte[] encryptedKey = m.encryptedRandomSessionKey();
            if (keyExchange && encryptedKey.length != 16) {
                throw new NtlmFormatException("AUTHENTICATE_MESSAGE/EncryptedRandomSessionKey", 52,
                        "key exchange needs a 16-byte key, got " + encryptedKey.length);
            }
            Ntlmv2.Response response = Ntlmv2.parse(ntResponse);
            Account account = find(m.user(), m.domain());
            if (account == null) {
                throw failure(NtlmAuthenticationException.Reason.UNKNOWN_USER, who + " is not a configured account");
            }
            byte[] responseKey = NtlmCrypto.ntowfv2(account.ntHash(), m.user(), m.domain());
            byte[] expected = NtlmCrypto.hmacMd5(responseKey, serverChallenge, response.temp());
            if (!MessageDigest.isEqual(expected, response.ntProof())) {
                throw failure(NtlmAuthenticationException.Reason.WRONG_PASSWORD, "wrong password for " + who);
            }
            Instant sent = NtlmCrypto.instant(response.time());
            Duration skew = Duration.between(sent, clock.instant()).abs();
            if (skew.compareTo(maxClockSkew) > 0) {
                throw failure(NtlmAuthenticationException.Reason.STALE_RESPONSE, "the response of " + who + " is dated " + sent
                        + ", " + skew + " from the server clock (allowed " + maxClockSkew + ")");
            }
            byte[] keyExchangeKey = NtlmCrypto.hmacMd5(responseKey, response.ntProof());
            Arrays.fill(responseKey, (byte) 0);
            // MS-NLMP 3.2.5.1.2: without key exchange the exported session key is the key exchange key itself
            byte[] exportedSessionKey = keyExchange ? Rc4.once(keyExchangeKey, encryptedKey) : keyExchangeKey.clone();
            Arrays.fill(keyExchangeKey, (byte) 0);
            try {
                if ((response.pairs().flags() & AvPairs.FLAG_MIC_PRESENT) != 0) {
                    if (m.mic().isEmpty()) {
                        throw failure(NtlmAuthenticationException.Reason.MIC_INVALID, who + " announces a MIC but sent none");
                    }
                    byte[] mic = Ntlmv2.mic(exportedSessionKey, negotiate, challenge, authenticateBytes);
                    if (!MessageDigest.isEqual(mic, m.mic().get())) {
                        throw failure(NtlmAuthenticationException.Reason.MIC_INVALID, "the MIC of " + who + " does not match the messages");
                    }
                }
                checkChannelBindings(response.pairs(), who);
                NtlmPrincipal principal = new NtlmPrincipal(account.domain().isEmpty() ? m.domain() : account.domain(), account.user());
                return NtlmSession.server(m.flags(), principal, exportedSessionKey);
            } finally {
                Arrays.fill(exportedSessionKey, (byte) 0);
            }
        }

        /**
         * MS-NLMP 3.2.5.1.2: when the server knows its channel's bindings, a non-zero MsvAvChannelBindings must equal
         * them (an all-zero value means the client had none to give); absent ones are refused only when required.
         */
        private void checkChannelBindings(AvPairs pairs, String who) {
            if (channelBindings == null) {
                return;
            }
            Optional<byte[]> sent = pairs.value(AvPairs.CHANNEL_BINDINGS);
            boolean none = sent.isEmpty() || Arrays.equals(sent.get(), new byte[sent.get().length]);
            if (none) {
                if (channelBindingsRequired) {
                    throw failure(NtlmAuthenticationException.Reason.CHANNEL_BINDINGS_MISMATCH, who + " sent no channel "
                            + "bindings, which this server requires (Extended Protection)");
                }
                return;
            }
            if (!MessageDigest.isEqual(sent.get(), channelBindings)) {
                throw failure(NtlmAuthenticationException.Reason.CHANNEL_BINDINGS_MISMATCH, "the channel bindings of " + who
                        + " are not those of this TLS channel (another server's certificate: a relay?)");
            }
        }

        private NtlmAuthenticationException failure(NtlmAuthenticationException.Reason reason, String message) {
            return new NtlmAuthenticationException(reason, message);
        }

        private Account find(String user, String domain) {
            for (Account a : accounts) {
                if (a.user().equalsIgnoreCase(user) && (a.domain().isEmpty() || a.domain().equalsIgnoreCase(domain))) {
                    return a;
                }
            }
            return null;
        }
    }
}
