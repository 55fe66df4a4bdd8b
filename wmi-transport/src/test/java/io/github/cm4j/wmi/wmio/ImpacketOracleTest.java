package io.github.cm4j.wmi.wmio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.wmi.dcom.ImpacketOracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent decoder reads what our encoder writes: impacket's {@code wmi.ENCODING_UNIT} (Debian package
 * python3-impacket, installed by .ci/run for {@code /usr/bin/python3}) decodes SMS_SoftwareUpdate and
 * SMS_SCI_Component instances (with embedded {@code Props}) built from {@code Schema.builtIn()}, and its reading
 * of every scalar property, embedded ones included, must equal ours. impacket's known gaps are worked around in
 * the harness ({@code impacket_oracle.py}), not in the codec. Skipped, saying why, when /usr/bin/python3 cannot
 * import impacket.
 */
class ImpacketOracleTest {

    @BeforeAll
    static void impacketIsInstalled() throws Exception {
        ImpacketOracle.assumeAvailable();
    }

    /** One line of the harness output. */
    record Reading(String cimType, String kind, String text) {
    }

    @Test
    void impacketReadsOurSoftwareUpdatesAndSiteControlComponentsAsWeWroteThem(@TempDir Path dir) throws Exception {
        Schema schema = Schema.builtIn();
        WmiClass su = schema.classNamed("SMS_SoftwareUpdate");
        List<WmiObject> objects = new ArrayList<>();
        objects.add(WmioTestObjects.softwareUpdate(su, 1));
        objects.add(WmioTestObjects.softwareUpdate(su, 2));
        // some properties NULL, some left to the class default, a non-Latin-1 title (UTF-16 on the wire)
        objects.add(WmioTestObjects.softwareUpdate(su, 3).with("IsExpired", null).with("ArticleID", null)
                .with("LocalizedDisplayName", "\u041e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u0438\u0435 \u20ac"));
        objects.add(WmiObject.builder(su).set("CI_ID", 16777216L).set("IsDeployed", true).build());
        objects.add(WmioTestObjects.sciComponent(schema, 4));
        objects.add(allTypes());

        Map<String, WmiObject> byFile = new LinkedHashMap<>();
        List<String> command = new ArrayList<>(List.of(script(dir).toString()));
        for (int i = 0; i < objects.size(); i++) {
            Path f = dir.resolve("object" + i + ".bin");
            Files.write(f, Wmio.encode(objects.get(i)));
            byFile.put(f.toString(), objects.get(i));
            command.add(f.toString());
        }
        Map<String, Map<String, Reading>> theirs = run(command);
        int compared = 0;
        for (Map.Entry<String, WmiObject> e : byFile.entrySet()) {
            Map<String, Reading> expected = new LinkedHashMap<>();
            expect(expected, "", e.getValue());
            Map<String, Reading> actual = theirs.get(e.getKey());
            assertThat(actual).as("impacket output for " + e.getValue().className()).isNotNull();
            for (Map.Entry<String, Reading> x : expected.entrySet()) {
                Reading got = actual.get(x.getKey());
                assertThat(got).as(e.getValue().className() + " " + x.getKey() + " read by impacket").isNotNull();
                if (x.getValue().kind().equals("float") && got.kind().equals("float")) {
                    assertThat(Double.doubleToLongBits(pythonFloat(got.text())))
                            .as(x.getKey()).isEqualTo(Double.doubleToLongBits(pythonFloat(x.getValue().text())));
                } else {
                    assertThat(got.kind() + " " + got.text()).as(e.getValue().className() + " " + x.getKey())
                            .isEqualTo(x.getValue().kind() + " " + x.getValue().text());
                }
                compared++;
            }
            assertThat(actual.keySet()).as("paths impacket read").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        assertThat(compared).isGreaterThan(250);
    }

    /** An instance with every scalar type (reals exercise harness workaround 1) and a few arrays. */
    private static WmiObject allTypes() {
        WmiClass.Builder b = WmiClass.builder("Cm4j_AllScalars");
        Map<CimType, List<Object>> samples = WmioRoundTripTest.samples();
        for (CimType t : samples.keySet()) {
            b.property("S_" + t.mofName(), t);
        }
        b.property("A_string", CimType.STRING_ARRAY).property("A_uint32", CimType.UINT32_ARRAY).property("N_uint8", CimType.UINT8);
        WmiObject.Builder o = WmiObject.builder(b.build());
        for (Map.Entry<CimType, List<Object>> e : samples.entrySet()) {
            o.set("S_" + e.getKey().mofName(), CimValue.of(e.getKey(), e.getValue().get(e.getValue().size() - 1)));
        }
        return o.set("A_string", List.of("x", "caf\u00e9", "\u20ac")).set("A_uint32", List.of(1L, 4294967295L))
                .setNull("N_uint8", CimType.UINT8).build();
    }

    private static void expect(Map<String, Reading> out, String prefix, WmiObject o) {
        out.put(prefix + "__CLASS", new Reading("8", "str", o.className()));
        for (PropertyDefinition p : o.wmiClass().properties()) {
            CimValue v = o.get(p.name()).orElse(null);
            String path = prefix + p.name();
            if (v == null) {
                out.put(path, new Reading(String.valueOf(p.type().code()), "null", ""));
            } else if (p.type() == CimType.OBJECT) {
                expect(out, path + ".", v.asObject());
            } else if (p.type() == CimType.OBJECT_ARRAY) {
                List<WmiObject> list = v.asObjectList();
                for (int i = 0; i < list.size(); i++) {
                    expect(out, path + "[" + i + "].", list.get(i));
                }
            } else if (p.type().isArray()) {
                List<?> list = v.asList();
                out.put(path + "#", new Reading(String.valueOf(p.type().code()), "int", String.valueOf(list.size())));
                for (int i = 0; i < list.size(); i++) {
                    out.put(path + "[" + i + "]", scalar(p.type().elementType(), list.get(i)));
                }
            } else {
                out.put(path, scalar(p.type(), v.value()));
            }
        }
    }

    private static Reading scalar(CimType t, Object v) {
        String code = String.valueOf(t.code());
        switch (t) {
            case BOOLEAN: return new Reading(code, "bool", v.toString());
            case CHAR16: return new Reading(code, "int", String.valueOf((int) (Character) v));
            case UINT64: return new Reading(code, "int", Long.toUnsignedString((Long) v));
            case REAL32: return new Reading(code, "float", Double.toHexString((Float) v));
            case REAL64: return new Reading(code, "float", Double.toHexString((Double) v));
            case STRING: case REFERENCE: case DATETIME: return new Reading(code, "str", v.toString());
            default: return new Reading(code, "int", v.toString());
        }
    }

    /** Parses Python's float.hex() (and Java's Double.toHexString) output. */
    private static double pythonFloat(String text) {
        switch (text) {
            case "nan": case "NaN": return Double.NaN;
            case "inf": case "Infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-Infinity": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(text);
        }
    }

    private static Path script(Path dir) throws IOException {
        Path script = dir.resolve("impacket_oracle.py");
        try (InputStream in = ImpacketOracleTest.class.getResourceAsStream("impacket_oracle.py")) {
            Files.copy(in, script);
        }
        return script;
    }

    private static Map<String, Map<String, Reading>> run(List<String> command) throws Exception {
        String stdout = ImpacketOracle.python(command);
        Map<String, Map<String, Reading>> result = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String text = new String(HexFormat.of().parseHex(f[4]), StandardCharsets.UTF_8);
            result.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], new Reading(f[2], f[3], text));
        }
        return result;
    }
}
