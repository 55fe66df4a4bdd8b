package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * IRemoteSCMActivator (MS-DCOM 3.1.2.5.2.2), the activation interface of the object resolver (port 135). Opnums
 * 0..2 are not used on the wire. The calls carry an explicit ORPCTHIS/ORPCTHAT but are made on the resolver, not on
 * an object (no object UUID); their return value is an HRESULT.
 */
public final class IRemoteScmActivator {
    /** IID_IRemoteSCMActivator. */
    public static final UUID IID = UUID.fromString("000001a0-0000-0000-c000-000000000046");
    /** RemoteGetClassObject (3.1.2.5.2.3.2). */
    public static final int OPNUM_REMOTE_GET_CLASS_OBJECT = 3;
    /** RemoteCreateInstance (3.1.2.5.2.3.3). */
    public static final int OPNUM_REMOTE_CREATE_INSTANCE = 4;

    private IRemoteScmActivator() {
    }

    private static ActivationProperties readProperties(NdrReader r, String field, UUID clsid) {
        ObjRef ref = InterfacePointers.readParameter(r, field);
        return ref == null ? null : ActivationProperties.fromObjRef(ref, clsid);
    }

    /**
     * RemoteCreateInstance request: {@code [in] ORPCTHIS *orpcthis, [in, unique] MInterfacePointer *pUnkOuter,
     * [in, unique] MInterfacePointer *pActProperties}.
     *
     * @param orpcThis the ORPCTHIS
     * @param unkOuter pUnkOuter, NULL (null) for every client (aggregation is not remoted)
     * @param properties the ActivationPropertiesIn (null for a NULL pointer, which a server rejects)
     */
    public record RemoteCreateInstanceRequest(OrpcThis orpcThis, ObjRef unkOuter, ActivationProperties properties) implements RpcRequest {
        /** Validates. */
        public RemoteCreateInstanceRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_REMOTE_CREATE_INSTANCE;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            InterfacePointers.writeParameter(w, unkOuter);
            InterfacePointers.writeParameter(w, properties == null ? null : properties.toRequestObjRef());
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static RemoteCreateInstanceRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemoteSCMActivator::RemoteCreateInstance request");
            OrpcThis t = OrpcThis.read(r);
            ObjRef outer = InterfacePointers.readParameter(r, "pUnkOuter");
            return new RemoteCreateInstanceRequest(t, outer,
                    readProperties(r, "pActProperties", ActivationProperties.CLSID_ACTIVATION_PROPERTIES_IN));
        }
    }

    /**
     * RemoteGetClassObject request: {@code [in] ORPCTHIS *orpcthis, [in, unique] MInterfacePointer *pActProperties}.
     *
     * @param orpcThis the ORPCTHIS
     * @param properties the ActivationPropertiesIn (null for a NULL pointer)
     */
    public record RemoteGetClassObjectRequest(OrpcThis orpcThis, ActivationProperties properties) implements RpcRequest {
        /** Validates. */
        public RemoteGetClassObjectRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_REMOTE_GET_CLASS_OBJECT;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            InterfacePointers.writeParameter(w, properties == null ? null : properties.toRequestObjRef());
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static RemoteGetClassObjectRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemoteSCMActivator::RemoteGetClassObject request");
            OrpcThis t = OrpcThis.read(r);
            return new RemoteGetClassObjectRequest(t, readProperties(r, "pActProperties", ActivationProperties.CLSID_ACTIVATION_PROPERTIES_IN));
        }
    }

    /**
     * The response of RemoteCreateInstance and RemoteGetClassObject: {@code [out] ORPCTHAT *orpcthat, [out]
     * MInterfacePointer **ppActProperties} and the HRESULT.
     *
     * @param orpcThat the ORPCTHAT
     * @param properties the ActivationPropertiesOut (null when the pointer is NULL, as on failure)
     * @param status the HRESULT
     */
    public record ActivationResponse(OrpcThat orpcThat, ActivationProperties properties, int status) implements OrpcResponse {
        /** Validates. */
        public ActivationResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            InterfacePointers.writeParameter(w, properties == null ? null : properties.toResponseObjRef());
            return w.u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static ActivationResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemoteSCMActivator activation response");
            OrpcThat t = OrpcThat.read(r);
            ActivationProperties p = readProperties(r, "ppActProperties", ActivationProperties.CLSID_ACTIVATION_PROPERTIES_OUT);
            return new ActivationResponse(t, p, r.u32("ErrorCode"));
        }
    }
}
