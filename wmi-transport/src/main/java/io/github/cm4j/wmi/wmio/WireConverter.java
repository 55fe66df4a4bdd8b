package io.github.cm4j.wmi.wmio;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.QualifierFlavor;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts between the {@link Wire} model and the core CIM model ({@link WmiClass}, {@link WmiObject}).
 *
 * <p>Wire to core: the {@code CIMTYPE} qualifier WMI attaches to every property (MS-WMIO 2.2.60; dictionary
 * entry 10) becomes the property's type and referenced class ({@code object:SMS_EmbeddedProperty} gives
 * {@code refClassName} {@code SMS_EmbeddedProperty}) and is not listed among the qualifiers; qualifier
 * flavors keep their flavor bits and lose the origin bits 0x20/0x40 (QualifierFlavor 2.2.62); ClassOfOrigin
 * indexes become class names; a method's parameters are the union of its in- and out-signature properties,
 * ordered by their {@code ID} qualifier, {@code ReturnValue} giving the return type.
 *
 * <p>Core to wire (the canonical form cm4j sends): CIMTYPE is generated first in each property's qualifier
 * set with flavor 0x03 (ToInstance|ToSubclass, as Windows has it), 0x23 for inherited properties; the value
 * table is packed in declaration order; NdTable bit 1 marks properties whose declaring class is a superclass
 * (class parts) or that take the class default (instances); out-signatures list {@code ReturnValue} last,
 * as Windows does.
 */
final class WireConverter {
    static final String CIMTYPE = "CIMTYPE";
    private static final int CIMTYPE_FLAVOR = QualifierFlavor.TO_INSTANCE.bit() | QualifierFlavor.TO_SUBCLASS.bit();

    private WireConverter() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // wire -> core

    /** The classes of a part's chain, root first: ClassOfOrigin and MethodOrigin index into it. */
    static List<String> chain(Wire.ClassPart cp) {
        List<String> chain = new ArrayList<>(cp.derivation);
        Collections.reverse(chain);
        chain.add(cp.name == null ? "" : cp.name);
        return chain;
    }

    static WmiClass toClass(Wire.ClassPart cp, Wire.MethodsPart mp, Reader at) {
        try {
            return buildClass(cp, mp, at);
        } catch (WmioFormatException e) {
            throw e;
        } catch (ConfigMgrException | IllegalArgumentException e) {
            throw at.fail("class " + cp.name + " does not fit the CIM model: " + e.getMessage(), e);
        }
    }

    private static WmiClass buildClass(Wire.ClassPart cp, Wire.MethodsPart mp, Reader at) {
        if (cp.name == null) {
            throw at.fail("the class part has no class name (ClassNameRef is NULL)");
        }
        WmiClass.Builder b = WmiClass.builder(cp.name).derivation(cp.derivation);
        for (Wire.Qualifier q : cp.qualifiers) {
            Qualifier core = toQualifier(q);
            if (core != null) {
                b.qualifier(core);
            }
        }
        List<String> chain = chain(cp);
        for (Wire.Property p : cp.declared()) {
            b.property(toProperty(p.name, p.type, p.qualifiers, cp.defaults[p.order], chain.get(p.origin)));
        }
        if (mp != null) {
            for (Wire.Method m : mp.methods) {
                b.method(toMethod(m, at));
            }
        }
        return b.build();
    }

    private static PropertyDefinition toProperty(String name, CimType type, List<Wire.Qualifier> qualifiers,
                                                 CimValue defaultValue, String origin) {
        String refClass = null;
        List<Qualifier> core = new ArrayList<>(qualifiers.size());
        for (Wire.Qualifier q : qualifiers) {
            if (q.name.equalsIgnoreCase(CIMTYPE)) {
                refClass = refClassOf(type, q.value);
                continue;
            }
            Qualifier c = toQualifier(q);
            if (c != null) {
                core.add(c);
            }
        }
        return new PropertyDefinition(name, type, refClass, core, defaultValue, origin);
    }

    /** @return the class after the colon of {@code object:X} / {@code ref:X}, for object and reference types */
    private static String refClassOf(CimType type, CimValue cimtype) {
        CimType element = type.elementType();
        if (cimtype == null || cimtype.type() != CimType.STRING
                || (element != CimType.OBJECT && element != CimType.REFERENCE)) {
            return null;
        }
        String text = cimtype.asString();
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String cls = text.substring(colon + 1).trim();
        return cls.isEmpty() ? null : cls;
    }

