package io.github.cm4j.wmi.wmio;

import io.github.cm4j.cim.WmiClass;

/**
 * The CurrentClass part (MS-WMIO 2.2.13/2.2.15) of a decoded or encoded instance: what an
 * {@code EncodingUnitInstanceNoClass} (2.2.3) is decoded against. The smart enumerator
 * ({@code IWbemWCOSmartEnum::Next}, MS-WMI 2.2.14) sends it once per class and then only instance parts;
 * keep the part from the first object and pass it to {@link Wmio#decodeInstanceNoClass}. Immutable once
 * built; safe to share between threads.
 */
public final class WmioClassPart {
    private final Wire.ClassPart part;
    private final WmiClass wmiClass;

    WmioClassPart(Wire.ClassPart part, WmiClass wmiClass) {
        this.part = part;
        this.wmiClass = wmiClass;
    }

    /**
     * The class part cm4j encodes for instances of a class (the canonical form), to encode or decode
     * instance parts of that class without their class.
     *
     * @param wmiClass the class
     * @return its class part
     */
    public static WmioClassPart of(WmiClass wmiClass) {
        return new WmioClassPart(WireConverter.classPart(wmiClass), wmiClass);
    }

    Wire.ClassPart part() {
        return part;
    }

    /** @return the class name */
    public String className() {
        return wmiClass.name();
    }

    /** @return the class as the part describes it (all properties, no methods: a class part carries none) */
    public WmiClass wmiClass() {
        return wmiClass;
    }

    @Override
    public String toString() {
        return "WmioClassPart[" + wmiClass + "]";
    }
}
