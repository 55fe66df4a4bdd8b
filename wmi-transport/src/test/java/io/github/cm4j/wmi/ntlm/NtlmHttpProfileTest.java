package io.github.cm4j.wmi.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The HTTP profile of {@link NtlmServer} ({@code sessionSecurityRequired(false)}) and channel bindings. An HTTP
 * client as curl 7.88 writes its messages (built here field by field as lib/vauth/ntlm.c does: an OEM-only NEGOTIATE
 * with NTLM, extended session security and always-sign; an AUTHENTICATE in the charset the CHALLENGE chose, echoing
 * its flags, with an LMv2 and an NTLMv2 response, no session key and no MIC) is accepted by the HTTP profile and
 * refused by the default (DCE/RPC) profile, which keeps demanding Unicode, signing, 128-bit and key exchange.
 */
class NtlmHttpProfileTest {
    private static final String PASSWORD = "Http-pa55";
    private static final int CURL_NEGOTIATE = NtlmFlags.NEGOTIATE_OEM | NtlmFlags.REQUEST_TARGET | NtlmFlags.NEGOTIATE_NTLM
            | NtlmFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY | NtlmFlags.NEGOTIATE_ALWAYS_SIGN;

    private static NtlmServer.Builder server() {
        return NtlmServer.builder().computerName("CAS").domainName("LAB").account(Credentials.of("LAB\\alice", PASSWORD));
    }

    private static byte[] curlNegotiate(int flags) {
        NtlmWriter w = new NtlmWriter(1, 32);
        w.u32(12, flags);
        w.field(16, new byte[0]);
        w.field(24, new byte[0]);
        return w.toByteArray();
    }