    private static Qualifier toQualifier(Wire.Qualifier q) {
        if (q.value == null) {
            return null;
        }
        return new Qualifier(q.name, q.value, QualifierFlavor.fromBits(q.flavor));
    }

    static MethodDefinition toMethod(Wire.Method m, Reader at) {
        List<Qualifier> qualifiers = new ArrayList<>();
        if (m.qualifiers != null) {
            for (Wire.Qualifier q : m.qualifiers) {
                Qualifier c = toQualifier(q);
                if (c != null) {
                    qualifiers.add(c);
                }
            }
        }
        CimType returnType = null;
        Map<String, ParameterDefinition> params = new LinkedHashMap<>();
        for (boolean in : new boolean[] {true, false}) {
            Wire.Signature sig = in ? m.in : m.out;
            if (sig == null || sig.block == null) {
                continue;
            }
            Wire.ClassPart cp = sig.block.current.classPart;
            for (Wire.Property p : cp.declared()) {
                PropertyDefinition d = toProperty(p.name, p.type, p.qualifiers, null, MethodDefinition.PARAMETERS_CLASS);
                if (!in && p.name.equalsIgnoreCase(MethodDefinition.RETURN_VALUE)) {
                    returnType = p.type;
                    continue;
                }
                String key = p.name.toLowerCase(Locale.ROOT);
                ParameterDefinition known = params.get(key);
                if (known == null) {
                    params.put(key, new ParameterDefinition(d.name(), d.type(), d.refClassName(), d.qualifiers()));
                } else {
                    // An [in, out] parameter is in both signatures: merge the qualifiers the in side lacks.
                    List<Qualifier> merged = new ArrayList<>(known.qualifiers());
                    for (Qualifier q : d.qualifiers()) {
                        if (known.qualifier(q.name()).isEmpty()) {
                            merged.add(q);
                        }
                    }
                    params.put(key, new ParameterDefinition(known.name(), known.type(), known.refClassName(), merged));
                }
            }
        }
        List<ParameterDefinition> ordered = new ArrayList<>(params.values());
        ordered.sort(Comparator.comparingLong(WireConverter::idOf));
        return new MethodDefinition(m.name, returnType, qualifiers, ordered);
    }

    private static long idOf(ParameterDefinition p) {
        return p.qualifier("ID").filter(q -> q.value().type().isInteger() && !q.value().isArray())
                .map(q -> q.value().asBigInteger().longValue()).orElse(Long.MAX_VALUE);
    }

