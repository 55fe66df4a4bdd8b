package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrTypeSerialization;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One property of an activation properties BLOB (MS-DCOM 2.2.22.2), identified by its CLSID (1.9) in the
 * CustomHeader and serialized with NDR type serialization version 1 (MS-RPCE 2.2.6). Fields the specification says
 * "MUST be set to zero/NULL and MUST be ignored on receipt" are written so and not kept. Properties cm4j does not
 * model (InstanceInfoData, ...) travel as {@link Unknown}, byte for byte.
 */
public sealed interface ActivationProperty {
    /** CLSID_InstantiationInfo. */
    UUID CLSID_INSTANTIATION_INFO = UUID.fromString("000001ab-0000-0000-c000-000000000046");
    /** CLSID_ActivationContextInfo. */
    UUID CLSID_ACTIVATION_CONTEXT_INFO = UUID.fromString("000001a5-0000-0000-c000-000000000046");
    /** CLSID_ServerLocationInfo. */
    UUID CLSID_SERVER_LOCATION_INFO = UUID.fromString("000001a4-0000-0000-c000-000000000046");
    /** CLSID_ScmRequestInfo. */
    UUID CLSID_SCM_REQUEST_INFO = UUID.fromString("000001aa-0000-0000-c000-000000000046");
    /** CLSID_SecurityInfo. */
    UUID CLSID_SECURITY_INFO = UUID.fromString("000001a6-0000-0000-c000-000000000046");
    /** CLSID_SpecialSystemProperties. */
    UUID CLSID_SPECIAL_SYSTEM_PROPERTIES = UUID.fromString("000001b9-0000-0000-c000-000000000046");
    /** CLSID_InstanceInfo. */
    UUID CLSID_INSTANCE_INFO = UUID.fromString("000001ad-0000-0000-c000-000000000046");
    /** CLSID_ScmReplyInfo. */
    UUID CLSID_SCM_REPLY_INFO = UUID.fromString("000001b6-0000-0000-c000-000000000046");
    /** CLSID_PropsOutInfo (the same value as CLSID_ActivationPropertiesOut). */
    UUID CLSID_PROPS_OUT_INFO = UUID.fromString("00000339-0000-0000-c000-000000000046");
    /** MAX_REQUESTED_INTERFACES (MS-DCOM 2.2.28.1). */
    int MAX_REQUESTED_INTERFACES = 0x8000;

    /** @return the CLSID naming this property in CustomHeader.pclsid */
    UUID clsid();

    /** @return the property serialized with NDR type serialization version 1, headers and padding included */
    byte[] serialize();

    /**
     * Decodes a property by its CLSID.
     *
     * @param clsid the CLSID from the CustomHeader
     * @param buf the BLOB
     * @param from where the serialized property starts
     * @param to where it ends (its pSizes entry)
     * @return the property ({@link Unknown} for CLSIDs cm4j does not model)
     */
    static ActivationProperty decode(UUID clsid, byte[] buf, int from, int to) {
        if (clsid.equals(CLSID_INSTANTIATION_INFO)) {
            return NdrTypeSerialization.decode(buf, from, to, "InstantiationInfoData", InstantiationInfo::read);
        } else if (clsid.equals(CLSID_ACTIVATION_CONTEXT_INFO)) {
            return NdrTypeSerialization.decode(buf, from, to, "ActivationContextInfoData", ActivationContextInfo::read);
        } else if (clsid.equals(CLSID_SERVER_LOCATION_INFO)) {
            return NdrTypeSerialization.decode(buf, from, to, "LocationInfoData", LocationInfo::read);
        } else if (clsid.equals(CLSID_SCM_REQUEST_INFO)) {
            return NdrTypeSerialization.decode(buf, from, to, "ScmRequestInfoData", ScmRequestInfo::read);
        } else if (clsid.equals(CLSID_SECURITY_INFO)) {
            return NdrTypeSerialization.decode(buf, from, to, "SecurityInfoData", SecurityInfo::read);
        } else if (clsid.equals(CLSID_SPECIAL_SYSTEM_PROPERTIES)) {
            return NdrTypeSerialization.decode(buf, from, to, "SpecialPropertiesData", SpecialProperties::read);
        } else if (clsid.equals(CLSID_SCM_REPLY_INFO)) {
            return NdrTypeSerialization.decode(buf, from, to, "ScmReplyInfoData", ScmReplyInfo::read);
        } else if (clsid.equals(CLSID_PROPS_OUT_INFO)) {
            return NdrTypeSerialization.decode(buf, from, to, "PropsOutInfo", PropsOutInfo::read);
        }
        return new Unknown(clsid, Arrays.copyOfRange(buf, from, to));
    }

