package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrFormatException;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrTypeSerialization;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wbem.ObjRefCustom;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An activation properties BLOB (MS-DCOM 2.2.22), the {@code pActProperties} of IRemoteSCMActivator calls: in a
 * request an OBJREF_CUSTOM with IID_IActivationPropertiesIn and CLSID_ActivationPropertiesIn, in a response one with
 * IID_IActivationPropertiesOut and CLSID_ActivationPropertiesOut (1.9).
 *
 * <p>Layout: dwSize (from the CustomHeader to the end of the last property), dwReserved 0, the CustomHeader
 * (2.2.22.1) and the properties, each serialized with NDR type serialization version 1 and padded to 8. The
 * CustomHeader is written with totalSize = dwSize, headerSize = its serialized size, destCtx 2
 * (MSHCTX_DIFFERENTMACHINE, as Windows and impacket send it), classInfoClsid GUID_NULL, pclsid and pSizes, and
 * pdwReserved NULL. The OBJREF_CUSTOM's reserved field is written as the BLOB size + 8, as impacket and scapy write
 * it for activation properties.
 *
 * <p>On receipt: cIfs must be in [MIN_ACTPROP_LIMIT, MAX_ACTPROP_LIMIT] (1..10), pclsid and pSizes must hold cIfs
 * entries, headerSize and every pSizes entry must fit dwSize, and dwSize the bytes given; each property is decoded
 * inside its own pSizes bytes by its CLSID, in the order the CustomHeader lists them. totalSize and destCtx are
 * ignored.
 *
 * @param properties the properties, in order
 */
public record ActivationProperties(List<ActivationProperty> properties) {
    /** CLSID_ActivationPropertiesIn. */
    public static final UUID CLSID_ACTIVATION_PROPERTIES_IN = UUID.fromString("00000338-0000-0000-c000-000000000046");
    /** CLSID_ActivationPropertiesOut. */
    public static final UUID CLSID_ACTIVATION_PROPERTIES_OUT = UUID.fromString("00000339-0000-0000-c000-000000000046");
    /** IID_IActivationPropertiesIn. */
    public static final UUID IID_IACTIVATION_PROPERTIES_IN = UUID.fromString("000001a2-0000-0000-c000-000000000046");
    /** IID_IActivationPropertiesOut. */
    public static final UUID IID_IACTIVATION_PROPERTIES_OUT = UUID.fromString("000001a3-0000-0000-c000-000000000046");
    /** MIN_ACTPROP_LIMIT (MS-DCOM 2.2.28.1). */
    public static final int MIN_ACTPROP_LIMIT = 1;
    /** MAX_ACTPROP_LIMIT (MS-DCOM 2.2.28.1). */
    public static final int MAX_ACTPROP_LIMIT = 10;
    /** MSHCTX_DIFFERENTMACHINE, the destCtx written. */
    public static final int MSHCTX_DIFFERENTMACHINE = 2;
    private static final UUID GUID_NULL = new UUID(0, 0);

    /** Validates and copies. */
    public ActivationProperties {
        properties = List.copyOf(properties);
        if (properties.size() < MIN_ACTPROP_LIMIT || properties.size() > MAX_ACTPROP_LIMIT) {
            throw new IllegalArgumentException(properties.size() + " properties are outside [MIN_ACTPROP_LIMIT, MAX_ACTPROP_LIMIT]");
        }
    }

    /**
     * The request impacket's {@code DCOMConnection.CoCreateInstanceEx} sends (and Windows accepts): InstantiationInfo,
     * ActivationContextInfo with no contexts, LocationInfo and ScmRequestInfo asking for ncacn_ip_tcp.
     *
     * @param clsid the class to activate
     * @param iids the interfaces wanted
     * @return the properties
     */
    public static ActivationProperties request(UUID clsid, List<UUID> iids) {
        return new ActivationProperties(List.of(
                new ActivationProperty.InstantiationInfo(clsid, ActivationProperty.InstantiationInfo.CLSCTX_REMOTE_SERVER, 0, iids,
                        ComVersion.V5_7),
                new ActivationProperty.ActivationContextInfo(null, null),
                new ActivationProperty.LocationInfo(),
                new ActivationProperty.ScmRequestInfo(2, List.of(StringBinding.NCACN_IP_TCP))));
    }

    /**
     * The reply a server sends: PropsOutInfo then ScmReplyInfo, the order Windows uses and impacket relies on.
     *
     * @param propsOut the interfaces
     * @param scmReply the object exporter
     * @return the properties
     */
    public static ActivationProperties reply(ActivationProperty.PropsOutInfo propsOut, ActivationProperty.ScmReplyInfo scmReply) {
        return new ActivationProperties(List.of(propsOut, scmReply));
    }