    /** Converts a decoded instance object block to a core instance of its class (decoration included). */
    static WmiObject toInstance(Wire.ObjectBlock ob, WmiClass cls, Reader at) {
        try {
            Wire.InstancePart ip = ob.instance;
            WmiObject.Builder b = WmiObject.builder(cls);
            List<PropertyDefinition> props = cls.properties();
            for (int i = 0; i < props.size(); i++) {
                int nd = ip.nd[i];
                if ((nd & 2) != 0) {
                    continue; // takes the class default: the builder starts every property that way
                }
                b.setAt(i, nd == 0 ? ip.values[i] : null);
            }
            if (ob.server != null || ob.namespace != null) {
                b.decoration(ob.server, ob.namespace);
            }
            return b.build();
        } catch (WmioFormatException e) {
            throw e;
        } catch (ConfigMgrException | IllegalArgumentException e) {
            throw at.fail("instance of " + cls.name() + " does not fit its class: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // core -> wire

    /** A class object (ObjectFlags 0x01): ParentClass holds the superclass as far as the class shows it. */
    static Wire.ObjectBlock fromClass(WmiClass c, String server, String namespace) {
        Wire.ObjectBlock ob = new Wire.ObjectBlock();
        ob.flags = Wmio.FLAG_CLASS;
        decorate(ob, server, namespace);
        ob.parent = new Wire.ClassAndMethods(parentPart(c), new Wire.MethodsPart());
        Wire.MethodsPart mp = new Wire.MethodsPart();
        int own = c.derivation().size();
        for (MethodDefinition m : c.methods()) {
            mp.methods.add(method(m, own));
        }
        ob.current = new Wire.ClassAndMethods(classPart(c), mp);
        return ob;
    }

    /** An instance object (ObjectFlags 0x02) with its class part (SpawnInstance semantics for defaults). */
    static Wire.ObjectBlock fromInstance(WmiObject o) {
        Wire.ObjectBlock ob = new Wire.ObjectBlock();
        ob.flags = Wmio.FLAG_INSTANCE;
        decorate(ob, o.server().orElse(null), o.namespace().orElse(null));
        ob.instanceClass = classPart(o.wmiClass());
        ob.instance = instancePart(o);
        return ob;
    }

    /**
     * An instance object without its class part (EncodingUnitInstanceNoClass, 2.2.3): the class is reduced to
     * the property layout the instance part is written against ({@link #layout}).
     */
    static Wire.ObjectBlock fromInstanceWithoutClass(WmiObject o) {
        Wire.ObjectBlock ob = new Wire.ObjectBlock();
        ob.flags = Wmio.FLAG_INSTANCE;
        decorate(ob, o.server().orElse(null), o.namespace().orElse(null));
        ob.instanceClass = layout(o.wmiClass());
        ob.instance = instancePart(o);
        return ob;
    }

    /**
     * The part of {@link #classPart} an instance part is encoded against: each property's name, type,
     * declaration order and ValueTableOffset, in PropertyLookupTable order; no qualifiers, defaults or heap.
     */
    static Wire.ClassPart layout(WmiClass c) {
        Wire.ClassPart cp = new Wire.ClassPart();
        cp.name = c.name();
        List<PropertyDefinition> props = c.properties();
        int offset = 0;
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition d = props.get(i);
            Wire.Property p = new Wire.Property();
            p.name = d.name();
            p.type = d.type();
            p.typeCode = d.type().code();
            p.order = i;
            p.valueTableOffset = offset;
            offset += WmioDecoder.slotSize(d.type());
            cp.lookup.add(p);
        }
        sortForLookup(cp.lookup);
        return cp;
    }

    /** 2.2.21: the PropertyLookupTable is sorted by property name (case-insensitively, as WMI compares names). */
    private static void sortForLookup(List<Wire.Property> lookup) {
        int n = lookup.size();
        String[] keys = new String[n];
        Integer[] byKey = new Integer[n];
        for (int i = 0; i < n; i++) {
            keys[i] = lookup.get(i).name.toLowerCase(Locale.ROOT);
            byKey[i] = i;
        }
        Arrays.sort(byKey, Comparator.comparing(i -> keys[i]));
        Wire.Property[] sorted = new Wire.Property[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = lookup.get(byKey[i]);
        }
        lookup.clear();
        lookup.addAll(Arrays.asList(sorted));
    }

    private static void decorate(Wire.ObjectBlock ob, String server, String namespace) {
        if (server != null || namespace != null) {
            ob.flags |= Wmio.FLAG_DECORATION;
            ob.server = server == null ? "" : server;
            ob.namespace = namespace == null ? "" : namespace;
        }
    }

    static Wire.InstancePart instancePart(WmiObject o) {
        List<PropertyDefinition> props = o.wmiClass().properties();
        Wire.InstancePart ip = new Wire.InstancePart();
        ip.className = o.className();
        ip.nd = new int[props.size()];
        ip.values = new CimValue[props.size()];
        for (int i = 0; i < props.size(); i++) {
            CimValue v = o.valueAt(i);
            if (o.isDefaultAt(i)) {
                ip.nd[i] = 2 | (props.get(i).defaultValue() == null ? 1 : 0);
            } else if (v == null) {
                ip.nd[i] = 1;
            } else {
                ip.values[i] = v;
            }
        }
        return ip;
    }

    /** The class part of a class: all its properties (inherited first), CIMTYPE qualifiers generated. */
    static Wire.ClassPart classPart(WmiClass c) {
        Wire.ClassPart cp = new Wire.ClassPart();
        cp.name = c.name();
        cp.derivation.addAll(c.derivation());
        for (Qualifier q : c.qualifiers()) {
            cp.qualifiers.add(qualifier(q));
        }
        List<String> chain = new ArrayList<>(c.derivation());
        Collections.reverse(chain);
        chain.add(c.name());
        addProperties(cp, c.properties(), chain, c.name());
        return cp;
    }

    private static Wire.ClassPart parentPart(WmiClass c) {
        Wire.ClassPart cp = new Wire.ClassPart();
        if (c.superclassName().isEmpty()) {
            return cp; // the empty ParentClass of a root class: no name, nothing else
        }
        cp.name = c.superclassName().get();
        List<String> derivation = c.derivation();
        cp.derivation.addAll(derivation.isEmpty() ? List.of() : derivation.subList(1, derivation.size()));
        List<String> chain = new ArrayList<>(cp.derivation);
        Collections.reverse(chain);
        chain.add(cp.name);
        List<PropertyDefinition> inherited = new ArrayList<>();
        for (PropertyDefinition p : c.properties()) {
            if (p.originClass() != null && !p.originClass().equalsIgnoreCase(c.name())) {
                inherited.add(p);
            }
        }
        addProperties(cp, inherited, chain, cp.name);
        return cp;
    }

    private static void addProperties(Wire.ClassPart cp, List<PropertyDefinition> props, List<String> chain, String self) {
        int n = props.size();
        cp.nd = new int[n];
        cp.defaults = new CimValue[n];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            PropertyDefinition d = props.get(i);
            Wire.Property p = new Wire.Property();
            p.name = d.name();
            p.type = d.type();
            p.order = i;
            p.valueTableOffset = offset;
            offset += WmioDecoder.slotSize(d.type());
            p.origin = originIndex(chain, d.originClass());
            boolean inherited = !chain.get(p.origin).equalsIgnoreCase(self);
            p.typeCode = d.type().code() | (inherited ? CimType.INHERITED_FLAG : 0);
            p.qualifiers.add(new Wire.Qualifier(CIMTYPE, CIMTYPE_FLAVOR | (inherited ? QualifierFlavor.ORIGIN_PROPAGATED : 0),
                    CimType.STRING, CimValue.string(d.cimTypeName())));
            for (Qualifier q : d.qualifiers()) {
                if (!q.is(CIMTYPE)) {
                    p.qualifiers.add(qualifier(q));
                }
            }
            cp.defaults[i] = d.defaultValue();
            cp.nd[i] = (d.defaultValue() == null ? 1 : 0) | (inherited ? 2 : 0);
            cp.lookup.add(p);
        }
        sortForLookup(cp.lookup);
    }

    private static int originIndex(List<String> chain, String origin) {
        if (origin != null) {
            for (int i = 0; i < chain.size(); i++) {
                if (chain.get(i).equalsIgnoreCase(origin)) {
                    return i;
                }
            }
        }
        return chain.size() - 1;
    }

    static Wire.Qualifier qualifier(Qualifier q) {
        return new Wire.Qualifier(q.name(), QualifierFlavor.toBits(q.flavors()), q.value().type(), q.value());
    }

    private static Wire.Method method(MethodDefinition m, int origin) {
        Wire.Method w = new Wire.Method();
        w.name = m.name();
        w.origin = origin;
        if (!m.qualifiers().isEmpty()) {
            w.qualifiers = new ArrayList<>();
            for (Qualifier q : m.qualifiers()) {
                w.qualifiers.add(qualifier(q));
            }
        }
        List<PropertyDefinition> in = new ArrayList<>();
        for (ParameterDefinition p : m.inParameters()) {
            in.add(p.asProperty());
        }
        List<PropertyDefinition> out = new ArrayList<>();
        for (ParameterDefinition p : m.outParameters()) {
            out.add(p.asProperty());
        }
        if (m.returnType() != null) {
            out.add(new PropertyDefinition(MethodDefinition.RETURN_VALUE, m.returnType(), null,
                    List.of(Qualifier.flag("out")), null, MethodDefinition.PARAMETERS_CLASS));
        }
        w.in = signature(in);
        w.out = signature(out);
        return w;
    }

    /** A method signature (MS-WMIO 2.2.70): the {@code __PARAMETERS} class object, [abstract], no decoration. */
    private static Wire.Signature signature(List<PropertyDefinition> params) {
        if (params.isEmpty()) {
            return Wire.Signature.EMPTY;
        }
        Wire.ObjectBlock ob = new Wire.ObjectBlock();
        ob.flags = Wmio.FLAG_CLASS;
        ob.parent = new Wire.ClassAndMethods(new Wire.ClassPart(), new Wire.MethodsPart());
        Wire.ClassPart cp = new Wire.ClassPart();
        cp.name = MethodDefinition.PARAMETERS_CLASS;
        cp.qualifiers.add(new Wire.Qualifier("abstract", 0, CimType.BOOLEAN, CimValue.bool(true)));
        addProperties(cp, params, List.of(MethodDefinition.PARAMETERS_CLASS), MethodDefinition.PARAMETERS_CLASS);
        ob.current = new Wire.ClassAndMethods(cp, new Wire.MethodsPart());
        return new Wire.Signature(ob);
    }
}
