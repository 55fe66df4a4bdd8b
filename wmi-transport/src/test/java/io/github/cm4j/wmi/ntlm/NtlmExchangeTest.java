package io.github.cm4j.wmi.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.Credentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Our client against our server: the whole exchange, the session both ways, and every refusal. */
class NtlmExchangeTest {
    private static final String PASSWORD = "S3cret-pa55!";
    private static final NtlmServer SERVER = NtlmServer.builder().computerName("SIM01").domainName("LAB")
            .account(Credentials.of("LAB\\alice", PASSWORD))
            .account(Credentials.ofNtHash("LAB\\bob", "a4f49c406510bdcab6824ee7c30fd852"))
            .account(Credentials.of("carol", "carols-password"))
            .build();

    /** A finished exchange: both session ends. */
    record Pair(NtlmSession client, NtlmSession server) {
    }

    private static Pair authenticate(NtlmClient client, NtlmServer server) {
        NtlmClient.Context c = client.newContext();
        NtlmServer.Context s = server.newContext();
        byte[] challenge = s.challenge(c.negotiate());
        NtlmSession serverEnd = s.authenticate(c.authenticate(challenge));
        return new Pair(c.session(), serverEnd);
    }

    @Test
    void aPasswordAccountAuthenticatesAndBothEndsNameIt() {
        Pair p = authenticate(NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)), SERVER);
        assertThat(p.server().principal()).hasToString("LAB\\alice");
        assertThat(p.client().principal()).hasToString("LAB\\alice");
        assertThat(p.server().flags()).isEqualTo(p.client().flags());
        assertThat(p.server().canSeal()).isTrue();
    }

    @Test
    void anNtHashAccountAuthenticatesAgainstAClientUsingThePassword() {
        // a4f4...d852 is the NT hash of "Password" (MS-NLMP 4.2.2.1.2)
        Pair p = authenticate(NtlmClient.of(Credentials.of("lab\\BOB", "Password")), SERVER);
        assertThat(p.server().principal()).hasToString("LAB\\bob");
    }

    @Test
    void aPassTheHashClientAuthenticatesAgainstAPasswordAccount() {
        byte[] hash = NtlmCrypto.ntHash(PASSWORD.toCharArray());
        StringBuilder hex = new StringBuilder();
        for (byte b : hash) {
            hex.append(String.format("%02x", b));
        }
        Pair p = authenticate(NtlmClient.of(Credentials.ofNtHash("LAB\\alice", hex.toString())), SERVER);
        assertThat(p.server().principal().user()).isEqualTo("alice");
    }

    @Test
    void anAccountWithoutDomainMatchesAnyDomainAndReportsTheClientsDomain() {
        Pair p = authenticate(NtlmClient.of(Credentials.of("WHATEVER\\carol", "carols-password")), SERVER);
        assertThat(p.server().principal()).isEqualTo(new NtlmPrincipal("WHATEVER", "carol"));
    }

    @Test
    void sealedMessagesTravelBothWaysInSequence() {
        Pair p = authenticate(NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)), SERVER);
        for (int i = 0; i < 5; i++) {
            byte[] request = ("request " + i + " with some stub data").getBytes(StandardCharsets.UTF_8);
            byte[] wire = roundTrip(p.client(), p.server(), request);
            assertThat(wire).isEqualTo(request);
            byte[] response = ("response " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(roundTrip(p.server(), p.client(), response)).isEqualTo(response);
        }
    }

    /** Seals all of {@code message} but the first 4 bytes (a "header" that is signed only), unseals at the peer. */
    private static byte[] roundTrip(NtlmSession from, NtlmSession to, byte[] message) {
        byte[] buf = message.clone();
        byte[] sig = from.seal(buf, 0, buf.length, 4, buf.length - 4);
        assertThat(Arrays.copyOfRange(buf, 0, 4)).isEqualTo(Arrays.copyOfRange(message, 0, 4));
        assertThat(Arrays.copyOfRange(buf, 4, buf.length)).isNotEqualTo(Arrays.copyOfRange(message, 4, message.length));
        to.unseal(buf, 0, buf.length, 4, buf.length - 4, sig, 0);
        return buf;
    }

    @Test
    void signedMessagesVerifyAndAChangedByteIsDetected() {
        Pair p = authenticate(NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)), SERVER);
        byte[] message = "integrity only".getBytes(StandardCharsets.UTF_8);
        byte[] sig = p.client().sign(message, 0, message.length);
        p.server().verify(message.clone(), 0, message.length, sig, 0);
        byte[] next = "second".getBytes(StandardCharsets.UTF_8);
        byte[] sig2 = p.client().sign(next, 0, next.length);
        next[0] ^= 1;
        assertThatThrownBy(() -> p.server().verify(next, 0, next.length, sig2, 0)).isInstanceOf(NtlmIntegrityException.class)
                .hasMessageContaining("checksum differs");
        assertThatThrownBy(() -> p.server().verify(next, 0, next.length, sig2, 0)).isInstanceOf(NtlmIntegrityException.class)
                .hasMessageContaining("no longer usable");
    }

    @Test
    void aReplayedMessageFailsOnItsSequenceNumber() {
        Pair p = authenticate(NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)), SERVER);
        byte[] message = "once".getBytes(StandardCharsets.UTF_8);
        byte[] sig = p.client().sign(message, 0, message.length);
        p.server().verify(message, 0, message.length, sig, 0);
        assertThatThrownBy(() -> p.server().verify(message, 0, message.length, sig, 0))
                .isInstanceOf(NtlmIntegrityException.class).hasMessageContaining("expected sequence number 1, got 0");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutNamingThePassword() {
        assertThatThrownBy(() -> authenticate(NtlmClient.of(Credentials.of("LAB\\alice", "not-it")), SERVER))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.WRONG_PASSWORD))
                .hasMessageContaining("LAB\\alice").hasMessageNotContaining("not-it").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void anUnknownUserOrDomainIsRefused() {
        for (String account : new String[] {"LAB\\mallory", "OTHER\\alice"}) {
            assertThatThrownBy(() -> authenticate(NtlmClient.of(Credentials.of(account, PASSWORD)), SERVER))
                    .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.UNKNOWN_USER));
        }
    }

    @Test
    void aChangedMicIsRefused() {
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext();
        NtlmServer.Context s = SERVER.newContext();
        byte[] auth = c.authenticate(s.challenge(c.negotiate()));
        auth[NtlmAuthenticateMessage.MIC_OFFSET + 3] ^= 0x40;
        assertThatThrownBy(() -> s.authenticate(auth)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.MIC_INVALID));
    }

    @Test
    void aChangedNegotiateMessageBreaksTheMic() {
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext();
        NtlmServer.Context s = SERVER.newContext();
        byte[] negotiate = c.negotiate();
        // a man in the middle drops SEAL from what the server sees; the client's MIC covers the original
        byte[] downgraded = negotiate.clone();
        downgraded[12] &= ~NtlmFlags.NEGOTIATE_SEAL;
        byte[] auth = c.authenticate(s.challenge(downgraded));
        assertThatThrownBy(() -> s.authenticate(auth)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.MIC_INVALID));
    }

    @Test
    void anNtlmV1ResponseIsRefused() {
        NtlmServer.Context s = SERVER.newContext();
        s.challenge(new NtlmNegotiateMessage(NtlmClient.NEGOTIATE_FLAGS, "", "", Optional.empty()).encode());
        byte[] v1 = new NtlmAuthenticateMessage(NtlmClient.NEGOTIATE_FLAGS, new byte[24], new byte[24], "LAB", "alice", "",
                new byte[16], Optional.empty(), Optional.empty()).encode();
        assertThatThrownBy(() -> s.authenticate(v1)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.NTLM_V1_REFUSED));
    }

    @Test
    void anonymousAuthenticationIsRefused() {
        NtlmServer.Context s = SERVER.newContext();
        s.challenge(new NtlmNegotiateMessage(NtlmClient.NEGOTIATE_FLAGS, "", "", Optional.empty()).encode());
        byte[] anonymous = new NtlmAuthenticateMessage(NtlmClient.NEGOTIATE_FLAGS | NtlmFlags.ANONYMOUS, new byte[1], new byte[0],
                "", "", "", new byte[0], Optional.empty(), Optional.empty()).encode();
        assertThatThrownBy(() -> s.authenticate(anonymous)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.ANONYMOUS_REFUSED));
    }

    @Test
    void aResponseAnsweredTooLateIsRefused() {
        MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
        NtlmServer server = NtlmServer.builder().account(Credentials.of("LAB\\alice", PASSWORD)).clock(clock)
                .maxClockSkew(Duration.ofMinutes(5)).build();
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext();
        NtlmServer.Context s = server.newContext();
        byte[] challenge = s.challenge(c.negotiate());
        byte[] auth = c.authenticate(challenge);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThatThrownBy(() -> s.authenticate(auth)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.STALE_RESPONSE));
    }

    @Test
    void theClientRefusesAServerWithoutExtendedSessionSecurityOrKeyExchange() {
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext();
        c.negotiate();
        AvPairs info = AvPairs.empty().withString(AvPairs.NB_COMPUTER_NAME, "OLD");
        int weak = NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.NEGOTIATE_NTLM | NtlmFlags.NEGOTIATE_SIGN | NtlmFlags.NEGOTIATE_128
                | NtlmFlags.NEGOTIATE_TARGET_INFO;
        byte[] challenge = new NtlmChallengeMessage(weak, new byte[8], "OLD", info, Optional.empty()).encode();
        assertThatThrownBy(() -> c.authenticate(challenge)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING))
                .hasMessageContaining("EXTENDED_SESSIONSECURITY").hasMessageContaining("KEY_EXCH");
    }

    @Test
    void theClientRefusesAChallengeWithoutTheNetBiosNamesAsMsNlmpRequiresWhenSigning() {
        NtlmChallengeMessage good = NtlmChallengeMessage.decode(SERVER.newContext()
                .challenge(NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext().negotiate()));
        for (int missing : new int[] {AvPairs.NB_COMPUTER_NAME, AvPairs.NB_DOMAIN_NAME}) {
            AvPairs info = AvPairs.empty();
            for (int id : good.targetInfo().ids()) {
                if (id != missing && id != AvPairs.EOL) {
                    info = info.with(id, good.targetInfo().value(id).orElseThrow());
                }
            }
            byte[] challenge = new NtlmChallengeMessage(good.flags(), good.serverChallenge(), good.targetName(), info,
                    good.version()).encode();
            NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext();
            c.negotiate();
            assertThatThrownBy(() -> c.authenticate(challenge)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                    e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING))
                    .hasMessageContaining("MsvAvNbComputerName or MsvAvNbDomainName").hasMessageContaining("3.1.5.1.2");
        }
    }

    @Test
    void theSpnTravelsAsMsvAvTargetNameInsideTheNtProof() {
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).withTargetName("host/cas.lab.test").newContext();
        NtlmServer.Context s = SERVER.newContext();
        NtlmAuthenticateMessage m = NtlmAuthenticateMessage.decode(c.authenticate(s.challenge(c.negotiate())));
        assertThat(Ntlmv2.parse(m.ntChallengeResponse()).pairs().string(AvPairs.TARGET_NAME)).contains("host/cas.lab.test");
        s.authenticate(m.encode());
    }

    @Test
    void theServerRefusesAnAuthenticateMessageWithoutKeyExchange() {
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext();
        NtlmServer.Context s = SERVER.newContext();
        NtlmAuthenticateMessage m = NtlmAuthenticateMessage.decode(c.authenticate(s.challenge(c.negotiate())));
        byte[] noKeyExchange = new NtlmAuthenticateMessage(m.flags() & ~NtlmFlags.NEGOTIATE_KEY_EXCH, m.lmChallengeResponse(),
                m.ntChallengeResponse(), m.domain(), m.user(), m.workstation(), m.encryptedRandomSessionKey(), m.version(), m.mic())
                .encode();
        assertThatThrownBy(() -> s.authenticate(noKeyExchange)).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING));
    }

    @Test
    void messagesOutOfOrderAreRefused() {
        NtlmServer.Context s = SERVER.newContext();
        assertThatThrownBy(() -> s.authenticate(new byte[64])).isInstanceOfSatisfying(NtlmAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.PROTOCOL_ERROR));
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).newContext();
        assertThatThrownBy(() -> c.authenticate(new byte[64])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::session).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theClientUsesTheServerTimestampAndSendsAMicAnnouncedInTheResponse() {
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD)).withWorkstation("WS01").newContext();
        NtlmServer.Context s = SERVER.newContext();
        NtlmChallengeMessage challenge = NtlmChallengeMessage.decode(s.challenge(c.negotiate()));
        NtlmAuthenticateMessage m = NtlmAuthenticateMessage.decode(c.authenticate(challenge.encode()));
        Ntlmv2.Response r = Ntlmv2.parse(m.ntChallengeResponse());
        assertThat(r.time()).isEqualTo(challenge.targetInfo().timestamp().getAsLong());
        assertThat(r.pairs().flags() & AvPairs.FLAG_MIC_PRESENT).isNotZero();
        assertThat(m.mic()).isPresent();
        assertThat(m.lmChallengeResponse()).isEqualTo(new byte[24]);
        assertThat(m.workstation()).isEqualTo("WS01");
        assertThat(challenge.targetInfo().string(AvPairs.NB_COMPUTER_NAME)).contains("SIM01");
        assertThat(challenge.targetInfo().string(AvPairs.NB_DOMAIN_NAME)).contains("LAB");
    }

    @Test
    void toStringsNameTheAccountButNeverTheSecret() {
        NtlmClient client = NtlmClient.of(Credentials.of("LAB\\alice", PASSWORD));
        Pair p = authenticate(client, SERVER);
        assertThat(client.toString() + p.client() + p.server() + SERVER).contains("LAB\\alice").doesNotContain(PASSWORD);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
