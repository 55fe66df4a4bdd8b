package io.github.cm4j.wmi.wmio;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures shared by the wmio and wbem tests: deterministic SMS objects from the built-in schema. */
public final class WmioTestObjects {
    private WmioTestObjects() {
    }

    /** @return the little-endian uint32 at {@code off} */
    public static int u32(byte[] b, int off) {
        return WmioGoldenTest.ByteBufferLe.u32(b, off);
    }

    /** Writes a little-endian uint32 at {@code off}. */
    public static void put32(byte[] b, int off, int v) {
        WmioGoldenTest.ByteBufferLe.put32(b, off, v);
    }

/** Deterministic SMS sample objects built from the built-in schema. */

    /** An SMS_SoftwareUpdate with every non-lazy scalar set (value derived from {@code seed}). */
    public static WmiObject softwareUpdate(WmiClass cls, int seed) {
        WmiObject.Builder b = WmiObject.builder(cls);
        int i = 0;
        for (PropertyDefinition p : cls.properties()) {
            i++;
            if (p.type().isArray() || p.type() == CimType.OBJECT || p.isLazy()) {
                continue;
            }
            b.set(p.name(), sample(p.type(), seed * 1000 + i, p.name()));
        }
        b.set("ArticleID", "KB" + (5000000 + seed));
        b.set("LocalizedDisplayName", "2024-0" + seed + " Cumulative Update f\u00fcr Windows \u2013 x64");
        return b.decoration("CM01", "root\\sms\\site_ABC").build();
    }

    static Object sample(CimType t, int n, String name) {
        switch (t) {
            case BOOLEAN: return n % 2 == 0;
            case UINT8: return (short) (n % 256);
            case SINT32: return -n;
            case UINT32: return (long) n * 3;
            case SINT64: return -(long) n * 1_000_000_007L;
            case UINT64: return (long) n * 1_000_000_009L;
            case DATETIME: return CimDateTime.parse(String.format("2024%02d%02d101112.000000+000", 1 + n % 12, 1 + n % 28));
            case STRING: return name + " #" + n;
            case UINT16: return n % 65536;
            case SINT16: return (short) -(n % 30000);
            case REAL64: return n / 7.0;
            case REAL32: return n / 3.0f;
            default: throw new AssertionError(t);
        }
    }

    /** An SMS_SCI_Component with {@code props} embedded properties and one property list. */
    public static WmiObject sciComponent(Schema schema, int props) {
        WmiClass embeddedClass = schema.classNamed("SMS_EmbeddedProperty");
        WmiClass listClass = schema.classNamed("SMS_EmbeddedPropertyList");
        List<WmiObject> list = new ArrayList<>();
        for (int i = 0; i < props; i++) {
            list.add(WmiObject.builder(embeddedClass).set("PropertyName", "Prop " + i).set("Value", (long) i * 60)
                    .set("Value1", i == 1 ? "" : "value1 #" + i).set("Value2", "value2 #" + i).build());
        }
        WmiObject propList = WmiObject.builder(listClass).set("PropertyListName", "Sites")
                .set("Values", List.of("ABC", "DEF")).build();
        return WmiObject.builder(schema.classNamed("SMS_SCI_Component"))
                .set("SiteCode", "ABC").set("ItemName", "SMS_WSUS_SYNC_MANAGER|SCCM.CONTOSO.COM")
                .set("ItemType", "Component").set("FileType", 2L).set("ComponentName", "SMS_WSUS_SYNC_MANAGER")
                .set("Name", "SCCM.CONTOSO.COM").set("Flag", 6L)
                .set("Props", CimValue.objectArray(list)).set("PropLists", CimValue.objectArray(List.of(propList)))
                .build();
    }
}
