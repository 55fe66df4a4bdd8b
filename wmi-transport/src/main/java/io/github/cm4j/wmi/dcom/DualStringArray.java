package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * DUALSTRINGARRAY (MS-DCOM 2.2.19): where an object exporter or resolver listens (string bindings) and how to
 * authenticate to it (security bindings), as one array of unsigned shorts: the string bindings, a 0, the security
 * bindings, a 0 (2.2.19.1), with wSecurityOffset pointing at the first security binding.
 *
 * <p>Two encodings: the NDR one of 2.2.19.2 (a conformant structure in RPC parameters such as ResolveOxid2 and
 * ScmReplyInfoData) and the packed one of 2.2.19.1 (inside OBJREF_STANDARD, no conformance). An empty list is
 * written as two zeros, which gives the smallest array of 2.2.19.1 (wNumEntries 4, wSecurityOffset 2) when both are
 * empty. On receipt bindings are read up to the first zero of each part; wSecurityOffset must lie inside the
 * array and every string must end inside its part.
 *
 * @param stringBindings the string bindings, in the server's order of preference
 * @param securityBindings the security bindings, in the server's order of preference
 */
public record DualStringArray(List<StringBinding> stringBindings, List<SecurityBinding> securityBindings) {
    /** The most unsigned shorts cm4j reads in one array. */
    public static final int MAX_ENTRIES = 0x8000;

    /** Copies the lists. */
    public DualStringArray {
        stringBindings = List.copyOf(stringBindings);
        securityBindings = List.copyOf(securityBindings);
    }

    /** The array of unsigned shorts and wSecurityOffset. */
    private record Entries(int[] shorts, int securityOffset) {
    }

    private Entries entries() {
        List<Integer> out = new ArrayList<>();
        for (StringBinding b : stringBindings) {
            out.add(b.towerId());
            b.networkAddress().chars().forEach(out::add);
            out.add(0);
        }
        out.add(0);
        if (stringBindings.isEmpty()) {
            out.add(0);
        }
        int securityOffset = out.size();
        for (SecurityBinding b : securityBindings) {
            out.add(b.authnSvc());
            out.add(0xFFFF);
            b.principalName().chars().forEach(out::add);
            out.add(0);
        }
        out.add(0);
        if (securityBindings.isEmpty()) {
            out.add(0);
        }
        if (out.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("the bindings need " + out.size() + " unsigned shorts, more than " + MAX_ENTRIES);
        }
        return new Entries(out.stream().mapToInt(Integer::intValue).toArray(), securityOffset);
    }

    /** @param w the writer; the conformant structure of 2.2.19.2 (a referent: conformance first) */
    public void write(NdrWriter w) {
        Entries e = entries();
        w.u32(e.shorts.length);
        writeBody(w, e);
    }

    /** @param w the writer; the packed form of 2.2.19.1 (inside an OBJREF) */
    public void writePacked(NdrWriter w) {
        writeBody(w, entries());
    }

    private static void writeBody(NdrWriter w, Entries e) {
        w.u16(e.shorts.length).u16(e.securityOffset);
        for (int s : e.shorts) {
            w.u16(s);
        }
    }

    /**
     * @param r the reader
     * @param field the field, for messages
     * @return the array, read as the conformant structure of 2.2.19.2
     */
    public static DualStringArray read(NdrReader r, String field) {
        long max = Integer.toUnsignedLong(r.u32(field + " MaximumCount"));
        int entries = r.u16(field + ".wNumEntries");
        if (max != entries) {
            throw r.fail(field, "conformance " + max + " differs from wNumEntries " + entries);
        }
        return readBody(r, field, entries);
    }

    /**
     * @param r the reader
     * @param field the field, for messages
     * @return the array, read in the packed form of 2.2.19.1
     */
    public static DualStringArray readPacked(NdrReader r, String field) {
        return readBody(r, field, r.u16(field + ".wNumEntries"));
    }

    private static DualStringArray readBody(NdrReader r, String field, int entries) {
        int securityOffset = r.u16(field + ".wSecurityOffset");
        int n = r.count(entries, 2, MAX_ENTRIES, field + ".aStringArray");
        if (securityOffset > n) {
            throw r.fail(field + ".wSecurityOffset", "wSecurityOffset " + securityOffset + " is beyond the " + n + " entries");
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.u16(field + ".aStringArray");
        }
        List<StringBinding> strings = new ArrayList<>();
        int i = 0;
        while (i < securityOffset && a[i] != 0) {
            int tower = a[i++];
            int nul = nul(r, field, a, i, securityOffset, "a string binding");
            strings.add(new StringBinding(tower, text(a, i, nul)));
            i = nul + 1;
        }
        List<SecurityBinding> security = new ArrayList<>();
        i = securityOffset;
        while (i < n && a[i] != 0) {
            int authn = a[i++];
            if (i >= n) {
                throw r.fail(field + ".aStringArray", "the security binding at " + (i - 1) + " ends before its Reserved field");
            }
            i++; // Reserved, 0xFFFF when sent, ignored on receipt
            int nul = nul(r, field, a, i, n, "a security binding");
            security.add(new SecurityBinding(authn, text(a, i, nul)));
            i = nul + 1;
        }
        return new DualStringArray(strings, security);
    }

    private static int nul(NdrReader r, String field, int[] a, int from, int end, String what) {
        for (int k = from; k < end; k++) {
            if (a[k] == 0) {
                return k;
            }
        }
        throw r.fail(field + ".aStringArray", what + " starting at entry " + from + " has no NUL before entry " + end);
    }

    private static String text(int[] a, int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        for (int k = from; k < to; k++) {
            s.append((char) a[k]);
        }
        return s.toString();
    }
}
