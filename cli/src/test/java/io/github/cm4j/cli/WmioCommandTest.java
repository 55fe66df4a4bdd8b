package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.cim.mof.MofDocument;
import io.github.cm4j.cim.mof.MofParser;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.wmi.wbem.WbemClassObjects;
import io.github.cm4j.wmi.wmio.Wmio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cm4j wmio dump}. */
class WmioCommandTest {

    private static WmiObject component() {
        Schema s = Schema.builtIn();
        WmiClass e = s.classNamed("SMS_EmbeddedProperty");
        return WmiObject.builder(s.classNamed("SMS_SCI_Component")).set("SiteCode", "ABC").set("ItemName", "SMS_WSUS_SYNC_MANAGER|X")
                .set("ItemType", "Component").set("FileType", 2L).set("ComponentName", "SMS_WSUS_SYNC_MANAGER")
                .set("Props", CimValue.objectArray(List.of(
                        WmiObject.builder(e).set("PropertyName", "Sync Now").set("Value", 1L).build(),
                        WmiObject.builder(e).set("PropertyName", "Sync Schedule").set("Value1", "0001200000100038").build())))
                .decoration("CM01", "root\\sms\\site_ABC").build();
    }

    @Test
    void dumpPrintsAnInstanceAsMofThatParsesBack(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("component.bin");
        Files.write(f, Wmio.encode(component()));
        CliTest.Result r = CliTest.run("wmio", "dump", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("// server: CM01\n// namespace: root\\sms\\site_ABC\n")
                .contains("class SMS_SCI_Component : SMS_SiteControlItem SMS_BaseClass")
                .contains("instance of SMS_SCI_Component")
                .contains("PropertyName = \"Sync Schedule\";");
        MofDocument doc = MofParser.parse("dump", r.out());
        WmiObject parsed = doc.instances().get(0);
        assertThat(parsed.getString("ComponentName")).isEqualTo("SMS_WSUS_SYNC_MANAGER");
        assertThat(parsed.get("Props").orElseThrow().asObjectList()).hasSize(2);
    }

    @Test
    void hexTextAndObjrefInputsGiveTheSameOutput(@TempDir Path dir) throws Exception {
        byte[] unit = Wmio.encode(component());
        Path raw = dir.resolve("raw.bin");
        Files.write(raw, unit);
        String hex = HexFormat.of().formatHex(unit);
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            wrapped.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        Path text = dir.resolve("unit.hex");
        Files.writeString(text, wrapped.toString().toUpperCase());
        Path objref = dir.resolve("objref.bin");
        Files.write(objref, WbemClassObjects.marshal(component()));
        String expected = CliTest.run("wmio", "dump", raw.toString()).out();
        assertThat(CliTest.run("wmio", "dump", text.toString()).out()).isEqualTo(expected);
        assertThat(CliTest.run("wmio", "dump", objref.toString()).out()).isEqualTo(expected);
    }

    @Test
    void jsonOfAClassWithMethods(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("su.bin");
        Files.write(f, Wmio.encode(Schema.builtIn().classNamed("SMS_SoftwareUpdate")));
        CliTest.Result r = CliTest.run("wmio", "dump", "--json", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.out()).startsWith("{\"kind\":\"class\",\"className\":\"SMS_SoftwareUpdate\","
                + "\"superclass\":\"SMS_ConfigurationItemBaseClass\"")
                .contains("\"properties\":[{\"name\":")
                .contains("{\"name\":\"ArticleID\",\"type\":\"string\",\"value\":null,\"origin\":\"SMS_SoftwareUpdate\",\"qualifiers\":[")
                .contains("\"methods\":[{\"name\":\"AcceptEULA\",\"returnType\":\"sint32\"")
                .contains("{\"name\":\"Accepted\",\"type\":\"boolean\",\"in\":true,\"out\":false");
    }

    @Test
    void jsonOfAnInstanceHasValuesAndEmbeddedObjects(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("component.bin");
        Files.write(f, Wmio.encode(component()));
        CliTest.Result r = CliTest.run("wmio", "dump", f.toString(), "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"kind\":\"instance\",\"className\":\"SMS_SCI_Component\"")
                .contains("{\"name\":\"FileType\",\"type\":\"uint32\",\"value\":2,\"default\":false")
                .contains("{\"name\":\"Props\",\"type\":\"object:SMS_EmbeddedProperty[]\",\"value\":[{\"className\":"
                        + "\"SMS_EmbeddedProperty\",\"properties\":[")
                .contains("\"methods\":[]");
    }

    @Test
    void malformedInputExitsOneWithOffsetAndStructure(@TempDir Path dir) throws Exception {
        byte[] unit = Wmio.encode(component());
        Path f = dir.resolve("short.bin");
        Files.write(f, Arrays.copyOf(unit, unit.length - 8));
        CliTest.Result r = CliTest.run("wmio", "dump", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("cm4j: malformed EncodingUnit at offset 4: ObjectEncodingLength");
        CliTest.Result missing = CliTest.run("wmio", "dump", dir.resolve("nope.bin").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void dumpsTheWindowsServer2019Win32ProcessCapture() throws Exception {
        String configured = System.getProperty("cm4j.reference.dir", "../../shared/reference");
        Path dump = Paths.get(configured).resolve("wmio/go-msrpc_wmio_win32_process.dump");
        assumeTrue(Files.exists(dump), "reference data " + dump + " is absent; skipping");
        CliTest.Result r = CliTest.run("wmio", "dump", dump.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("// server: WIN2019-X-XX")
                .contains("class Win32_Process : CIM_Process CIM_LogicalElement CIM_ManagedSystemElement")
                .contains("uint32 Create([In, MappingStrings");
        MofDocument doc = MofParser.parse("dump", r.out());
        // the class prints what it declares itself, with its whole derivation; its parent part comes first
        assertThat(doc.classNamed("Win32_Process").orElseThrow().methods()).hasSize(7);
        assertThat(doc.classNamed("Win32_Process").orElseThrow().derivation())
                .containsExactly("CIM_Process", "CIM_LogicalElement", "CIM_ManagedSystemElement");
        assertThat(doc.classNamed("CIM_Process").orElseThrow().isAbstract()).isTrue();
        assertThat(new String(Files.readAllBytes(dump), StandardCharsets.US_ASCII)).isNotEmpty();
    }
}
