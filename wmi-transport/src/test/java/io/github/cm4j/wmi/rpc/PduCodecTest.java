package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The PDU codecs: exact layouts, round trips, and typed errors with offsets on hostile input. */
class PduCodecTest {
    private static final SyntaxId IFACE = SyntaxId.of("12345778-1234-abcd-ef00-0123456789ab", 1, 0);
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void syntaxIdsHaveTheWireLayoutImpacketAndWindowsUse() {
        PduWriter w = new PduWriter(20);
        SyntaxId.NDR20.write(w);
        // uuidtup_to_bin(('8a885d04-1ceb-11c9-9fe8-08002b104860', '2.0')) in impacket
        assertThat(HEX.formatHex(w.toByteArray())).isEqualTo("045d888aeb1cc9119fe808002b10486002000000");
        SyntaxId feature = SyntaxId.bindTimeFeatureNegotiation(0x03);
        assertThat(feature.uuid()).isEqualTo(UUID.fromString("6cb71c2c-9812-4540-0300-000000000000"));
        assertThat(feature.isBindTimeFeatureNegotiation()).isTrue();
        assertThat(feature.featureBitmask()).isEqualTo(3);
        assertThat(SyntaxId.NDR20.isBindTimeFeatureNegotiation()).isFalse();
    }

    @Test
    void bindRoundTripsWithItsContextsAndAuthTrailer() {
        BindPdu bind = new BindPdu(5840, 4280, 0x1234, List.of(
                new BindPdu.ContextElement(0, IFACE, List.of(SyntaxId.NDR20)),
                new BindPdu.ContextElement(1, IFACE, List.of(SyntaxId.bindTimeFeatureNegotiation(3)))));
        byte[] token = "NTLMSSP-token".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Pdu.Built b = Pdu.build(Pdu.BIND, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, 7, bind.encode(), new byte[0], 0, 0,
                new Pdu.Auth(AuthLevel.PKT_PRIVACY, 79231, token, 4));
        Fragment f = Fragment.parse(b.bytes(), Pdu.MAX_FRAGMENT);
        assertThat(f.type()).isEqualTo(Pdu.BIND);
        assertThat(f.callId()).isEqualTo(7);
        assertThat(f.first() && f.last()).isTrue();
        assertThat(BindPdu.decode(f)).isEqualTo(bind);
        assertThat(f.trailer()).isEqualTo(new SecTrailer(Pdu.AUTHN_WINNT, 6, 0, 79231));
        assertThat(f.authValue()).isEqualTo(token);
        // C706 12.6.3.1: rpc_vers 5.0, little-endian/ASCII/IEEE drep, frag_length and auth_length filled in
        assertThat(HEX.formatHex(b.bytes(), 0, 12)).isEqualTo("05000b0310000000" + String.format("%02x%02x", b.bytes().length & 0xFF,
                b.bytes().length >> 8) + "0d00");
    }

    @Test
    void bindAckAlignsItsResultListAfterTheSecondaryAddress() {
        for (String address : List.of("", "1", "12", "135", "4915", "49667", "123456")) {
            BindAckPdu ack = new BindAckPdu(4280, 4280, 77, address, List.of(
                    new BindAckPdu.ContextResult(Pdu.ACCEPTANCE, 0, SyntaxId.NDR20),
                    new BindAckPdu.ContextResult(Pdu.NEGOTIATE_ACK, 2, BindAckPdu.NO_SYNTAX),
                    new BindAckPdu.ContextResult(Pdu.PROVIDER_REJECTION, Pdu.ABSTRACT_SYNTAX_NOT_SUPPORTED, BindAckPdu.NO_SYNTAX)));
            byte[] body = ack.encode();
            Fragment f = Fragment.parse(Pdu.build(Pdu.BIND_ACK, 3, 1, body, new byte[0], 0, 0, null).bytes(), Pdu.MAX_FRAGMENT);
            assertThat(BindAckPdu.decode(f)).as("sec_addr %s", address).isEqualTo(ack);
            // the result list starts 4-byte aligned from the start of the PDU (C706 12.6.4.4)
            int resultList = Pdu.HEADER + 8 + 2 + (address.isEmpty() ? 0 : address.length() + 1);
            resultList += (4 - resultList % 4) % 4;
            assertThat(f.bytes()[resultList]).isEqualTo((byte) 3);
        }
    }

