package io.github.cm4j.wmi.dcom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import io.github.cm4j.wmi.WireFormatException;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import io.github.cm4j.wmi.wbem.IWbemServices;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for the DCOM structures a peer sends (MS-DCOM 2.2.18, 2.2.19, 2.2.22):
 * {@link #objRef} decodes an OBJREF of any kind (standard with its DUALSTRINGARRAY, custom); {@link #dualStringArray}
 * reads a DUALSTRINGARRAY in its conformant (2.2.19.2) and packed (2.2.19.1) forms; {@link #activationProperties}
 * decodes an activation properties BLOB (2.2.22: CustomHeader and every property a request or reply carries). Only
 * {@link WireFormatException} may come out. Seeds are the requests and replies of {@code WireMessageFuzzTest}.
 */
class DcomJazzerTest {
    private static final FuzzCheck CHECK = FuzzCheck.refusing(WireFormatException.class);
    private static final UUID IPID = UUID.fromString("00009c01-0f60-1234-5678-9abcdef01234");
    private static final DualStringArray BINDINGS = new DualStringArray(List.of(new StringBinding(7, "127.0.0.1[49667]"),
            new StringBinding(7, "SIM01[135]")), List.of(new SecurityBinding(10, ""), new SecurityBinding(16, "host/server")));

    @BeforeAll
    static void seeds() {
        ActivationProperties request = ActivationProperties.request(IWbemLevel1Login.CLSID, List.of(IWbemLevel1Login.IID, IWbemServices.IID));
        ObjRefStandard std = new ObjRefStandard(IWbemLevel1Login.IID, new StdObjRef(0, 5, 0x1122334455667788L, 0x0102030405060708L, IPID),
                BINDINGS);
        ActivationProperties reply = ActivationProperties.reply(new ActivationProperty.PropsOutInfo(List.of(IWbemLevel1Login.IID),
                List.of(0), List.of(std)), new ActivationProperty.ScmReplyInfo(77, BINDINGS, IPID, 6, ComVersion.V5_7));
        FuzzSeeds.of(DcomJazzerTest.class, "objRef").add("standard", std.encode()).add("activation request", request.toRequestObjRef().encode())
                .add("activation reply", reply.toResponseObjRef().encode());
        NdrWriter conformant = new NdrWriter();
        BINDINGS.write(conformant);
        NdrWriter packed = new NdrWriter();
        BINDINGS.writePacked(packed);
        FuzzSeeds.of(DcomJazzerTest.class, "dualStringArray").add("conformant", conformant.toByteArray()).add("packed", packed.toByteArray());
        FuzzSeeds.of(DcomJazzerTest.class, "activationProperties").add("request", request.encode()).add("reply", reply.encode());
    }

    @FuzzTest(maxDuration = "2m")
    void objRef(byte[] input) {
        CHECK.run(() -> ObjRef.decode(input));
    }

    @FuzzTest(maxDuration = "2m")
    void dualStringArray(byte[] input) {
        CHECK.run(() -> DualStringArray.read(new NdrReader(input, "fuzz"), "DUALSTRINGARRAY"));
        CHECK.run(() -> DualStringArray.readPacked(new NdrReader(input, "fuzz"), "DUALSTRINGARRAY"));
    }

    @FuzzTest(maxDuration = "2m")
    void activationProperties(byte[] input) {
        CHECK.run(() -> ActivationProperties.decode(input));
    }
}