    /**
     * InstantiationInfoData (2.2.22.2.1): the class to create and the interfaces wanted. fIsSurrogate and instFlag
     * are written 0; thisSize is written as the serialized size (it SHOULD be ignored on receipt; impacket sends 0).
     *
     * @param classId the CLSID to activate
     * @param classCtx an implementation-specific value (Windows sends CLSCTX_REMOTE_SERVER 0x10, impacket 0)
     * @param activationFlags ACTVFLAGS_* bits
     * @param iids the interfaces wanted (1..MAX_REQUESTED_INTERFACES)
     * @param clientVersion the client's COM version
     */
    record InstantiationInfo(UUID classId, int classCtx, int activationFlags, List<UUID> iids, ComVersion clientVersion)
            implements ActivationProperty {
        /** CLSCTX_REMOTE_SERVER, the classCtx Windows clients send. */
        public static final int CLSCTX_REMOTE_SERVER = 0x10;

        /** Validates and copies. */
        public InstantiationInfo {
            Objects.requireNonNull(classId, "classId");
            Objects.requireNonNull(clientVersion, "clientVersion");
            iids = List.copyOf(iids);
            if (iids.isEmpty() || iids.size() > MAX_REQUESTED_INTERFACES) {
                throw new IllegalArgumentException("cIID " + iids.size() + " is outside [range(1, MAX_REQUESTED_INTERFACES)]");
            }
        }

        @Override
        public UUID clsid() {
            return CLSID_INSTANTIATION_INFO;
        }

        @Override
        public byte[] serialize() {
            int size = NdrTypeSerialization.encode(w -> write(w, 0)).length;
            return NdrTypeSerialization.encode(w -> write(w, size));
        }

        private void write(NdrWriter w, int thisSize) {
            w.guid(classId).u32(classCtx).u32(activationFlags).u32(0).u32(iids.size()).u32(0);
            w.unique(iids, (x, l) -> x.conformantArray(l, NdrWriter::guid));
            w.u32(thisSize);
            clientVersion.write(w);
        }

        static Supplier<InstantiationInfo> read(NdrReader r) {
            UUID classId = r.guid("classId");
            int ctx = r.u32("classCtx");
            int flags = r.u32("actvflags");
            r.u32("fIsSurrogate");
            long count = Integer.toUnsignedLong(r.u32("cIID"));
            if (count < 1 || count > MAX_REQUESTED_INTERFACES) {
                throw r.fail("cIID", count + " is outside [range(1, MAX_REQUESTED_INTERFACES)]");
            }
            r.u32("instFlag");
            NdrReader.Deferred<List<UUID>> iids = r.unique("pIID", NdrReader.Decoder.of(x -> {
                List<UUID> l = x.conformantArray("pIID", 16, MAX_REQUESTED_INTERFACES, y -> y.guid("pIID"));
                x.requireConformance("pIID", count, l.size());
                return l;
            }));
            r.u32("thisSize");
            ComVersion v = ComVersion.read(r, "clientCOMVersion");
            return () -> {
                if (iids.get() == null) {
                    throw r.fail("pIID", "pIID is NULL but cIID is " + count);
                }
                return new InstantiationInfo(classId, ctx, flags, iids.get(), v);
            };
        }
    }