    /**
     * @param type a property type
     * @param <T> the type
     * @return the first property of that type
     */
    public <T extends ActivationProperty> Optional<T> property(Class<T> type) {
        return properties.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** @return the BLOB (the pObjectData of the OBJREF_CUSTOM) */
    public byte[] encode() {
        List<byte[]> serialized = properties.stream().map(ActivationProperty::serialize).toList();
        int headerSize = header(serialized, 0).length;
        int total = headerSize + serialized.stream().mapToInt(b -> b.length).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new NdrWriter().u32(total).u32(0).toByteArray());
        out.writeBytes(header(serialized, total));
        serialized.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private byte[] header(List<byte[]> serialized, int total) {
        List<UUID> clsids = properties.stream().map(ActivationProperty::clsid).toList();
        List<Integer> sizes = serialized.stream().map(b -> b.length).toList();
        int headerSize = total == 0 ? 0 : total - sizes.stream().mapToInt(Integer::intValue).sum();
        return NdrTypeSerialization.encode(w -> {
            w.u32(total).u32(headerSize).u32(0).u32(MSHCTX_DIFFERENTMACHINE).u32(properties.size()).guid(GUID_NULL);
            w.unique(clsids, (x, l) -> x.conformantArray(l, NdrWriter::guid));
            w.unique(sizes, (x, l) -> x.conformantArray(l, NdrWriter::u32));
            w.u32(0);
        });
    }

    /** The CustomHeader fields a decoder needs. */
    private record Header(int headerSize, List<UUID> clsids, List<Integer> sizes) {
    }

    /**
     * @param blob the pObjectData of the OBJREF_CUSTOM
     * @return the properties
     * @throws NdrFormatException when the BLOB is malformed
     */
    public static ActivationProperties decode(byte[] blob) {
        NdrReader r = new NdrReader(blob, "ActivationPropertiesBLOB");
        long size = Integer.toUnsignedLong(r.u32("dwSize"));
        r.u32("dwReserved");
        if (size > r.remaining()) {
            throw r.fail("dwSize", "dwSize " + size + " exceeds the " + r.remaining() + " bytes after it");
        }
        int end = 8 + (int) size;
        Header h = NdrTypeSerialization.decode(blob, 8, end, "ActivationPropertiesBLOB/CustomHeader", x -> {
            x.u32("totalSize");
            long headerSize = Integer.toUnsignedLong(x.u32("headerSize"));
            x.u32("dwReserved");
            x.u32("destCtx");
            long count = Integer.toUnsignedLong(x.u32("cIfs"));
            if (count < MIN_ACTPROP_LIMIT || count > MAX_ACTPROP_LIMIT) {
                throw x.fail("cIfs", count + " is outside [range(MIN_ACTPROP_LIMIT, MAX_ACTPROP_LIMIT)]");
            }
            x.guid("classInfoClsid");
            NdrReader.Deferred<List<UUID>> clsids = x.unique("pclsid",
                    NdrReader.Decoder.of(y -> y.conformantArray("pclsid", 16, MAX_ACTPROP_LIMIT, z -> z.guid("pclsid"))));
            NdrReader.Deferred<List<Integer>> sizes = x.unique("pSizes",
                    NdrReader.Decoder.of(y -> y.conformantArray("pSizes", 4, MAX_ACTPROP_LIMIT, z -> z.u32("pSizes"))));
            x.unique("pdwReserved", NdrReader.Decoder.of(y -> y.u32("pdwReserved")));
            return () -> {
                if (clsids.get() == null || sizes.get() == null) {
                    throw x.fail("pclsid", "pclsid and pSizes must not be NULL");
                }
                x.requireConformance("pclsid", count, clsids.get().size());
                x.requireConformance("pSizes", count, sizes.get().size());
                if (headerSize < NdrTypeSerialization.HEADER_LENGTH || headerSize > size) {
                    throw x.fail("headerSize", "headerSize " + headerSize + " does not fit dwSize " + size);
                }
                return new Header((int) headerSize, clsids.get(), sizes.get());
            };
        });
        List<ActivationProperty> properties = new ArrayList<>();
        int at = 8 + h.headerSize;
        for (int i = 0; i < h.clsids.size(); i++) {
            long length = Integer.toUnsignedLong(h.sizes.get(i));
            if (length > end - at) {
                throw new NdrFormatException("ActivationPropertiesBLOB/Property[" + i + "]", at,
                        "pSizes[" + i + "] " + length + " exceeds the " + (end - at) + " bytes left of dwSize");
            }
            properties.add(ActivationProperty.decode(h.clsids.get(i), blob, at, at + (int) length));
            at += (int) length;
        }
        return new ActivationProperties(properties);
    }

    /** @return the OBJREF_CUSTOM of a request (IActivationPropertiesIn) */
    public ObjRefCustom toRequestObjRef() {
        return objRef(IID_IACTIVATION_PROPERTIES_IN, CLSID_ACTIVATION_PROPERTIES_IN);
    }

    /** @return the OBJREF_CUSTOM of a response (IActivationPropertiesOut) */
    public ObjRefCustom toResponseObjRef() {
        return objRef(IID_IACTIVATION_PROPERTIES_OUT, CLSID_ACTIVATION_PROPERTIES_OUT);
    }

    private ObjRefCustom objRef(UUID iid, UUID clsid) {
        byte[] blob = encode();
        return ObjRefCustom.of(iid, clsid, blob).withReserved(blob.length + 8);
    }

    /**
     * @param ref the pActProperties or ppActProperties OBJREF
     * @param clsid {@link #CLSID_ACTIVATION_PROPERTIES_IN} or {@link #CLSID_ACTIVATION_PROPERTIES_OUT}
     * @return the properties
     * @throws WmioFormatException when the OBJREF is not an OBJREF_CUSTOM of that CLSID or the BLOB is malformed
     */
    public static ActivationProperties fromObjRef(ObjRef ref, UUID clsid) {
        if (!(ref instanceof ObjRefCustom custom)) {
            throw new WmioFormatException("OBJREF", 4, "activation properties travel as OBJREF_CUSTOM, not " + ref.getClass().getSimpleName());
        }
        if (!custom.clsid().equals(clsid)) {
            throw new WmioFormatException("OBJREF_CUSTOM", 24, "unmarshaler " + custom.clsid() + " is not the expected " + clsid);
        }
        try {
            return decode(custom.objectData());
        } catch (WmioFormatException e) {
            throw new NdrFormatException("OBJREF_CUSTOM/pObjectData/" + e.structure(),
                    ObjRefCustom.HEADER_LENGTH + e.offset(), e.problem(), e);
        }
    }
}
