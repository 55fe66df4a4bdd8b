package io.github.cm4j.model;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** WMI objects of the built-in schema's classes with every property set to a plausible, seed-dependent value. */
final class SampleObjects {
    static final Schema SCHEMA = Schema.builtIn();

    /** Integer properties whose codes the models map to enums: a valid code per class.property. */
    private static final Map<String, Long> CODES = Map.ofEntries(
            Map.entry("sms_softwareupdate.severity", 8L),
            Map.entry("sms_softwareupdate.customseverity", 10L),
            Map.entry("sms_sci_component.flag", 6L),
            Map.entry("sms_statusmessage.messagetype", 256L),
            Map.entry("sms_statusmessage.severity", 0xC000_0000L),
            Map.entry("sms_statusmessage.messageid", 6702L),
            Map.entry("sms_supsyncstatus.lastsyncstate", 6702L),
            Map.entry("sms_supsyncstatus.replicationlinkstatus", 1L),
            Map.entry("sms_authorizationlist.updates", 0L),
            Map.entry("sms_softwareupdate.eulaaccepted", 1L),
            Map.entry("sms_authorizationlist.eulaaccepted", 1L));

    private SampleObjects() {
    }

    /**
     * @param className a class of the built-in schema
     * @param seed varies the values
     * @return an instance with every property set
     */
    static WmiObject filled(String className, int seed) {
        // A class of ConfigMgr 2007 only (SMS_Template) comes from that version's schema.
        WmiClass cls = SCHEMA.find(className).orElseGet(() -> Schema.forVersion(io.github.cm4j.SiteVersion.CM2007_SP2)
                .classNamed(className));
        WmiObject.Builder b = WmiObject.builder(cls);
        List<PropertyDefinition> props = cls.properties();
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition p = props.get(i);
            b.set(p.name(), value(cls, p, seed, i));
        }
        return b.build();
    }

    static CimValue value(WmiClass cls, PropertyDefinition p, int seed, int i) {
        Long code = CODES.get((cls.name() + "." + p.name()).toLowerCase(Locale.ROOT));
        if (code != null && !p.type().isArray()) {
            return CimValue.of(p.type(), code);
        }
        CimType t = p.type();
        if (t.isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                elements.add(scalar(cls, p, t.elementType(), seed * 3 + k, i).value());
            }
            return CimValue.of(t, elements);
        }
        return scalar(cls, p, t, seed, i);
    }

    private static CimValue scalar(WmiClass cls, PropertyDefinition p, CimType t, int seed, int i) {
        switch (t) {
            case STRING:
                return CimValue.string(p.sizeLimit().orElse(100) <= 3 ? "P" + (char) ('A' + seed % 26) + (seed % 10)
                        : p.name() + "-" + seed);
            case UINT8: case UINT16: case SINT8: case SINT16:
                return CimValue.of(t, (seed + i) % 100);
            case UINT32: case SINT32:
                return CimValue.of(t, 16_777_216L + seed * 131L + i);
            case SINT64:
                return CimValue.sint64(5_000_000_000L + seed * 7L + i);
            case UINT64:
                return CimValue.uint64Bits(0x8000_0000_0000_0000L | (seed + i)); // high bit set: above Long.MAX_VALUE
            case BOOLEAN:
                return CimValue.bool((seed + i) % 2 == 0);
            case DATETIME:
                return CimValue.datetime(CimDateTime.of(Instant.parse("2024-01-09T18:00:00Z")
                        .plus(seed, ChronoUnit.DAYS).plus(i, ChronoUnit.MINUTES)));
            case REAL32: case REAL64:
                return CimValue.of(t, seed + 0.5);
            case OBJECT:
                return CimValue.object(filled(p.referencedClass().orElseThrow(), seed));
            default:
                throw new IllegalArgumentException("no sample for " + t);
        }
    }
}