    /**
     * ActivationContextInfoData (2.2.22.2.5): the client and prototype contexts, each an OBJREF (CLSID_ContextMarshaler)
     * or NULL. impacket sends both NULL, which Windows accepts.
     *
     * @param clientContext pIFDClientCtx, or null
     * @param prototypeContext pIFDPrototypeCtx, or null
     */
    record ActivationContextInfo(ObjRef clientContext, ObjRef prototypeContext) implements ActivationProperty {
        @Override
        public UUID clsid() {
            return CLSID_ACTIVATION_CONTEXT_INFO;
        }

        @Override
        public byte[] serialize() {
            return NdrTypeSerialization.encode(w -> {
                w.u32(0).u32(0).u32(0).u32(0);
                w.unique(clientContext, InterfacePointers::write).unique(prototypeContext, InterfacePointers::write);
            });
        }

        static Supplier<ActivationContextInfo> read(NdrReader r) {
            r.u32("clientOK");
            r.u32("bReserved1");
            r.u32("dwReserved1");
            r.u32("dwReserved2");
            NdrReader.Deferred<ObjRef> client = r.unique("pIFDClientCtx", InterfacePointers.decoder("pIFDClientCtx"));
            NdrReader.Deferred<ObjRef> prototype = r.unique("pIFDPrototypeCtx", InterfacePointers.decoder("pIFDPrototypeCtx"));
            return () -> new ActivationContextInfo(client.get(), prototype.get());
        }
    }

    /**
     * LocationInfoData (2.2.22.2.6): MUST be present in a request and is ignored by the server; written as NULL and
     * zeros, read and dropped.
     */
    record LocationInfo() implements ActivationProperty {
        @Override
        public UUID clsid() {
            return CLSID_SERVER_LOCATION_INFO;
        }

        @Override
        public byte[] serialize() {
            return NdrTypeSerialization.encode(w -> w.u32(0).u32(0).u32(0).u32(0));
        }

        static Supplier<LocationInfo> read(NdrReader r) {
            r.unique("machineName", NdrReader.Decoder.of(x -> x.wideString("machineName")));
            r.u32("processId");
            r.u32("apartmentId");
            r.u32("contextId");
            return LocationInfo::new;
        }
    }

    /**
     * ScmRequestInfoData (2.2.22.2.4): pdwReserved NULL and a customREMOTE_REQUEST_SCM_INFO.
     *
     * @param clientImpLevel ClientImpLevel (an implementation-specific impersonation level; Windows sends 2)
     * @param requestedProtseqs the protocol sequences the client can use (7 = ncacn_ip_tcp)
     */
    record ScmRequestInfo(int clientImpLevel, List<Integer> requestedProtseqs) implements ActivationProperty {
        /** Copies. */
        public ScmRequestInfo {
            requestedProtseqs = List.copyOf(requestedProtseqs);
        }

        @Override
        public UUID clsid() {
            return CLSID_SCM_REQUEST_INFO;
        }

        @Override
        public byte[] serialize() {
            return NdrTypeSerialization.encode(w -> {
                w.u32(0);
                w.unique(this, (x, s) -> {
                    x.u32(s.clientImpLevel).u16(s.requestedProtseqs.size());
                    x.unique(s.requestedProtseqs, (y, l) -> y.conformantArray(l, NdrWriter::u16));
                });
            });
        }

