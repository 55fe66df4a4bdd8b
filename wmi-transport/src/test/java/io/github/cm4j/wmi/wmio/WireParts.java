package io.github.cm4j.wmi.wmio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: walks a decoded object's wire model and re-encodes each part on its own. */
final class WireParts {
    /** One part of the input: its kind, where it was, whether it had no padding, and its re-encoding. */
    record Part(String kind, String name, int sourceStart, int sourceLength, boolean exact, byte[] reencoded) {
        byte[] source(byte[] input) {
            return Arrays.copyOfRange(input, sourceStart, sourceStart + sourceLength);
        }
    }

    private WireParts() {
    }

    static List<Part> parts(WmioObject decoded) {
        List<Part> out = new ArrayList<>();
        WmioEncoder enc = new WmioEncoder(decoded.embedded());
        walk(decoded.block(), enc, out);
        for (Wire.ObjectBlock embedded : decoded.embedded().values()) {
            walk(embedded, enc, out);
        }
        return out;
    }

    private static void walk(Wire.ObjectBlock ob, WmioEncoder enc, List<Part> out) {
        if (ob.isClass()) {
            walk(ob.parent, enc, out);
            walk(ob.current, enc, out);
        } else {
            classPart(ob.instanceClass, enc, out);
            WmioEncoder.Out o = new WmioEncoder.Out();
            enc.instancePart(o, ob.instance, ob.instanceClass);
            out.add(new Part("InstancePart", ob.instance.className, ob.instance.sourceStart, ob.instance.sourceLength,
                    ob.instance.exact, o.toByteArray()));
        }
    }

    private static void walk(Wire.ClassAndMethods cm, WmioEncoder enc, List<Part> out) {
        classPart(cm.classPart, enc, out);
        WmioEncoder.Out o = new WmioEncoder.Out();
        enc.methodsPart(o, cm.methods);
        out.add(new Part("MethodsPart", cm.classPart.name, cm.methods.sourceStart, cm.methods.sourceLength,
                cm.methods.exact, o.toByteArray()));
        for (Wire.Method m : cm.methods.methods) {
            for (Wire.Signature s : new Wire.Signature[] {m.in, m.out}) {
                if (s != null && s.block != null) {
                    walk(s.block, enc, out);
                }
            }
        }
    }

    private static void classPart(Wire.ClassPart cp, WmioEncoder enc, List<Part> out) {
        WmioEncoder.Out o = new WmioEncoder.Out();
        enc.classPart(o, cp);
        out.add(new Part("ClassPart", cp.name, cp.sourceStart, cp.sourceLength, cp.exact, o.toByteArray()));
    }
}
