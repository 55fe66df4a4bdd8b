package io.github.cm4j.wmi.wbem;

import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import io.github.cm4j.wmi.wmio.WmioObject;

/**
 * {@code IWbemClassObject} by value (MS-WMI 2.2.4): an OBJREF_CUSTOM with IID {DC12A681-737F-11CF-884D-00AA004B2E24},
 * unmarshaler CLSID {4590F812-1D3A-11D0-891F-00AA004B2E24} and an MS-WMIO EncodingUnit as pObjectData.
 */
public final class WbemClassObjects {
    private WbemClassObjects() {
    }

    /**
     * @param instance an instance (method in-parameters, an object to put)
     * @return its OBJREF_CUSTOM bytes
     */
    public static byte[] marshal(WmiObject instance) {
        return objRef(instance).encode();
    }

    /**
     * @param wmiClass a class
     * @return its OBJREF_CUSTOM bytes
     */
    public static byte[] marshal(WmiClass wmiClass) {
        return objRef(wmiClass).encode();
    }

    /**
     * @param instance an instance
     * @return the OBJREF_CUSTOM that carries it (an {@code IWbemClassObject*} parameter)
     */
    public static ObjRefCustom objRef(WmiObject instance) {
        return ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT, Wmio.encode(instance));
    }

    /**
     * @param wmiClass a class
     * @return the OBJREF_CUSTOM that carries it
     */
    public static ObjRefCustom objRef(WmiClass wmiClass) {
        return ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT, Wmio.encode(wmiClass));
    }

    /**
     * @param decoded an object as decoded, re-encoded faithfully (MS-WMIO round trip)
     * @return the OBJREF_CUSTOM that carries it
     */
    public static ObjRefCustom objRef(WmioObject decoded) {
        return ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT, Wmio.encode(decoded));
    }

    /**
     * @param objref the OBJREF_CUSTOM bytes of an {@code IWbemClassObject}
     * @return the decoded object
     * @throws WmioFormatException when the reference is not an IWbemClassObject or the encoding is malformed
     */
    public static WmioObject unmarshal(byte[] objref) {
        return unmarshal(ObjRefCustom.decode(objref));
    }

    /**
     * @param ref an OBJREF_CUSTOM of an {@code IWbemClassObject} (e.g. from a decoded message)
     * @return the decoded object; error offsets count from the start of the OBJREF
     * @throws WmioFormatException when the reference is not an IWbemClassObject or the encoding is malformed
     */
    public static WmioObject unmarshal(ObjRefCustom ref) {
        ref.require(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT);
        byte[] data = ref.objectDataForReading();
        try {
            return Wmio.decode(data);
        } catch (WmioFormatException e) {
            throw new WmioFormatException("OBJREF_CUSTOM/pObjectData/" + e.structure(), ObjRefCustom.HEADER_LENGTH + e.offset(),
                    e.problem(), e);
        }
    }
}
