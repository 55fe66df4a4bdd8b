package io.github.cm4j.wmi.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.internal.kerberos.KerberosIdentity;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.testing.TestKdc;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcAuthException;
import io.github.cm4j.wmi.rpc.RpcSecurityContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The acceptor against AP-REQs a real KDC's tickets make: replays, garbage, and the three legs by hand. */
class KerberosAcceptorTest {
    private static KerberosIdentity alice;
    private static KerberosAcceptor acceptor;

    @BeforeAll
    static void kdc() {
        TestKdc kdc = TestKdc.shared();
        alice = KerberosLogin.login(Credentials.kerberosPassword(TestKdc.ALICE, TestKdc.ALICE_PASSWORD), Duration.ofSeconds(20), null);
        acceptor = KerberosAcceptor.fromKeytab(TestKdc.SERVICE, kdc.serviceKeytab(), Clock.systemUTC(), KerberosAcceptor.DEFAULT_SKEW, true);
    }

    private static KerberosSecurityContext client() {
        return KerberosSecurityContext.client(() -> alice.serviceTicket("host/cas.lab.test", null), false,
                AuthLevel.PKT_PRIVACY, "cas.lab.test", Clock.systemUTC(), new SecureRandom());
    }

    @Test
    void threeLegsEstablishBothEndsWithTheAcceptorSubkey() {
        KerberosSecurityContext c = client();
        RpcSecurityContext s = acceptor.newContext(false);
        byte[] apRep = s.step(c.step(null));
        assertThat(s.isEstablished()).isFalse();
        byte[] third = c.step(apRep);
        assertThat(c.isEstablished()).isTrue();
        assertThat(s.step(third)).isNull();
        assertThat(s.isEstablished()).isTrue();
        assertThat(s.peer().user()).isEqualTo("alice");
        assertThat(c.enctype()).isEqualTo(18);
        assertThat(c.toString()).contains("alice@LAB.TEST -> host/cas.lab.test@LAB.TEST", "aes256");
    }

