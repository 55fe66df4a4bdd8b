package io.github.cm4j.wmi.ntlm;

import io.github.cm4j.Credentials;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The client side of NTLMv2 (MS-NLMP 3.1): settings from which each authentication starts a {@link Context}.
 * Immutable and thread-safe; {@code with...} return copies.
 *
 * <p>What the client sends is fixed by cm4j's security rule: NTLMv2 only (no LM or NTLMv1 response is ever
 * computed), extended session security, 128-bit keys, explicit key exchange with a random exported session key
 * from {@link SecureRandom}, signing and sealing, and a MIC over the three messages announced by MsvAvFlags
 * (MS-NLMP 3.1.5.1.2). A server that does not offer these is refused with an {@link NtlmAuthenticationException}.
 */
public final class NtlmClient {
    /**
     * NegotiateFlags of the NEGOTIATE_MESSAGE: what Windows clients request for RPC (MS-NLMP 3.1.5.1.1), without
     * OEM and LM_KEY.
     */
    static final int NEGOTIATE_FLAGS = NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.REQUEST_TARGET | NtlmFlags.NEGOTIATE_SIGN
            | NtlmFlags.NEGOTIATE_SEAL | NtlmFlags.NEGOTIATE_NTLM | NtlmFlags.NEGOTIATE_ALWAYS_SIGN
            | NtlmFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY | NtlmFlags.NEGOTIATE_VERSION | NtlmFlags.NEGOTIATE_128
            | NtlmFlags.NEGOTIATE_KEY_EXCH | NtlmFlags.NEGOTIATE_56;

    private final Credentials credentials;
    private final String workstation;
    private final Optional<String> targetName;
    private final Clock clock;
    private final SecureRandom random;
    private final Optional<byte[]> channelBindings;

    private NtlmClient(Credentials credentials, String workstation, Optional<String> targetName, Clock clock, SecureRandom random) {
        this(credentials, workstation, targetName, clock, random, Optional.empty());
    }

    private NtlmClient(Credentials credentials, String workstation, Optional<String> targetName, Clock clock, SecureRandom random,
                       Optional<byte[]> channelBindings) {
        this.credentials = credentials;
        this.workstation = workstation;
        this.targetName = targetName;
        this.clock = clock;
        this.random = random;
        this.channelBindings = channelBindings;
    }

    /**
     * @param credentials the account (password or NT hash); {@link Credentials#none()} is refused
     * @return a client with no workstation name, the system clock and a new {@link SecureRandom}
     */
    public static NtlmClient of(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (credentials.isNone()) {
            throw new IllegalArgumentException("NTLM needs an account: anonymous authentication is not supported");
        }
        return new NtlmClient(credentials, "", Optional.empty(), Clock.systemUTC(), new SecureRandom());
    }

    /** @return a copy that names this workstation in the AUTHENTICATE_MESSAGE */
    public NtlmClient withWorkstation(String name) {
        return new NtlmClient(credentials, Objects.requireNonNull(name, "name"), targetName, clock, random, channelBindings);
    }

    /** @return a copy that sends this SPN as MsvAvTargetName (e.g. {@code host/sccm01.lab.local}) */
    public NtlmClient withTargetName(String spn) {
        return new NtlmClient(credentials, workstation, Optional.of(spn), clock, random, channelBindings);
    }

    /** @return a copy that reads the time from this clock when the server sends no MsvAvTimestamp */
    public NtlmClient withClock(Clock c) {
        return new NtlmClient(credentials, workstation, targetName, Objects.requireNonNull(c, "clock"), random, channelBindings);
    }

    /** @return a copy that draws client challenges and session keys from this source */
    public NtlmClient withRandom(SecureRandom r) {
        return new NtlmClient(credentials, workstation, targetName, clock, Objects.requireNonNull(r, "random"), channelBindings);
    }

    /**
     * @param md5 the MsvAvChannelBindings hash of the TLS channel (see {@link ChannelBindings#tlsServerEndPoint}),
     *     16 bytes, sent in the NTLMv2 response for servers with Extended Protection (MS-NLMP 3.1.5.1.2)
     * @return a copy that sends these channel bindings
     */
    public NtlmClient withChannelBindings(byte[] md5) {
        if (md5.length != 16) {
            throw new IllegalArgumentException("MsvAvChannelBindings is a 16-byte MD5 hash, got " + md5.length + " bytes");
        }
        return new NtlmClient(credentials, workstation, targetName, clock, random, Optional.of(md5.clone()));
    }

    /** @return the account name, never the secret */
    public String account() {
        return credentials.account();
    }

    /** @return a new authentication exchange */
    public Context newContext() {
        return new Context();
    }

    @Override
    public String toString() {
        return "NtlmClient[" + credentials + "]";
    }

    /** One client authentication: {@link #negotiate()}, then {@link #authenticate(byte[])}, then {@link #session()}. */
    public final class Context {
        private byte[] negotiate;
        private NtlmSession session;

        private Context() {
        }

        /** @return the NEGOTIATE_MESSAGE */
        public synchronized byte[] negotiate() {
            if (negotiate != null) {
                throw new IllegalStateException("negotiate() was already called on this context");
            }
            negotiate = new NtlmNegotiateMessage(NEGOTIATE_FLAGS, "", "", Optional.of(NtlmVersion.CM4J)).encode();
            return negotiate.clone();
        }