        static Supplier<ScmRequestInfo> read(NdrReader r) {
            r.unique("pdwReserved", NdrReader.Decoder.of(x -> x.u32("pdwReserved")));
            NdrReader.Deferred<ScmRequestInfo> info = r.unique("remoteRequest", x -> {
                int level = x.u32("remoteRequest.ClientImpLevel");
                int count = x.u16("remoteRequest.cRequestedProtseqs");
                if (count > IObjectExporter.MAX_REQUESTED_PROTSEQS) {
                    throw x.fail("remoteRequest.cRequestedProtseqs", count + " is outside [range(0, MAX_REQUESTED_PROTSEQS)]");
                }
                NdrReader.Deferred<List<Integer>> protseqs = x.unique("remoteRequest.pRequestedProtseqs", NdrReader.Decoder.of(y -> {
                    List<Integer> l = y.conformantArray("pRequestedProtseqs", 2, IObjectExporter.MAX_REQUESTED_PROTSEQS,
                            z -> z.u16("pRequestedProtseqs"));
                    y.requireConformance("pRequestedProtseqs", count, l.size());
                    return l;
                }));
                return () -> new ScmRequestInfo(level, protseqs.get() == null ? List.of() : protseqs.get());
            });
            return () -> {
                if (info.get() == null) {
                    throw r.fail("remoteRequest", "remoteRequest is NULL (MS-DCOM 2.2.22.2.4 requires it)");
                }
                return info.get();
            };
        }
    }

    /**
     * SecurityInfoData (2.2.22.2.7): dwAuthnFlags and the server's name in a COSERVERINFO (dwReserved1, pdwReserved,
     * dwReserved2 written 0/NULL). Windows clients send it, impacket does not.
     *
     * @param authnFlags dwAuthnFlags
     * @param serverName COSERVERINFO.pwszName, or null for a NULL pServerInfo
     */
    record SecurityInfo(int authnFlags, String serverName) implements ActivationProperty {
        @Override
        public UUID clsid() {
            return CLSID_SECURITY_INFO;
        }

        @Override
        public byte[] serialize() {
            return NdrTypeSerialization.encode(w -> {
                w.u32(authnFlags);
                w.unique(serverName, (x, name) -> x.u32(0).unique(name, NdrWriter::wideString).u32(0).u32(0));
                w.u32(0);
            });
        }

        static Supplier<SecurityInfo> read(NdrReader r) {
            int flags = r.u32("dwAuthnFlags");
            NdrReader.Deferred<String> name = r.unique("pServerInfo", x -> {
                x.u32("pServerInfo.dwReserved1");
                NdrReader.Deferred<String> n = x.unique("pServerInfo.pwszName", NdrReader.Decoder.of(y -> y.wideString("pwszName")));
                x.unique("pServerInfo.pdwReserved", NdrReader.Decoder.of(y -> y.u32("pdwReserved")));
                x.u32("pServerInfo.dwReserved2");
                return n::get;
            });
            r.unique("pdwReserved", NdrReader.Decoder.of(x -> x.u32("pdwReserved")));
            return () -> new SecurityInfo(flags, name.get());
        }
    }

    /**
     * SpecialPropertiesData (2.2.22.2.2), which Windows clients send and impacket does not. Written in the layout of
     * 2.2.22.2.2 (Reserved1, the 64-bit Reserved2, Reserved3[5], all 0); read up to dwFlags, so the alternate
     * layout with Reserved3[8] reads too.
     *
     * @param sessionId dwSessionId (0xFFFFFFFF: none)
     * @param remoteThisSessionId fRemoteThisSessionId
     * @param clientImpersonating fClientImpersonating
     * @param partitionId guidPartition when fPartitionIDPresent, else null
     * @param defaultAuthnLevel dwDefaultAuthnLvl
     * @param prtFlags dwPRTFlags
     * @param origClsctx dwOrigClsctx
     * @param flags dwFlags (SPD_FLAG_*)
     */
    record SpecialProperties(int sessionId, boolean remoteThisSessionId, boolean clientImpersonating, UUID partitionId,
            int defaultAuthnLevel, int prtFlags, int origClsctx, int flags) implements ActivationProperty {
        private static final UUID NIL = new UUID(0, 0);

        @Override
        public UUID clsid() {
            return CLSID_SPECIAL_SYSTEM_PROPERTIES;
        }

        @Override
        public byte[] serialize() {
            return NdrTypeSerialization.encode(w -> {
                w.u32(sessionId).u32(remoteThisSessionId ? 1 : 0).u32(clientImpersonating ? 1 : 0).u32(partitionId != null ? 1 : 0);
                w.u32(defaultAuthnLevel).guid(partitionId == null ? NIL : partitionId).u32(prtFlags).u32(origClsctx).u32(flags);
                w.u32(0).u64(0);
                for (int i = 0; i < 5; i++) {
                    w.u32(0);
                }
            });
        }

        static Supplier<SpecialProperties> read(NdrReader r) {
            int session = r.u32("dwSessionId");
            boolean remote = r.u32("fRemoteThisSessionId") != 0;
            boolean impersonating = r.u32("fClientImpersonating") != 0;
            boolean partition = r.u32("fPartitionIDPresent") != 0;
            int level = r.u32("dwDefaultAuthnLvl");
            UUID guid = r.guid("guidPartition");
            int prt = r.u32("dwPRTFlags");
            int orig = r.u32("dwOrigClsctx");
            int flags = r.u32("dwFlags");
            SpecialProperties p = new SpecialProperties(session, remote, impersonating, partition ? guid : null, level, prt, orig, flags);
            return () -> p;
        }
    }

