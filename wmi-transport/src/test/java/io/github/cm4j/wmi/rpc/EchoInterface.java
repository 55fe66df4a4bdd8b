package io.github.cm4j.wmi.rpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test interface: opnum 0 echoes the stub, 1 answers with as many bytes as the 4-byte stub says, 2 sleeps for
 * the milliseconds the stub says then echoes, 3 fails with an unexpected exception; others are out of range.
 * Records every call it sees.
 */
final class EchoInterface implements RpcHandler {
    static final SyntaxId IFACE = SyntaxId.of("6a1e5c8f-0a2b-4c3d-9e8f-112233445566", 1, 0);
    static final SyntaxId SECOND = SyntaxId.of("0b0e0e0f-1111-2222-3333-444455556666", 2, 1);

    final List<RpcCall> calls = new CopyOnWriteArrayList<>();

    @Override
    public byte[] handle(RpcCall call) {
        calls.add(call);
        switch (call.opnum()) {
            case 0:
                return call.stub();
            case 1:
                return pattern(ByteBuffer.wrap(call.stub()).order(ByteOrder.LITTLE_ENDIAN).getInt());
            case 2:
                try {
                    Thread.sleep(ByteBuffer.wrap(call.stub()).order(ByteOrder.LITTLE_ENDIAN).getInt());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return call.stub();
            case 3:
                throw new IllegalStateException("handler bug");
            default:
                throw new RpcFaultException(RpcStatus.NCA_S_OP_RNG_ERROR, "opnum " + call.opnum());
        }
    }

    static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    static byte[] int32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