        /**
         * Answers the server's CHALLENGE_MESSAGE (MS-NLMP 3.1.5.1.2).
         *
         * @param challengeBytes the CHALLENGE_MESSAGE
         * @return the AUTHENTICATE_MESSAGE
         * @throws NtlmFormatException when the challenge is malformed
         * @throws NtlmAuthenticationException when the server does not offer what cm4j requires
         */
        public synchronized byte[] authenticate(byte[] challengeBytes) {
            if (negotiate == null || session != null) {
                throw new IllegalStateException("authenticate() comes once, after negotiate()");
            }
            NtlmChallengeMessage challenge = NtlmChallengeMessage.decode(challengeBytes);
            String missing = NtlmFlags.missingRequired(challenge.flags());
            if (!missing.isEmpty()) {
                throw new NtlmAuthenticationException(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING,
                        "the server does not offer " + missing + " (offered: " + NtlmFlags.describe(challenge.flags()) + ")");
            }
            if (challenge.targetInfo().ids().isEmpty()) {
                throw new NtlmAuthenticationException(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING,
                        "the server sent no TargetInfo, which NTLMv2 needs");
            }
            // MS-NLMP 3.1.5.1.2: with signing or sealing (cm4j always signs, DCOM needs PKT_INTEGRITY), a TargetInfo
            // without MsvAvNbComputerName or MsvAvNbDomainName must be refused (a tampered or rogue CHALLENGE).
            if (!challenge.targetInfo().ids().contains(AvPairs.NB_COMPUTER_NAME)
                    || !challenge.targetInfo().ids().contains(AvPairs.NB_DOMAIN_NAME)) {
                throw new NtlmAuthenticationException(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING,
                        "the server's CHALLENGE lacks MsvAvNbComputerName or MsvAvNbDomainName in TargetInfo, which"
                        + " MS-NLMP 3.1.5.1.2 requires when signing or sealing");
            }
            int flags = challenge.flags() & (NEGOTIATE_FLAGS | NtlmFlags.NEGOTIATE_TARGET_INFO);
            byte[] serverChallenge = challenge.serverChallenge();
            byte[] clientChallenge = new byte[8];
            random.nextBytes(clientChallenge);
            long time = challenge.targetInfo().timestamp().orElseGet(() -> NtlmCrypto.fileTime(clock.instant()));

            // NTLMv2 client challenge (MS-NLMP 2.2.2.7): the server's AV pairs plus MsvAvFlags "MIC present" and,
            // when configured, the SPN (MsvAvTargetName).
            AvPairs pairs = challenge.targetInfo().withFlags(challenge.targetInfo().flags() | AvPairs.FLAG_MIC_PRESENT);
            if (targetName.isPresent()) {
                pairs = pairs.withString(AvPairs.TARGET_NAME, targetName.get());
            }
            if (channelBindings.isPresent()) {
                pairs = pairs.with(AvPairs.CHANNEL_BINDINGS, channelBindings.get());
            }
            byte[] temp = Ntlmv2.clientChallenge(time, clientChallenge, pairs);

            byte[] ntHash = NtlmCrypto.ntHash(credentials);
            byte[] responseKey = NtlmCrypto.ntowfv2(ntHash, credentials.user(), credentials.domain());
            Arrays.fill(ntHash, (byte) 0);
            byte[] ntProof = NtlmCrypto.hmacMd5(responseKey, serverChallenge, temp);
            byte[] ntResponse = NtlmCrypto.concat(ntProof, temp);
            // MS-NLMP 3.1.5.1.2: with MsvAvTimestamp in the challenge the LM response is Z(24); otherwise LMv2.
            byte[] lmResponse = challenge.targetInfo().timestamp().isPresent() ? new byte[24]
                    : NtlmCrypto.concat(NtlmCrypto.hmacMd5(responseKey, serverChallenge, clientChallenge), clientChallenge);
            byte[] keyExchangeKey = NtlmCrypto.hmacMd5(responseKey, ntProof); // SessionBaseKey = KXKEY for NTLMv2 (3.4.5.1)
            Arrays.fill(responseKey, (byte) 0);
            byte[] exportedSessionKey = new byte[16];
            random.nextBytes(exportedSessionKey);
            byte[] encryptedKey = Rc4.once(keyExchangeKey, exportedSessionKey);
            Arrays.fill(keyExchangeKey, (byte) 0);

            Optional<NtlmVersion> version = (flags & NtlmFlags.NEGOTIATE_VERSION) != 0 ? Optional.of(NtlmVersion.CM4J) : Optional.empty();
            byte[] authenticate = new NtlmAuthenticateMessage(flags, lmResponse, ntResponse, credentials.domain(),
                    credentials.user(), workstation, encryptedKey, version, Optional.empty()).encode();
            byte[] mic = Ntlmv2.mic(exportedSessionKey, negotiate, challengeBytes, authenticate);
            System.arraycopy(mic, 0, authenticate, NtlmAuthenticateMessage.MIC_OFFSET, 16);
            session = NtlmSession.client(flags, new NtlmPrincipal(credentials.domain(), credentials.user()), exportedSessionKey);
            Arrays.fill(exportedSessionKey, (byte) 0);
            return authenticate;
        }

        /** @return the established session, after {@link #authenticate(byte[])} */
        public synchronized NtlmSession session() {
            if (session == null) {
                throw new IllegalStateException("the NTLM exchange is not complete");
            }
            return session;
        }
    }
}
