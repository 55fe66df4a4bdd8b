package io.github.cm4j.wmi.wbem;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.dcom.InterfacePointers;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wmio.WmioFormatException;

/**
 * The parameters every MS-WMI call shares: {@code [in] IWbemContext* pCtx} (an OBJREF_CUSTOM with the context buffer
 * of 2.2.13, or NULL) and {@code [in] IWbemClassObject*} objects (an OBJREF_CUSTOM with an MS-WMIO encoding unit,
 * 2.2.4), both checked for their IID and unmarshaler CLSID on receipt.
 */
final class WbemParameters {
    private WbemParameters() {
    }

    static void writeContext(NdrWriter w, WmiContext context) {
        InterfacePointers.writeParameter(w, context == null ? null : WbemContextCodec.objRef(context));
    }

    static WmiContext readContext(NdrReader r, String field) {
        return r.topLevelUnique(field, NdrReader.Decoder.of(x -> InterfacePointers.read(x, field, WbemContextCodec::unmarshal)));
    }

    static void writeObject(NdrWriter w, ObjRefCustom object) {
        InterfacePointers.writeParameter(w, object);
    }

    static ObjRefCustom readObject(NdrReader r, String field) {
        return r.topLevelUnique(field, NdrReader.Decoder.of(x -> InterfacePointers.read(x, field, WbemParameters::classObjectBytes)));
    }

    static ObjRefCustom classObjectBytes(byte[] objref) {
        return ObjRefCustom.decode(objref).require(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT);
    }

    /**
     * @param ref an interface pointer from a decoded message, or null
     * @param what the parameter, for messages
     * @return it as the OBJREF_CUSTOM of an IWbemClassObject, or null
     * @throws WmioFormatException when it is another kind of reference
     */
    static ObjRefCustom classObject(ObjRef ref, String what) {
        if (ref == null) {
            return null;
        }
        if (!(ref instanceof ObjRefCustom custom)) {
            throw new WmioFormatException(what, 0, "an IWbemClassObject travels by value (OBJREF_CUSTOM), not as "
                    + ref.getClass().getSimpleName());
        }
        return custom.require(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT);
    }
}