    /**
     * ScmReplyInfoData (2.2.22.2.8): pdwReserved NULL and the customREMOTE_REPLY_SCM_INFO of the object exporter.
     *
     * @param oxid the exporter's OXID
     * @param oxidBindings where the exporter listens (null when the pointer is NULL)
     * @param ipidRemUnknown the IPID of the exporter's IRemUnknown
     * @param authnHint the lowest authentication level the exporter accepts
     * @param serverVersion the server's COM version
     */
    record ScmReplyInfo(long oxid, DualStringArray oxidBindings, UUID ipidRemUnknown, int authnHint, ComVersion serverVersion)
            implements ActivationProperty {
        /** Validates. */
        public ScmReplyInfo {
            Objects.requireNonNull(ipidRemUnknown, "ipidRemUnknown");
            Objects.requireNonNull(serverVersion, "serverVersion");
        }

        @Override
        public UUID clsid() {
            return CLSID_SCM_REPLY_INFO;
        }

        @Override
        public byte[] serialize() {
            return NdrTypeSerialization.encode(w -> {
                w.u32(0);
                w.unique(this, (x, s) -> {
                    x.u64(s.oxid).unique(s.oxidBindings, (y, d) -> d.write(y)).guid(s.ipidRemUnknown).u32(s.authnHint);
                    s.serverVersion.write(x);
                });
            });
        }

        static Supplier<ScmReplyInfo> read(NdrReader r) {
            r.unique("pdwReserved", NdrReader.Decoder.of(x -> x.u32("pdwReserved")));
            NdrReader.Deferred<ScmReplyInfo> reply = r.unique("remoteReply", x -> {
                long oxid = x.u64("remoteReply.Oxid");
                NdrReader.Deferred<DualStringArray> bindings = x.unique("remoteReply.pdsaOxidBindings",
                        NdrReader.Decoder.of(y -> DualStringArray.read(y, "pdsaOxidBindings")));
                UUID ipid = x.guid("remoteReply.ipidRemUnknown");
                int hint = x.u32("remoteReply.authnHint");
                ComVersion v = ComVersion.read(x, "remoteReply.serverVersion");
                return () -> new ScmReplyInfo(oxid, bindings.get(), ipid, hint, v);
            });
            return () -> {
                if (reply.get() == null) {
                    throw r.fail("remoteReply", "remoteReply is NULL (MS-DCOM 2.2.22.2.8 requires it)");
                }
                return reply.get();
            };
        }
    }

