package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Fragmentation, per-fragment protection and reassembly of calls. */
class CallsTest {
    private static final int MAX_FRAGMENT = 1432;

    private static byte[] stub(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    private static List<Fragment> send(byte[] stub, UUID object, PacketSecurity security) throws Exception {
        List<Fragment> out = new ArrayList<>();
        Calls.send(bytes -> out.add(Fragment.parse(bytes, MAX_FRAGMENT)), 42, 1, object == null ? 5 : 3, object, stub, MAX_FRAGMENT, security);
        return out;
    }

    /** Reassembles what {@link #send} produced, as a receiver does, unprotecting each fragment first. */
    private static byte[] receive(List<Fragment> fragments, PacketSecurity security) {
        Calls.Reassembly r = null;
        for (Fragment f : fragments) {
            CallHeader h = CallHeader.decode(f);
            if (security != null) {
                security.unprotect(f, h.stubStart());
            }
            if (r == null) {
                assertThat(f.first()).isTrue();
                r = new Calls.Reassembly(h.allocHint(), 1 << 20);
            }
            assertThat(r.append(f.bytes(), h.stubStart(), f.stubEnd(h.stubStart()) - h.stubStart())).isTrue();
        }
        return r.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 1384, 1385, 1400, 3000, 100_000})
    void unprotectedCallsSplitIntoFragmentsWithinTheNegotiatedSizeAndReassemble(int length) throws Exception {
        byte[] stub = stub(length);
        List<Fragment> fragments = send(stub, UUID.randomUUID(), null);
        assertThat(fragments).allSatisfy(f -> assertThat(f.bytes().length).isLessThanOrEqualTo(MAX_FRAGMENT));
        assertThat(fragments.get(fragments.size() - 1).last()).isTrue();
        assertThat(fragments.stream().filter(Fragment::last)).hasSize(1);
        assertThat(fragments.stream().filter(Fragment::first)).hasSize(1);
        int remaining = length;
        for (Fragment f : fragments) {
            CallHeader h = CallHeader.decode(f);
            assertThat(h.allocHint()).as("alloc_hint: the stub still to come").isEqualTo(remaining);
            remaining -= f.stubEnd(h.stubStart()) - h.stubStart();
        }
        assertThat(receive(fragments, null)).isEqualTo(stub);
    }

    @ParameterizedTest
    @EnumSource(value = AuthLevel.class, names = {"PKT_INTEGRITY", "PKT_PRIVACY"})
    void protectedFragmentsArePaddedTo16VerifiedAndReassembled(AuthLevel level) throws Exception {
        TestSessions.Ends ends = TestSessions.pair();
        PacketSecurity sender = new PacketSecurity(level, 3, NtlmSecurityContext.established(ends.client()));
        PacketSecurity receiver = new PacketSecurity(level, 3, NtlmSecurityContext.established(ends.server()));
        for (int length : new int[] {0, 7, 1360, 5000, 70_001}) {
            byte[] stub = stub(length);
            List<Fragment> fragments = send(stub, null, sender);
            for (Fragment f : fragments) {
                assertThat(f.bytes().length).isLessThanOrEqualTo(MAX_FRAGMENT);
                assertThat(f.authLength()).isEqualTo(16);
                int stubStart = CallHeader.decode(f).stubStart();
                assertThat((f.bodyEnd() - stubStart) % 16).as("stub + auth padding, MS-RPCE 2.2.2.11").isZero();
                assertThat(f.trailer().contextId()).isEqualTo(3);
            }
            if (level == AuthLevel.PKT_PRIVACY && length > 100) {
                byte[] firstStub = java.util.Arrays.copyOfRange(fragments.get(0).bytes(), 24, 24 + 64);
                assertThat(firstStub).as("sealed on the wire").isNotEqualTo(java.util.Arrays.copyOf(stub, 64));
            }
            assertThat(receive(fragments, receiver)).isEqualTo(stub);
        }
    }

    @Test
    void aChangedByteInAProtectedFragmentFailsVerification() throws Exception {
        TestSessions.Ends ends = TestSessions.pair();
        List<Fragment> fragments = send(stub(50), null, new PacketSecurity(AuthLevel.PKT_INTEGRITY, 0, NtlmSecurityContext.established(ends.client())));
        Fragment f = fragments.get(0);
        f.bytes()[30] ^= 1;
        PacketSecurity receiver = new PacketSecurity(AuthLevel.PKT_INTEGRITY, 0, NtlmSecurityContext.established(ends.server()));
        assertThatThrownBy(() -> receiver.unprotect(f, 24)).isInstanceOf(RpcIntegrityException.class);
    }

    @Test
    void aFragmentAtAnotherLevelThanAgreedIsRefused() throws Exception {
        TestSessions.Ends ends = TestSessions.pair();
        List<Fragment> fragments = send(stub(50), null, new PacketSecurity(AuthLevel.PKT_INTEGRITY, 0, NtlmSecurityContext.established(ends.client())));
        PacketSecurity privacy = new PacketSecurity(AuthLevel.PKT_PRIVACY, 0, NtlmSecurityContext.established(ends.server()));
        assertThatThrownBy(() -> privacy.unprotect(fragments.get(0), 24)).isInstanceOf(RpcIntegrityException.class)
                .hasMessageContaining("not protected at PKT_PRIVACY");
        List<Fragment> plain = send(stub(50), null, null);
        assertThatThrownBy(() -> privacy.unprotect(plain.get(0), 24)).hasMessageContaining("no sec_trailer");
    }

    @Test
    void reassemblyStopsAtItsBoundWhateverTheAllocHintSays() {
        Calls.Reassembly r = new Calls.Reassembly(-1, 100);
        assertThat(r.append(new byte[60], 0, 60)).isTrue();
        assertThat(r.append(new byte[60], 0, 40)).isTrue();
        assertThat(r.append(new byte[1], 0, 1)).isFalse();
        assertThat(r.size()).isEqualTo(100);
    }

    @Test
    void reassemblyReservesNothingFromTheAllocHintAndGrowsByWhatArrives() {
        Calls.Reassembly r = new Calls.Reassembly(-1, 32 << 20);
        assertThat(r.capacity()).isZero();
        assertThat(r.append(new byte[16], 0, 16)).isTrue();
        assertThat(r.capacity()).isEqualTo(16);
        for (int i = 0; i < 100; i++) {
            r.append(new byte[100], 0, 100);
        }
        assertThat(r.size()).isEqualTo(10_016);
        assertThat(r.capacity()).isBetween(r.size(), 2 * r.size());
    }
}
