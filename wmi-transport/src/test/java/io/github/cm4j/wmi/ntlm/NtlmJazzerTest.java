package io.github.cm4j.wmi.ntlm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.Credentials;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import io.github.cm4j.wmi.WireFormatException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for the three NTLM messages a peer sends (MS-NLMP 2.2.1): each decoder, and
 * what the server or the client does with the message — the server answering a NEGOTIATE_MESSAGE and verifying an
 * AUTHENTICATE_MESSAGE of a deterministic real exchange (same challenge and client nonce every time, so inputs reach
 * the NTProofStr and MIC checks), the client answering a CHALLENGE_MESSAGE (its TargetInfo AV pairs decoded too).
 * Only a {@link WireFormatException} or a refused logon ({@link NtlmAuthenticationException}) may come out. The seeds
 * are the messages of that exchange ({@code NtlmFuzzTest}'s corpus), written in {@link #seeds()}.
 */
class NtlmJazzerTest {
    private static final Credentials ACCOUNT = Credentials.of("LAB\\svc-wmi", "Fuzz-Passw0rd!");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    private static final FuzzCheck CHECK = FuzzCheck.refusing(WireFormatException.class, NtlmAuthenticationException.class);
    private static final NtlmServer SERVER = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ACCOUNT).clock(CLOCK)
            .random(NtlmFuzzTest.repeating()).build();
    private static final NtlmClient CLIENT = NtlmClient.of(ACCOUNT).withClock(CLOCK).withRandom(NtlmFuzzTest.repeating());
    private static byte[] negotiate;

    @BeforeAll
    static void seeds() {
        NtlmClient.Context c = CLIENT.newContext();
        negotiate = c.negotiate();
        byte[] challenge = SERVER.newContext().challenge(negotiate);
        byte[] authenticate = c.authenticate(challenge);
        FuzzSeeds.of(NtlmJazzerTest.class, "negotiate").add("negotiate", negotiate);
        FuzzSeeds.of(NtlmJazzerTest.class, "challenge").add("challenge", challenge);
        FuzzSeeds.of(NtlmJazzerTest.class, "authenticate").add("authenticate", authenticate);
    }

    @FuzzTest(maxDuration = "2m")
    void negotiate(byte[] input) {
        CHECK.run(() -> NtlmNegotiateMessage.decode(input));
        CHECK.run(() -> SERVER.newContext().challenge(input));
    }

    @FuzzTest(maxDuration = "2m")
    void challenge(byte[] input) {
        CHECK.run(() -> AvPairs.decode(NtlmChallengeMessage.decode(input).targetInfo().encode()));
        CHECK.run(() -> {
            NtlmClient.Context c = CLIENT.newContext();
            c.negotiate();
            c.authenticate(input);
        });
    }

    @FuzzTest(maxDuration = "2m")
    void authenticate(byte[] input) {
        CHECK.run(() -> NtlmAuthenticateMessage.decode(input));
        CHECK.run(() -> {
            NtlmServer.Context s = SERVER.newContext();
            s.challenge(negotiate);
            s.authenticate(input);
        });
    }
}