    @Test
    void requestsCarryTheObjectUuidOnlyWhenFlagged() {
        UUID ipid = UUID.fromString("00001234-0000-0000-aaaa-bbbbccccdddd");
        byte[] stub = {1, 2, 3};
        Fragment with = Fragment.parse(Pdu.build(Pdu.REQUEST, 3 | Pdu.PFC_OBJECT_UUID, 9, CallHeader.request(3, 2, 6, ipid), stub, 0, 3,
                null).bytes(), Pdu.MAX_FRAGMENT);
        CallHeader h = CallHeader.decode(with);
        assertThat(h).isEqualTo(new CallHeader(3, 2, 6, ipid, 0, 40));
        Fragment without = Fragment.parse(Pdu.build(Pdu.REQUEST, 3, 9, CallHeader.request(3, 2, 6, null), stub, 0, 3, null).bytes(),
                Pdu.MAX_FRAGMENT);
        assertThat(CallHeader.decode(without)).isEqualTo(new CallHeader(3, 2, 6, null, 0, 24));
        assertThat(Arrays.copyOfRange(without.bytes(), 24, without.stubEnd(24))).isEqualTo(stub);
    }

    @Test
    void faultsCarryTheirStatusAt24AsWindowsAndImpacketExpect() {
        byte[] fault = Pdu.build(Pdu.FAULT, 3 | Pdu.PFC_DID_NOT_EXECUTE, 4, CallHeader.fault(0, RpcStatus.NCA_S_FAULT_ACCESS_DENIED),
                new byte[0], 0, 0, null).bytes();
        assertThat(fault).hasSize(32);
        assertThat(HEX.formatHex(fault, 24, 28)).isEqualTo("05000000");
        assertThat(CallHeader.decode(Fragment.parse(fault, Pdu.MAX_FRAGMENT)).status()).isEqualTo(5);
    }

    @Test
    void bindNakCarriesItsReason() {
        byte[] nak = Pdu.build(Pdu.BIND_NAK, 3, 1, new BindNakPdu(BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED).encode(), new byte[0], 0,
                0, null).bytes();
        BindNakPdu decoded = BindNakPdu.decode(Fragment.parse(nak, Pdu.MAX_FRAGMENT));
        assertThat(decoded.reason()).isEqualTo(8);
        assertThat(decoded.reasonName()).isEqualTo("authentication_type_not_recognized");
    }

    @Test
    void headersThatAreNotVersion5LittleEndianAreRefusedWithTheirOffset() {
        byte[] ok = Pdu.build(Pdu.REQUEST, 3, 1, CallHeader.request(0, 0, 0, null), new byte[0], 0, 0, null).bytes();
        assertThatThrownBy(() -> Fragment.parse(patch(ok, 0, 4), Pdu.MAX_FRAGMENT)).isInstanceOfSatisfying(RpcFormatException.class,
                e -> assertThat(e.offset()).isZero());
        assertThatThrownBy(() -> Fragment.parse(patch(ok, 4, 0x00), Pdu.MAX_FRAGMENT)).isInstanceOfSatisfying(RpcFormatException.class,
                e -> assertThat(e.structure()).isEqualTo("common header/packed_drep"));
        assertThatThrownBy(() -> Fragment.parse(patch(ok, 8, 0xFF), Pdu.MAX_FRAGMENT)).isInstanceOfSatisfying(RpcFormatException.class,
                e -> assertThat(e.offset()).isEqualTo(8));
        assertThatThrownBy(() -> Fragment.parse(patch(ok, 10, 30), Pdu.MAX_FRAGMENT)).isInstanceOfSatisfying(RpcFormatException.class,
                e -> assertThat(e.structure()).isEqualTo("common header/auth_length"));
        assertThatThrownBy(() -> Fragment.parse(ok, 16)).isInstanceOfSatisfying(RpcFormatException.class,
                e -> assertThat(e.problem()).contains("outside 16..16"));
    }

