package io.github.cm4j.wmi.ntlm;

import static io.github.cm4j.wmi.fuzz.DecoderFuzzer.assertReachedBothOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.fuzz.DecoderFuzzer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the three NTLM messages (MS-NLMP 2.2.1) — the decoders, and the server's and client's
 * processing of them: the server answering a mutated NEGOTIATE_MESSAGE and verifying a mutated AUTHENTICATE_MESSAGE of
 * a real exchange, the client answering a mutated CHALLENGE_MESSAGE. Only {@link NtlmFormatException} (a
 * {@link io.github.cm4j.wmi.WireFormatException}) and {@link NtlmAuthenticationException} (a refused logon) may come
 * out. The exchange is made deterministic (fixed clock and key material) so that a mutant of the AUTHENTICATE_MESSAGE
 * meets the very challenge it answered and reaches the NTProofStr and MIC checks.
 */
class NtlmFuzzTest {
    private static final int ITERATIONS = DecoderFuzzer.iterations(1500);
    private static final Credentials ACCOUNT = Credentials.of("LAB\\svc-wmi", "Fuzz-Passw0rd!");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    /** Key material that repeats: the same challenge and client nonce in every exchange (tests only!). */
    static SecureRandom repeating() {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0x5A);
            }
        };
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mutatedMessagesOnlyEverFailWithFormatOrAuthenticationExceptions() {
        NtlmServer server = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ACCOUNT).clock(CLOCK).random(repeating())
                .build();
        NtlmClient client = NtlmClient.of(ACCOUNT).withClock(CLOCK).withRandom(repeating());
        NtlmClient.Context c = client.newContext();
        byte[] negotiate = c.negotiate();
        byte[] challenge = server.newContext().challenge(negotiate);
        byte[] authenticate = c.authenticate(challenge);
        // the HTTP profile (no session security demanded, OEM accepted, channel bindings checked), its own exchange
        byte[] bindings = new byte[16];
        Arrays.fill(bindings, (byte) 0x3C);
        NtlmServer http = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ACCOUNT).clock(CLOCK)
                .random(repeating()).sessionSecurityRequired(false).channelBindings(bindings, true).build();
        NtlmClient.Context hc = client.withChannelBindings(bindings).newContext();
        byte[] httpNegotiate = hc.negotiate();
        byte[] httpAuthenticate = hc.authenticate(http.newContext().challenge(httpNegotiate));

        DecoderFuzzer f = new DecoderFuzzer("ntlm").allow(NtlmAuthenticationException.class)
                .add("NEGOTIATE decode", negotiate, NtlmNegotiateMessage::decode)
                .add("CHALLENGE decode", challenge, NtlmChallengeMessage::decode)
                .add("AUTHENTICATE decode", authenticate, NtlmAuthenticateMessage::decode)
                .add("TargetInfo AV pairs", NtlmChallengeMessage.decode(challenge).targetInfo().encode(), AvPairs::decode)
                .add("server answers NEGOTIATE", negotiate, n -> server.newContext().challenge(n))
                .add("server verifies AUTHENTICATE", authenticate, a -> {
                    NtlmServer.Context s = server.newContext();
                    s.challenge(negotiate);
                    s.authenticate(a);
                })
                .add("AUTHENTICATE decode, OEM allowed", httpAuthenticate, a -> NtlmAuthenticateMessage.decode(a, true))
                .add("HTTP profile answers NEGOTIATE", httpNegotiate, n -> http.newContext().challenge(n))
                .add("HTTP profile verifies AUTHENTICATE", httpAuthenticate, a -> {
                    NtlmServer.Context s = http.newContext();
                    s.challenge(httpNegotiate);
                    s.authenticate(a);
                })
                .add("client answers CHALLENGE", challenge, ch -> {
                    NtlmClient.Context cc = client.newContext();
                    cc.negotiate();
                    cc.authenticate(ch);
                });
        DecoderFuzzer.Outcome o = f.run(ITERATIONS);
        assertReachedBothOutcomes(o);
        // mutants of the AUTHENTICATE_MESSAGE must be refused unless they leave the proof intact (e.g. a changed
        // workstation name outside the MIC-less exchange): the checks behind the decoder were reached
        assertThat(o.perEntry().get("server verifies AUTHENTICATE")[1]).isGreaterThan(ITERATIONS / 2);
        assertThat(o.perEntry().get("HTTP profile verifies AUTHENTICATE")[1]).isGreaterThan(ITERATIONS / 2);
    }
}
