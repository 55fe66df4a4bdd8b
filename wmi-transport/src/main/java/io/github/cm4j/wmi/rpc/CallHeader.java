package io.github.cm4j.wmi.rpc;

import java.util.UUID;

/**
 * The PDU-specific header of request, response and fault (C706 12.6.4.9, 12.6.4.10, 12.6.4.7): alloc_hint u32,
 * p_cont_id u16, then for a request opnum u16 and, when PFC_OBJECT_UUID is set, the object UUID (DCOM puts the IPID
 * there, MS-DCOM 3.1.1.5.4); for a response or fault cancel_count u8 and a reserved octet; for a fault then status u32
 * and 4 reserved octets. The stub data follows.
 *
 * @param allocHint alloc_hint
 * @param contextId p_cont_id
 * @param opnum the operation (request), or -1
 * @param object the object UUID (request with PFC_OBJECT_UUID), or {@code null}
 * @param status the fault status (fault), or 0
 * @param stubStart where the stub data begins in the fragment
 */
record CallHeader(int allocHint, int contextId, int opnum, UUID object, int status, int stubStart) {
    static byte[] request(int allocHint, int contextId, int opnum, UUID object) {
        PduWriter w = new PduWriter(24).u32(allocHint).u16(contextId).u16(opnum);
        if (object != null) {
            w.uuid(object);
        }
        return w.toByteArray();
    }

    static byte[] response(int allocHint, int contextId) {
        return new PduWriter(8).u32(allocHint).u16(contextId).u8(0).u8(0).toByteArray();
    }

    static byte[] fault(int contextId, int status) {
        return new PduWriter(16).u32(0).u16(contextId).u8(0).u8(0).u32(status).u32(0).toByteArray();
    }

    /**
     * @param f a request, response or fault fragment
     * @return its header
     * @throws RpcFormatException when the header passes the end of the body
     */
    static CallHeader decode(Fragment f) {
        PduReader r = f.body();
        int allocHint = r.u32("alloc_hint");
        int contextId = r.u16("p_cont_id");
        if (f.type() == Pdu.REQUEST) {
            int opnum = r.u16("opnum");
            UUID object = (f.flags() & Pdu.PFC_OBJECT_UUID) != 0 ? r.uuid("object") : null;
            return new CallHeader(allocHint, contextId, opnum, object, 0, r.position());
        }
        r.skip("cancel_count", 2);
        int status = 0;
        if (f.type() == Pdu.FAULT) {
            status = r.u32("status");
            r.skip("reserved", Math.min(4, r.remaining()));
        }
        return new CallHeader(allocHint, contextId, -1, null, status, r.position());
    }
}