    private static byte[] patch(byte[] pdu, int at, int value) {
        byte[] copy = pdu.clone();
        copy[at] = (byte) value;
        return copy;
    }

    @Test
    void aPaddingLengthLongerThanTheBodyIsRefused() {
        byte[] pdu = Pdu.build(Pdu.REQUEST, 3, 1, CallHeader.request(0, 0, 0, null), new byte[5], 0, 5,
                new Pdu.Auth(AuthLevel.PKT_INTEGRITY, 0, new byte[16], 16)).bytes();
        Fragment f = Fragment.parse(patch(pdu, pdu.length - 16 - 6, 200), Pdu.MAX_FRAGMENT);
        assertThatThrownBy(() -> f.stubEnd(24)).isInstanceOfSatisfying(RpcFormatException.class,
                e -> assertThat(e.problem()).contains("auth_pad_length 200"));
    }

    @Test
    void truncatedAndMutatedPdusOnlyEverFailWithRpcFormatException() {
        byte[] bind = Pdu.build(Pdu.BIND, 3, 1, new BindPdu(5840, 5840, 0, List.of(new BindPdu.ContextElement(0, IFACE,
                List.of(SyntaxId.NDR20, SyntaxId.NDR64)))).encode(), new byte[0], 0, 0,
                new Pdu.Auth(AuthLevel.PKT_PRIVACY, 1, new byte[40], 4)).bytes();
        byte[] ack = Pdu.build(Pdu.BIND_ACK, 3, 1, new BindAckPdu(5840, 5840, 9, "49667", List.of(
                new BindAckPdu.ContextResult(0, 0, SyntaxId.NDR20))).encode(), new byte[0], 0, 0, null).bytes();
        byte[] request = Pdu.build(Pdu.REQUEST, 3 | Pdu.PFC_OBJECT_UUID, 1, CallHeader.request(10, 0, 3, UUID.randomUUID()), new byte[10],
                0, 10, new Pdu.Auth(AuthLevel.PKT_INTEGRITY, 0, new byte[16], 16)).bytes();
        Random random = new Random(7);
        for (byte[] valid : List.of(bind, ack, request)) {
            for (int len = 0; len <= valid.length; len++) {
                byte[] cut = Arrays.copyOf(valid, len);
                // frag_length still claims the full length: every cut but the full one must fail
                Throwable t = catchThrowable(() -> decodeAll(cut));
                assertThat(len == valid.length ? t == null : t instanceof RpcFormatException).as("cut %d: %s", len, t).isTrue();
            }
            for (int round = 0; round < 2000; round++) {
                byte[] mutated = valid.clone();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                Throwable t = catchThrowable(() -> decodeAll(mutated));
                assertThat(t == null || t instanceof RpcFormatException).as("%s", t).isTrue();
            }
        }
    }

    private static void decodeAll(byte[] bytes) {
        Fragment f = Fragment.parse(bytes, Pdu.MAX_FRAGMENT);
        f.trailer();
        switch (f.type()) {
            case Pdu.BIND: case Pdu.ALTER_CONTEXT: BindPdu.decode(f); break;
            case Pdu.BIND_ACK: case Pdu.ALTER_CONTEXT_RESP: BindAckPdu.decode(f); break;
            case Pdu.BIND_NAK: BindNakPdu.decode(f); break;
            case Pdu.REQUEST: case Pdu.RESPONSE: case Pdu.FAULT:
                f.stubEnd(CallHeader.decode(f).stubStart());
                break;
            default:
                break;
        }
    }
}
