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
        return ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT, Wmio.encode(instance))
                .encode();
    }

    /**
     * @param wmiClass a class
     * @return its OBJREF_CUSTOM bytes
     */
    public static byte[] marshal(WmiClass wmiClass) {
        return ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT, Wmio.encode(wmiClass))
                .encode();
    }

    /**
     * @param objref the OBJREF_CUSTOM bytes of an {@code IWbemClassObject}
     * @return the decoded object
     * @throws WmioFormatException when the reference is not an IWbemClassObject or the encoding is malformed
     */
    public static WmioObject unmarshal(byte[] objref) {
        ObjRefCustom ref = ObjRefCustom.decode(objref).require(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT);
        byte[] data = ref.objectData();
        try {
            return Wmio.decode(data);
        } catch (WmioFormatException e) {
            throw new WmioFormatException("OBJREF_CUSTOM/pObjectData/" + e.structure(), ObjRefCustom.HEADER_LENGTH + e.offset(),
                    e.problem(), e);
        }
    }
}