    /** An AUTHENTICATE_MESSAGE as curl writes it after this CHALLENGE (NTLMv2 because the challenge has TargetInfo). */
    private static byte[] curlAuthenticate(byte[] challengeBytes, String domain, String user, String password) {
        NtlmChallengeMessage challenge = NtlmChallengeMessage.decode(challengeBytes);
        boolean unicode = (challenge.flags() & NtlmFlags.NEGOTIATE_UNICODE) != 0;
        byte[] clientChallenge = new byte[8];
        new SecureRandom().nextBytes(clientChallenge);
        long time = NtlmCrypto.fileTime(Instant.now());
        byte[] temp = Ntlmv2.clientChallenge(time, clientChallenge, challenge.targetInfo());
        byte[] key = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash(password.toCharArray()), user, domain);
        byte[] proof = NtlmCrypto.hmacMd5(key, challenge.serverChallenge(), temp);
        byte[] lmv2 = NtlmCrypto.concat(NtlmCrypto.hmacMd5(key, challenge.serverChallenge(), clientChallenge), clientChallenge);
        NtlmWriter w = new NtlmWriter(3, 64);
        w.field(12, lmv2);
        w.field(20, NtlmCrypto.concat(proof, temp));
        w.field(28, unicode ? NtlmCrypto.utf16(domain) : domain.getBytes(StandardCharsets.ISO_8859_1));
        w.field(36, unicode ? NtlmCrypto.utf16(user) : user.getBytes(StandardCharsets.ISO_8859_1));
        w.field(44, unicode ? NtlmCrypto.utf16("client1") : "client1".getBytes(StandardCharsets.ISO_8859_1));
        w.field(52, new byte[0]);
        w.u32(60, challenge.flags());
        return w.toByteArray();
    }

    @Test
    void theHttpProfileAcceptsACurlStyleOemClientWithoutSigningOrKeyExchange() {
        NtlmServer.Context s = server().sessionSecurityRequired(false).build().newContext();
        byte[] challenge = s.challenge(curlNegotiate(CURL_NEGOTIATE));
        int flags = NtlmChallengeMessage.decode(challenge).flags();
        // MS-NLMP 3.2.5.1.1: OEM answered to an OEM-only client; nothing the client did not ask for is offered
        assertThat(flags & NtlmFlags.NEGOTIATE_OEM).isNotZero();
        assertThat(flags & (NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.NEGOTIATE_KEY_EXCH | NtlmFlags.NEGOTIATE_SIGN)).isZero();
        NtlmSession session = s.authenticate(curlAuthenticate(challenge, "LAB", "alice", PASSWORD));
        assertThat(session.principal()).isEqualTo(new NtlmPrincipal("LAB", "alice"));
    }

    @Test
    void theHttpProfileAcceptsUnicodeClientsWithoutKeyExchangeToo() {
        NtlmServer.Context s = server().sessionSecurityRequired(false).build().newContext();
        byte[] challenge = s.challenge(curlNegotiate(CURL_NEGOTIATE | NtlmFlags.NEGOTIATE_UNICODE));
        assertThat(NtlmChallengeMessage.decode(challenge).flags() & NtlmFlags.NEGOTIATE_UNICODE).isNotZero();
        assertThat(s.authenticate(curlAuthenticate(challenge, "lab", "ALICE", PASSWORD)).principal().user()).isEqualTo("alice");
    }

    @Test
    void theHttpProfileStillChecksThePasswordAndRefusesNtlmV1() {
        NtlmServer http = server().sessionSecurityRequired(false).build();
        NtlmServer.Context wrong = http.newContext();
        byte[] challenge = wrong.challenge(curlNegotiate(CURL_NEGOTIATE));
        assertThatThrownBy(() -> wrong.authenticate(curlAuthenticate(challenge, "LAB", "alice", "guess")))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.WRONG_PASSWORD));
        NtlmServer.Context v1 = http.newContext();
        byte[] c2 = v1.challenge(curlNegotiate(CURL_NEGOTIATE));
        byte[] auth = curlAuthenticate(c2, "LAB", "alice", PASSWORD);
        NtlmAuthenticateMessage m = NtlmAuthenticateMessage.decode(auth, true);
        NtlmWriter w = new NtlmWriter(3, 64);
        w.field(12, new byte[24]);
        w.field(20, Arrays.copyOf(m.ntChallengeResponse(), 24));
        w.field(28, "LAB".getBytes(StandardCharsets.ISO_8859_1));
        w.field(36, "alice".getBytes(StandardCharsets.ISO_8859_1));
        w.field(44, new byte[0]);
        w.field(52, new byte[0]);
        w.u32(60, m.flags());
        assertThatThrownBy(() -> v1.authenticate(w.toByteArray()))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.NTLM_V1_REFUSED));
    }

    @Test
    void theDefaultProfileKeepsDemandingSessionSecurityForDceRpc() {
        NtlmServer rpc = server().build();
        assertThatThrownBy(() -> rpc.newContext().challenge(curlNegotiate(CURL_NEGOTIATE)))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING));
        NtlmServer.Context s = rpc.newContext();
        byte[] challenge = s.challenge(curlNegotiate(CURL_NEGOTIATE | NtlmFlags.NEGOTIATE_UNICODE));
        assertThatThrownBy(() -> s.authenticate(curlAuthenticate(challenge, "LAB", "alice", PASSWORD)))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING);
                    assertThat(e.getMessage()).contains("SIGN").contains("KEY_EXCH");
                });
    }

    @Test
    void ourClientsChannelBindingsMustMatchTheServersWhenItKnowsThem() {
        byte[] mine = new byte[16];
        Arrays.fill(mine, (byte) 7);
        byte[] other = new byte[16];
        Arrays.fill(other, (byte) 9);
        NtlmClient client = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD));
        NtlmServer checking = server().sessionSecurityRequired(false).channelBindings(mine, false).build();
        NtlmServer requiring = server().sessionSecurityRequired(false).channelBindings(mine, true).build();

        assertThat(exchange(client.withChannelBindings(mine), requiring).principal().user()).isEqualTo("alice");
        assertThat(exchange(client, checking).principal().user()).as("no bindings: accepted unless required").isEqualTo("alice");
        assertThatThrownBy(() -> exchange(client.withChannelBindings(other), checking))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class, e -> assertThat(e.reason())
                        .isEqualTo(NtlmAuthenticationException.Reason.CHANNEL_BINDINGS_MISMATCH));
        assertThatThrownBy(() -> exchange(client, requiring))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class, e -> assertThat(e.reason())
                        .isEqualTo(NtlmAuthenticationException.Reason.CHANNEL_BINDINGS_MISMATCH));
        assertThatThrownBy(() -> exchange(client.withChannelBindings(new byte[16]), requiring))
                .as("all zeros means the client had no bindings to give (MS-NLMP 3.1.5.1.2)")
                .isInstanceOf(NtlmAuthenticationException.class);
    }

    private static NtlmSession exchange(NtlmClient client, NtlmServer server) {
        NtlmClient.Context c = client.newContext();
        NtlmServer.Context s = server.newContext();
        return s.authenticate(c.authenticate(s.challenge(c.negotiate())));
    }

    @Test
    void theEndPointHashFollowsTheCertificatesSignatureAlgorithm() {
        // RFC 5929 section 4.1: MD5 and SHA-1 are raised to SHA-256; others keep their hash; none for RSASSA-PSS
        assertThat(ChannelBindings.certificateHash("SHA1withRSA")).hasValue("SHA-256");
        assertThat(ChannelBindings.certificateHash("MD5withRSA")).hasValue("SHA-256");
        assertThat(ChannelBindings.certificateHash("SHA256withECDSA")).hasValue("SHA-256");
        assertThat(ChannelBindings.certificateHash("SHA384withECDSA")).hasValue("SHA-384");
        assertThat(ChannelBindings.certificateHash("SHA512withRSA")).hasValue("SHA-512");
        assertThat(ChannelBindings.certificateHash("RSASSA-PSS")).isEmpty();
        assertThat(ChannelBindings.certificateHash("Ed25519")).isEmpty();
    }
}