    /**
     * PropsOutInfo (2.2.22.2.9): per interface asked for, its IID, the HRESULT and the interface pointer.
     *
     * @param iids the interfaces
     * @param hresults one HRESULT per interface
     * @param interfaces one interface pointer per interface, null where the HRESULT is a failure
     */
    record PropsOutInfo(List<UUID> iids, List<Integer> hresults, List<ObjRef> interfaces) implements ActivationProperty {
        /** Validates and copies (interfaces may hold nulls). */
        public PropsOutInfo {
            iids = List.copyOf(iids);
            hresults = List.copyOf(hresults);
            interfaces = Collections.unmodifiableList(new ArrayList<>(interfaces));
            if (iids.isEmpty() || iids.size() > MAX_REQUESTED_INTERFACES || hresults.size() != iids.size()
                    || interfaces.size() != iids.size()) {
                throw new IllegalArgumentException("PropsOutInfo needs 1.." + MAX_REQUESTED_INTERFACES
                        + " interfaces with one IID, HRESULT and pointer each");
            }
        }

        @Override
        public UUID clsid() {
            return CLSID_PROPS_OUT_INFO;
        }

        @Override
        public byte[] serialize() {
            return NdrTypeSerialization.encode(w -> {
                w.u32(iids.size());
                w.unique(iids, (x, l) -> x.conformantArray(l, NdrWriter::guid));
                w.unique(hresults, (x, l) -> x.conformantArray(l, NdrWriter::u32));
                w.unique(interfaces, (x, l) -> x.conformantArray(l, (y, ref) -> y.unique(ref, InterfacePointers::write)));
            });
        }

        static Supplier<PropsOutInfo> read(NdrReader r) {
            long count = Integer.toUnsignedLong(r.u32("cIfs"));
            if (count < 1 || count > MAX_REQUESTED_INTERFACES) {
                throw r.fail("cIfs", count + " is outside [range(1, MAX_REQUESTED_INTERFACES)]");
            }
            NdrReader.Deferred<List<UUID>> iids = r.unique("piid", NdrReader.Decoder.of(x -> {
                List<UUID> l = x.conformantArray("piid", 16, MAX_REQUESTED_INTERFACES, y -> y.guid("piid"));
                x.requireConformance("piid", count, l.size());
                return l;
            }));
            NdrReader.Deferred<List<Integer>> hresults = r.unique("phresults", NdrReader.Decoder.of(x -> {
                List<Integer> l = x.conformantArray("phresults", 4, MAX_REQUESTED_INTERFACES, y -> y.u32("phresults"));
                x.requireConformance("phresults", count, l.size());
                return l;
            }));
            NdrReader.Deferred<List<ObjRef>> refs = r.unique("ppIntfData", x -> {
                List<NdrReader.Deferred<ObjRef>> slots = x.conformantArray("ppIntfData", 4, MAX_REQUESTED_INTERFACES,
                        y -> y.unique("ppIntfData", InterfacePointers.decoder("ppIntfData")));
                x.requireConformance("ppIntfData", count, slots.size());
                return () -> slots.stream().map(NdrReader.Deferred::get).toList();
            });
            return () -> {
                if (iids.get() == null || hresults.get() == null || refs.get() == null) {
                    throw r.fail("PropsOutInfo", "piid, phresults and ppIntfData must not be NULL");
                }
                return new PropsOutInfo(iids.get(), hresults.get(), refs.get());
            };
        }
    }

    /**
     * A property cm4j does not model, kept as its serialized bytes.
     *
     * @param clsid the property's CLSID
     * @param serialized the serialized property, headers and padding included
     */
    record Unknown(UUID clsid, byte[] serialized) implements ActivationProperty {
        /** Copies. */
        public Unknown {
            Objects.requireNonNull(clsid, "clsid");
            serialized = serialized.clone();
        }

        @Override
        public byte[] serialized() {
            return serialized.clone();
        }

        @Override
        public byte[] serialize() {
            return serialized.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.clsid.equals(clsid) && Arrays.equals(u.serialized, serialized);
        }

        @Override
        public int hashCode() {
            return clsid.hashCode() * 31 + Arrays.hashCode(serialized);
        }

        @Override
        public String toString() {
            return "Unknown[" + clsid + ", " + serialized.length + " bytes]";
        }
    }
}