    @Test
    void aReplayedApReqIsRefusedAndTheClientIsToldWhy() {
        KerberosSecurityContext c = client();
        byte[] apReq = c.step(null);
        acceptor.newContext(false).step(apReq);
        RpcSecurityContext second = acceptor.newContext(false);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> second.step(apReq));
        assertThat(thrown).isInstanceOf(RpcAuthException.class);
        RpcAuthException e = (RpcAuthException) thrown;
        assertThat(e.reason()).isEqualTo(RpcAuthException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("KRB_AP_ERR_REPEAT");
        assertThatThrownBy(() -> c.step(e.replyToken())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("replay");
    }

    @Test
    void garbageInsteadOfAnApReqIsAMalformedToken() {
        assertThatThrownBy(() -> acceptor.newContext(false).step(new byte[] {0x6e, 0x03, 0x30, 0x01, 0x00}))
                .isInstanceOfSatisfying(RpcAuthException.class, e -> assertThat(e.reason()).isEqualTo(RpcAuthException.Reason.MALFORMED));
        assertThatThrownBy(() -> acceptor.newContext(true).step(new byte[] {(byte) 0xA1, 0x05, 0x30, 0x03, (byte) 0xA0, 0x01, 0x00}))
                .isInstanceOf(RpcAuthException.class);
    }

    @Test
    void aThirdLegThatDoesNotEchoTheServerIsRefused() {
        KerberosSecurityContext c1 = client();
        RpcSecurityContext s1 = acceptor.newContext(false);
        c1.step(s1.step(c1.step(null)));
        KerberosSecurityContext c2 = client();
        RpcSecurityContext s2 = acceptor.newContext(false);
        byte[] third2 = c2.step(s2.step(c2.step(null)));
        // c2's answer belongs to s2's exchange, not s1's: another session key
        assertThatThrownBy(() -> s1.step(third2)).isInstanceOf(RpcAuthException.class);
    }

    @Test
    void mutatedApReqsAndSpnegoTokensAreRefusedAsTokensNeverAsCrashes() {
        byte[] apReq = client().step(null);
        byte[] spnego = KerberosSecurityContext.client(() -> alice.serviceTicket("host/cas.lab.test", null), true,
                AuthLevel.PKT_PRIVACY, "cas.lab.test", Clock.systemUTC(), new SecureRandom()).step(null);
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        int refused = 0;
        for (int i = 0; i < 1500; i++) {
            boolean useSpnego = i % 2 == 0;
            byte[] mutated = io.github.cm4j.wmi.fuzz.Mutator.mutate(useSpnego ? spnego : apReq, random, 0);
            try {
                acceptor.newContext(useSpnego).step(mutated);
            } catch (RpcAuthException e) {
                refused++;
            }
        }
        assertThat(refused).as("most mutations are refused").isGreaterThan(1000);
    }

    private static KerberosSecurityContext spnegoClient() {
        return KerberosSecurityContext.client(() -> alice.serviceTicket("host/cas.lab.test", null), true,
                AuthLevel.PKT_INTEGRITY, "cas.lab.test", Clock.systemUTC(), new SecureRandom());
    }

    @Test
    void spnegoExchangesMechListMicsAndBothEndsStayInStepForTheFirstMessages() {
        KerberosSecurityContext c = spnegoClient();
        RpcSecurityContext s = acceptor.newContext(true);
        byte[] third = c.step(s.step(c.step(null)));
        assertThat(Spnego.decode(third).mechListMic()).as("the initiator's mechListMIC rides on the third leg").isNotNull();
        assertThat(c.isEstablished()).as("not before the acceptor's answer is checked").isFalse();
        byte[] completed = s.step(third);
        assertThat(Spnego.decode(completed).negState()).isEqualTo(Spnego.ACCEPT_COMPLETED);
        assertThat(Spnego.decode(completed).mechListMic()).isNotNull();
        assertThat(c.step(completed)).isNull();
        assertThat(c.isEstablished()).isTrue();
        // each MIC took a sequence number on its side: the first signed request and response still verify
        byte[] pdu = new byte[48];
        byte[] mic = c.sign(pdu, 16, 32, 48);
        s.verify(concat(pdu, mic), 16, 32, 48, mic.length);
        byte[] answer = s.sign(pdu, 16, 32, 48);
        c.verify(concat(pdu, answer), 16, 32, 48, answer.length);
    }

    @Test
    void aMechListMicThatDoesNotVerifyIsRefusedAtEitherEnd() {
        KerberosSecurityContext c = spnegoClient();
        RpcSecurityContext s = acceptor.newContext(true);
        byte[] third = c.step(s.step(c.step(null)));
        third[third.length - 1] ^= 1; // the mechListMIC is the NegTokenResp's last field
        assertThatThrownBy(() -> s.step(third)).isInstanceOf(RpcAuthException.class).hasMessageContaining("mechListMIC");

        KerberosSecurityContext c2 = spnegoClient();
        RpcSecurityContext s2 = acceptor.newContext(true);
        byte[] completed = s2.step(c2.step(s2.step(c2.step(null))));
        completed[completed.length - 1] ^= 1;
        assertThatThrownBy(() -> c2.step(completed)).isInstanceOf(RpcAuthException.class).hasMessageContaining("mechListMIC");
        assertThat(c2.isEstablished()).isFalse();
    }

    @Test
    void aSpnegoThirdLegWithoutMechListMicIsAcceptedAsImpacketSendsIt() {
        KerberosSecurityContext c = spnegoClient();
        RpcSecurityContext s = acceptor.newContext(true);
        Spnego.Token third = Spnego.decode(c.step(s.step(c.step(null))));
        byte[] withoutMic = Spnego.negTokenResp(Spnego.ACCEPT_INCOMPLETE, null, third.mechToken());
        byte[] completed = s.step(withoutMic);
        assertThat(s.isEstablished()).isTrue();
        assertThat(Spnego.decode(completed).mechListMic()).as("no MIC answers no MIC").isNull();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
