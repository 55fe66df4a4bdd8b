package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wbem.ObjRefCustom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * cm4j's decoded records as path/value maps in the vocabulary of the impacket harness (impacket's field names,
 * unsigned decimal integers, lowercase GUIDs, hex bytes, "NULL", "#" for array sizes, ".*" for the inner pointer of a
 * pointer to a pointer), so that {@link ImpacketOracle#assertAgrees} can compare them.
 */
public final class Flat {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** @return the values */
    public Map<String, String> values() {
        return values;
    }

    /** @param path the path @param v a 32-bit value, unsigned @return this */
    public Flat u32(String path, int v) {
        values.put(path, Integer.toUnsignedString(v));
        return this;
    }

    /** @param path the path @param v a 64-bit value, unsigned @return this */
    public Flat u64(String path, long v) {
        values.put(path, Long.toUnsignedString(v));
        return this;
    }

    /** @param path the path @param v a text value @return this */
    public Flat text(String path, String v) {
        values.put(path, v == null ? "NULL" : v);
        return this;
    }

    /** @param path the path @param g a GUID @return this */
    public Flat guid(String path, UUID g) {
        values.put(path, g.toString());
        return this;
    }

    /** @param path the path @param b bytes @return this */
    public Flat hex(String path, byte[] b) {
        values.put(path, HexFormat.of().formatHex(b));
        return this;
    }

    /** @param path the path of a NULL pointer @return this */
    public Flat nul(String path) {
        values.put(path, "NULL");
        return this;
    }

    /** @param path the array @param items its 32-bit elements @return this */
    public Flat u32s(String path, List<Integer> items) {
        values.put(path + "#", String.valueOf(items.size()));
        for (int i = 0; i < items.size(); i++) {
            u32(path + "[" + i + "]", items.get(i));
        }
        return this;
    }

    /** @param path the array @param items its GUIDs @return this */
    public Flat guids(String path, List<UUID> items) {
        values.put(path + "#", String.valueOf(items.size()));
        for (int i = 0; i < items.size(); i++) {
            guid(path + "[" + i + "]", items.get(i));
        }
        return this;
    }

    /** @param path the path @param v a COMVERSION @return this */
    public Flat version(String path, ComVersion v) {
        return u32(path + ".MajorVersion", v.major()).u32(path + ".MinorVersion", v.minor());
    }

    /** @param t an ORPCTHIS @return this */
    public Flat orpcThis(OrpcThis t) {
        version("ORPCthis.version", t.version()).u32("ORPCthis.flags", t.flags()).guid("ORPCthis.cid", t.cid());
        return extensions("ORPCthis.extensions", t.extensions());
    }

    /** @param t an ORPCTHAT @return this */
    public Flat orpcThat(OrpcThat t) {
        return u32("ORPCthat.flags", t.flags()).extensions("ORPCthat.extensions", t.extensions());
    }

    /** ORPC_EXTENT_ARRAY: size, then (size+1)&~1 extent slots, each id, size and the data padded to 8; or NULL. */
    private Flat extensions(String path, List<OrpcExtent> extensions) {
        if (extensions.isEmpty()) {
            return nul(path);
        }
        u32(path + ".size", extensions.size());
        int slots = (extensions.size() + 1) & ~1;
        values.put(path + ".extent#", String.valueOf(slots));
        for (int i = 0; i < slots; i++) {
            String slot = path + ".extent[" + i + "]";
            if (i >= extensions.size()) {
                nul(slot);
                continue;
            }
            byte[] data = extensions.get(i).data();
            guid(slot + ".id", extensions.get(i).id()).u32(slot + ".size", data.length)
                    .hex(slot + ".data", Arrays.copyOf(data, (data.length + 7) & ~7));
        }
        return this;
    }

    /**
     * An interface pointer ({@code PMInterfacePointer}): NULL, or its size, OBJREF bytes and parsed OBJREF.
     *
     * @param path the path
     * @param ref the reference, or null
     * @return this
     */
    public Flat interfacePointer(String path, ObjRef ref) {
        if (ref == null) {
            return nul(path);
        }
        byte[] bytes = ref.encode();
        u32(path + ".ulCntData", bytes.length);
        if (!(ref instanceof ObjRefCustom custom && isActivation(custom.clsid()))) {
            hex(path + ".abData", bytes);
        }
        return objRef(path + ".objref", ref, path);
    }

    private static boolean isActivation(UUID clsid) {
        return clsid.equals(ActivationProperties.CLSID_ACTIVATION_PROPERTIES_IN) || clsid.equals(ActivationProperties.CLSID_ACTIVATION_PROPERTIES_OUT);
    }

    private Flat objRef(String path, ObjRef ref, String pointerPath) {
        guid(path + ".iid", ref.iid());
        if (ref instanceof ObjRefStandard s) {
            u32(path + ".flags", 1).u32(path + ".std.flags", s.std().flags()).u32(path + ".std.cPublicRefs", s.std().publicRefs())
                    .u64(path + ".std.oxid", s.std().oxid()).u64(path + ".std.oid", s.std().oid()).guid(path + ".std.ipid", s.std().ipid());
            NdrWriter w = new NdrWriter();
            s.resolverAddress().writePacked(w);
            byte[] b = w.toByteArray();
            u32(path + ".saResAddr.wNumEntries", (b[0] & 0xFF) | (b[1] & 0xFF) << 8);
            u32(path + ".saResAddr.wSecurityOffset", (b[2] & 0xFF) | (b[3] & 0xFF) << 8);
            return bindings(path + ".saResAddr", s.resolverAddress());
        }
        ObjRefCustom c = (ObjRefCustom) ref;
        u32(path + ".flags", 4).guid(path + ".clsid", c.clsid());
        if (isActivation(c.clsid())) {
            return activation(pointerPath + ".blob", ActivationProperties.fromObjRef(c, c.clsid()));
        }
        return hex(path + ".pObjectData", c.objectData());
    }

    /** @param path the path @param d a DUALSTRINGARRAY's bindings @return this */
    public Flat bindings(String path, DualStringArray d) {
        values.put(path + ".strings#", String.valueOf(d.stringBindings().size()));
        for (int i = 0; i < d.stringBindings().size(); i++) {
            StringBinding b = d.stringBindings().get(i);
            u32(path + ".strings[" + i + "].wTowerId", b.towerId()).text(path + ".strings[" + i + "].aNetworkAddr", b.networkAddress());
        }
        values.put(path + ".security#", String.valueOf(d.securityBindings().size()));
        for (int i = 0; i < d.securityBindings().size(); i++) {
            SecurityBinding b = d.securityBindings().get(i);
            u32(path + ".security[" + i + "].wAuthnSvc", b.authnSvc()).text(path + ".security[" + i + "].aPrincName", b.principalName());
        }
        return this;
    }

    /** @param path the path @param d a DUALSTRINGARRAY in NDR, or null @return this */
    public Flat dualStringArray(String path, DualStringArray d) {
        if (d == null) {
            return nul(path);
        }
        NdrWriter w = new NdrWriter();
        d.writePacked(w);
        byte[] b = w.toByteArray();
        u32(path + ".wNumEntries", (b[0] & 0xFF) | (b[1] & 0xFF) << 8);
        u32(path + ".wSecurityOffset", (b[2] & 0xFF) | (b[3] & 0xFF) << 8);
        return bindings(path, d);
    }

    /** @param path the path of the BLOB @param p activation properties @return this */
    public Flat activation(String path, ActivationProperties p) {
        List<ActivationProperty> list = p.properties();
        u32(path + ".CustomHeader.cIfs", list.size());
        guids(path + ".CustomHeader.pclsid", list.stream().map(ActivationProperty::clsid).toList());
        for (int i = 0; i < list.size(); i++) {
            property(path + ".Property[" + i + "]", list.get(i));
        }
        return this;
    }

    private void property(String path, ActivationProperty property) {
        if (property instanceof ActivationProperty.InstantiationInfo x) {
            guid(path + ".classId", x.classId()).u32(path + ".classCtx", x.classCtx()).u32(path + ".actvflags", x.activationFlags())
                    .u32(path + ".cIID", x.iids().size()).guids(path + ".pIID", x.iids()).version(path + ".clientCOMVersion", x.clientVersion());
        } else if (property instanceof ActivationProperty.ActivationContextInfo x) {
            interfacePointer(path + ".pIFDClientCtx", x.clientContext());
            interfacePointer(path + ".pIFDPrototypeCtx", x.prototypeContext());
        } else if (property instanceof ActivationProperty.LocationInfo) {
            return; // every field is reserved
        } else if (property instanceof ActivationProperty.ScmRequestInfo x) {
            u32(path + ".remoteRequest.ClientImpLevel", x.clientImpLevel())
                    .u32(path + ".remoteRequest.cRequestedProtseqs", x.requestedProtseqs().size())
                    .u32s(path + ".remoteRequest.pRequestedProtseqs", x.requestedProtseqs());
        } else if (property instanceof ActivationProperty.ScmReplyInfo x) {
            u64(path + ".remoteReply.Oxid", x.oxid()).dualStringArray(path + ".remoteReply.pdsaOxidBindings", x.oxidBindings())
                    .guid(path + ".remoteReply.ipidRemUnknown", x.ipidRemUnknown()).u32(path + ".remoteReply.authnHint", x.authnHint())
                    .version(path + ".remoteReply.serverVersion", x.serverVersion());
        } else if (property instanceof ActivationProperty.PropsOutInfo x) {
            u32(path + ".cIfs", x.iids().size()).guids(path + ".piid", x.iids()).u32s(path + ".phresults", x.hresults());
            values.put(path + ".ppIntfData#", String.valueOf(x.interfaces().size()));
            for (int i = 0; i < x.interfaces().size(); i++) {
                interfacePointer(path + ".ppIntfData[" + i + "]", x.interfaces().get(i));
            }
        } else if (property instanceof ActivationProperty.SecurityInfo x) {
            u32(path + ".dwAuthnFlags", x.authnFlags());
            if (x.serverName() == null) {
                nul(path + ".pServerInfo");
            } else {
                text(path + ".pServerInfo.pwszName", x.serverName());
            }
        } else if (property instanceof ActivationProperty.SpecialProperties x) {
            u32(path + ".dwSessionId", x.sessionId()).u32(path + ".fRemoteThisSessionId", x.remoteThisSessionId() ? 1 : 0)
                    .u32(path + ".fClientImpersonating", x.clientImpersonating() ? 1 : 0)
                    .u32(path + ".fPartitionIDPresent", x.partitionId() != null ? 1 : 0).u32(path + ".dwDefaultAuthnLvl", x.defaultAuthnLevel())
                    .guid(path + ".guidPartition", x.partitionId() == null ? new UUID(0, 0) : x.partitionId())
                    .u32(path + ".dwPRTFlags", x.prtFlags()).u32(path + ".dwOrigClsctx", x.origClsctx()).u32(path + ".dwFlags", x.flags());
        } else {
            hex(path, ((ActivationProperty.Unknown) property).serialized());
        }
    }
}
