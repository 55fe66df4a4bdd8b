package io.github.cm4j.wmi.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An AV_PAIR list (MS-NLMP 2.2.2.1): the TargetInfo of a CHALLENGE_MESSAGE and the AvPairs of an NTLMv2 client
 * challenge. Immutable; pairs keep their order; {@link #encode()} ends the list with MsvAvEOL.
 */
public final class AvPairs {
    /** MsvAvEOL: end of the list. */
    public static final int EOL = 0;
    /** MsvAvNbComputerName: the server's NetBIOS computer name. */
    public static final int NB_COMPUTER_NAME = 1;
    /** MsvAvNbDomainName: the server's NetBIOS domain name. */
    public static final int NB_DOMAIN_NAME = 2;
    /** MsvAvDnsComputerName: the server's FQDN. */
    public static final int DNS_COMPUTER_NAME = 3;
    /** MsvAvDnsDomainName: the FQDN of the domain. */
    public static final int DNS_DOMAIN_NAME = 4;
    /** MsvAvDnsTreeName: the FQDN of the forest. */
    public static final int DNS_TREE_NAME = 5;
    /** MsvAvFlags: 32-bit flags; 0x2 = the AUTHENTICATE_MESSAGE carries a MIC. */
    public static final int FLAGS = 6;
    /** MsvAvTimestamp: FILETIME of the server's clock. */
    public static final int TIMESTAMP = 7;
    /** MsvAvTargetName: the SPN of the target server. */
    public static final int TARGET_NAME = 9;
    /** MsvAvChannelBindings: MD5 hash of the channel bindings. */
    public static final int CHANNEL_BINDINGS = 10;
    /** MsvAvFlags bit: the client provides message integrity through the MIC. */
    public static final int FLAG_MIC_PRESENT = 0x2;

    /** One AV_PAIR. */
    private record Pair(int id, byte[] value) {
    }

    private static final AvPairs EMPTY = new AvPairs(List.of());

    private final List<Pair> pairs;

    private AvPairs(List<Pair> pairs) {
        this.pairs = pairs;
    }

    /** @return an empty list */
    public static AvPairs empty() {
        return EMPTY;
    }

    /**
     * Decodes an AV_PAIR list, which must end with MsvAvEOL (MS-NLMP 2.2.2.1).
     *
     * @param data the encoded list
     * @return the pairs before MsvAvEOL
     * @throws NtlmFormatException when a pair passes the end of the data or MsvAvEOL is missing
     */
    public static AvPairs decode(byte[] data) {
        return decode(new NtlmReader(data, "AV_PAIR list"), 0, data.length);
    }

    static AvPairs decode(NtlmReader r, int start, int end) {
        List<Pair> out = new ArrayList<>();
        int at = start;
        while (true) {
            if (at + 4 > end) {
                throw r.fail("AV_PAIR", at, "the list ends at " + end + " without MsvAvEOL");
            }
            int id = r.u16("AvId", at);
            int len = r.u16("AvLen", at + 2);
            if (at + 4 + len > end) {
                throw r.fail("AV_PAIR", at, "AvId " + id + " with AvLen " + len + " passes the end of the list at " + end);
            }
            if (id == EOL) {
                return new AvPairs(Collections.unmodifiableList(out));
            }
            if (id == FLAGS && len != 4 || id == TIMESTAMP && len != 8) {
                throw r.fail("AV_PAIR", at, "AvId " + id + " needs AvLen " + (id == FLAGS ? 4 : 8) + ", got " + len);
            }
            out.add(new Pair(id, r.bytes("Value", at + 4, len)));
            at += 4 + len;
        }
    }

    /** @return the encoded list, ending with MsvAvEOL */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Pair p : pairs) {
            writeHeader(out, p.id(), p.value().length);
            out.writeBytes(p.value());
        }
        writeHeader(out, EOL, 0);
        return out.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream out, int id, int len) {
        out.write(id);
        out.write(id >>> 8);
        out.write(len);
        out.write(len >>> 8);
    }

    /**
     * @param id an AvId
     * @param value its value
     * @return a copy with that pair replaced in place, or appended when absent
     */
    public AvPairs with(int id, byte[] value) {
        if (id == EOL) {
            throw new IllegalArgumentException("MsvAvEOL is written by encode()");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("an AV_PAIR value holds at most 65535 bytes");
        }
        List<Pair> copy = new ArrayList<>(pairs);
        Pair p = new Pair(id, value.clone());
        int index = indexOf(id);
        if (index >= 0) {
            copy.set(index, p);
        } else {
            copy.add(p);
        }
        return new AvPairs(Collections.unmodifiableList(copy));
    }

    /** @return a copy with a UTF-16LE string value (names, MS-NLMP 2.2.2.1) */
    public AvPairs withString(int id, String value) {
        return with(id, value.getBytes(StandardCharsets.UTF_16LE));
    }

    /** @return a copy with a 32-bit MsvAvFlags value */
    public AvPairs withFlags(int flags) {
        return with(FLAGS, new byte[] {(byte) flags, (byte) (flags >>> 8), (byte) (flags >>> 16), (byte) (flags >>> 24)});
    }

    /** @return a copy with an MsvAvTimestamp FILETIME value */
    public AvPairs withTimestamp(long fileTime) {
        byte[] v = new byte[8];
        for (int i = 0; i < 8; i++) {
            v[i] = (byte) (fileTime >>> (8 * i));
        }
        return with(TIMESTAMP, v);
    }

    private int indexOf(int id) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** @return a copy of the value of the first pair with that AvId */
    public Optional<byte[]> value(int id) {
        int i = indexOf(id);
        return i < 0 ? Optional.empty() : Optional.of(pairs.get(i).value().clone());
    }

    /** @return the UTF-16LE string value of the first pair with that AvId */
    public Optional<String> string(int id) {
        return value(id).map(v -> new String(v, StandardCharsets.UTF_16LE));
    }

    /** @return the MsvAvFlags value, 0 when absent */
    public int flags() {
        return value(FLAGS).map(v -> (v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | (v[3] & 0xFF) << 24).orElse(0);
    }

    /** @return the MsvAvTimestamp FILETIME, when present */
    public OptionalLong timestamp() {
        Optional<byte[]> v = value(TIMESTAMP);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        long t = 0;
        for (int i = 7; i >= 0; i--) {
            t = t << 8 | (v.get()[i] & 0xFF);
        }
        return OptionalLong.of(t);
    }

    /** @return the AvIds in order (MsvAvEOL not included) */
    public List<Integer> ids() {
        return pairs.stream().map(Pair::id).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvPairs a && Arrays.equals(encode(), a.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "AvPairs" + ids();
    }
}
