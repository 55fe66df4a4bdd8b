package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every real MOF file of the shared reference data parses, with the content the files show. */
class MofReferenceFilesTest {

    private static Map<String, MofDocument> parseAll(String dir) throws IOException {
        Path root = ReferenceData.require(dir);
        Map<String, MofDocument> docs = new TreeMap<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".mof")).toList()) {
                docs.put(f.getFileName().toString(), MofParser.parse(f));
            }
        }
        return docs;
    }

    private static MofDocument parse(String relative) throws IOException {
        return MofParser.parse(ReferenceData.require(relative));
    }

    @Test
    void parsesEveryOtherMofFile() throws IOException {
        Map<String, MofDocument> docs = parseAll("mof/other-mof");

        assertThat(docs).hasSize(5);
        Map<String, Integer> classCounts = new TreeMap<>();
        docs.forEach((name, doc) -> classCounts.put(name, doc.classes().size()));
        assertThat(classCounts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DSC_CMSoftwareUpdatePointComponent.schema.mof", 1,
                "evrimii_MECM_Configuration.mof", 1,
                "evrimii_MECM_Win11.mof", 1,
                "pwsh_SCCM_Printer_and_Drive_Inventory_To_Import.mof", 4,
                "pwsh_SCCM_configuration.mof", 4));
        assertThat(docs.values().stream().mapToInt(d -> d.pragmas().size()).sum()).isEqualTo(2 + 2 + 8 + 8);
    }

    @Test
    void parsesEveryGoMsrpcRendering() throws IOException {
        Map<String, MofDocument> docs = parseAll("wmio");

        assertThat(docs).hasSize(5);
        Map<String, Integer> classCounts = new TreeMap<>();
        docs.forEach((name, doc) -> classCounts.put(name, doc.classes().size()));
        assertThat(classCounts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "go-msrpc_wmio_class_encoding_with_methods.mof", 2,
                "go-msrpc_wmio_instance_encoding.mof", 1,
                "go-msrpc_wmio_structure_example.mof", 2,
                "go-msrpc_wmio_win32_process.mof", 2,
                "go-msrpc_wmio_win32_process_startup.mof", 2));
        // "// @inherited" and "// @namespace" lines are plain comments
        assertThat(docs.values()).allSatisfy(d -> assertThat(d.pragmas()).isEmpty());
    }

    @Test
    void readsTheDscSchemaClass() throws IOException {
        MofDocument doc = parse("mof/other-mof/DSC_CMSoftwareUpdatePointComponent.schema.mof");
        WmiClass c = doc.classNamed("dsc_cmsoftwareupdatepointcomponent").orElseThrow();

        assertThat(c.name()).isEqualTo("DSC_CMSoftwareUpdatePointComponent");
        assertThat(c.superclassName()).contains("OMI_BaseResource");
        assertThat(c.derivation()).isEmpty();
        assertThat(c.qualifier("ClassVersion").orElseThrow().value()).isEqualTo(CimValue.string("1.0.0"));
        assertThat(c.qualifier("FriendlyName").orElseThrow().value())
                .isEqualTo(CimValue.string("CMSoftwareUpdatePointComponent"));
        assertThat(c.properties()).hasSize(37);
        assertThat(c.properties()).allSatisfy(p -> assertThat(p.originClass()).isEqualTo(c.name()));
        assertThat(c.keys()).extracting(PropertyDefinition::name).containsExactly("SiteCode");

        PropertyDefinition products = c.property("Products").orElseThrow();
        assertThat(products.type()).isEqualTo(CimType.STRING_ARRAY);
        assertThat(products.hasFlag("Write")).isTrue();
        PropertyDefinition schedule = c.property("ScheduleType").orElseThrow();
        assertThat(schedule.type()).isEqualTo(CimType.STRING);
        assertThat(schedule.qualifier("ValueMap").orElseThrow().value().asStringList())
                .containsExactly("MonthlyByDay", "MonthlyByWeek", "Weekly", "Days", "Hours");
        assertThat(c.property("WaitMonth").orElseThrow().type()).isEqualTo(CimType.UINT32);
        assertThat(c.property("EnableSynchronization").orElseThrow().type()).isEqualTo(CimType.BOOLEAN);
        assertThat(c.property("AvailableCats").orElseThrow().hasFlag("Read")).isTrue();
    }

    @Test
    void readsTheConfigurationMofWithItsDynamicPropertyInstance() throws IOException {
        MofDocument doc = parse("mof/other-mof/evrimii_MECM_Configuration.mof");

        assertThat(doc.pragmas()).extracting(Pragma::name).containsExactly("namespace", "deleteclass");
        assertThat(doc.pragmas().get(0).argument()).isEqualTo("\\\\.\\root\\cimv2");
        assertThat(doc.pragmas().get(1).arguments()).containsExactly("Win11Compatibility", "NOFAIL");
        WmiClass c = doc.classes().get(0);
        assertThat(c.hasFlag("DYNPROPS")).isTrue();
        assertThat(c.properties()).hasSize(13);

        InstanceDeclaration d = doc.instanceDeclarations().get(0);
        assertThat(d.qualifiers()).extracting(q -> q.name()).containsExactly("DYNPROPS");
        WmiObject instance = d.instance();
        assertThat(instance.className()).isEqualTo("Win11Compatibility");
        assertThat(instance.getString("KeyName")).isEqualTo("Win11Compat");
        assertThat(instance.isDefault("AllResult")).isTrue();
        assertThat(d.propertyQualifiers()).hasSize(12);
        assertThat(d.qualifiersOf("allresult")).extracting(q -> q.name())
                .containsExactly("PropertyContext", "Dynamic", "Provider");
        assertThat(d.qualifiersOf("AllResult").get(0).value().asString())
                .isEqualTo("Local|HKEY_LOCAL_MACHINE\\SYSTEM\\Win11Compat|AllResult");
        assertThat(doc.declarations()).hasExactlyElementsOfTypes(Pragma.class, Pragma.class, WmiClass.class,
                InstanceDeclaration.class);
    }

    @Test
    void readsHardwareInventoryClassesWithReportingQualifiers() throws IOException {
        MofDocument doc = parse("mof/other-mof/pwsh_SCCM_Printer_and_Drive_Inventory_To_Import.mof");

        assertThat(doc.classes()).extracting(WmiClass::name)
                .containsExactly("NETWORKPRINTERS", "NETWORKPRINTERS_64", "MAPPEDDRIVES", "MAPPEDDRIVES_64");
        WmiClass drives = doc.classNamed("MAPPEDDRIVES_64").orElseThrow();
        assertThat(drives.superclassName()).contains("SMS_Class_Template");
        assertThat(drives.qualifier("SMS_Report").orElseThrow().value()).isEqualTo(CimValue.bool(true));
        assertThat(drives.qualifier("SMS_Context_1").orElseThrow().value().asString())
                .isEqualTo("__ProviderArchitecture=64|uint32");
        assertThat(drives.property("Size").orElseThrow().type()).isEqualTo(CimType.UINT32);
        assertThat(drives.property("KeyName").orElseThrow().isKey()).isTrue();

        MofDocument config = parse("mof/other-mof/pwsh_SCCM_configuration.mof");
        WmiClass printers = config.classNamed("NETWORKPRINTERS").orElseThrow();
        assertThat(printers.superclassName()).isEmpty();
        assertThat(printers.qualifier("ClassContext").orElseThrow().value().asString())
                .isEqualTo("Local|HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\SCCMINVENTORY\\NETWORKPRINTERS");
        assertThat(config.resolvedClass("NETWORKPRINTERS")).contains(printers);
    }

    @Test
    void readsWin32ProcessWithItsDerivationAndMethods() throws IOException {
        MofDocument doc = parse("wmio/go-msrpc_wmio_win32_process.mof");
        WmiClass process = doc.classNamed("Win32_Process").orElseThrow();

        assertThat(process.superclassName()).contains("CIM_Process");
        assertThat(process.derivation()).containsExactly("CIM_Process", "CIM_LogicalElement", "CIM_ManagedSystemElement");
        assertThat(process.qualifier("provider").orElseThrow().value()).isEqualTo(CimValue.string("CIMWin32"));
        assertThat(process.qualifier("Locale").orElseThrow().value()).isEqualTo(CimValue.sint32(1033));
        assertThat(process.properties()).hasSize(45);

        PropertyDefinition handle = process.property("Handle").orElseThrow();
        assertThat(handle.isKey()).isTrue();
        assertThat(handle.type()).isEqualTo(CimType.STRING);
        assertThat(handle.qualifier("MaxLen").orElseThrow().value()).isEqualTo(CimValue.sint32(256));
        assertThat(process.property("CreationDate").orElseThrow().type()).isEqualTo(CimType.DATETIME);
        assertThat(process.property("KernelModeTime").orElseThrow().type()).isEqualTo(CimType.UINT64);
        assertThat(process.property("ExecutionState").orElseThrow().type()).isEqualTo(CimType.UINT16);
        assertThat(process.property("Priority").orElseThrow().qualifier("MappingStrings").orElseThrow()
                .value().asStringList())
                .containsExactly("Win32API|Process Status|SYSTEM_PROCESS_INFORMATION|BasePriority");

        assertThat(process.methods()).extracting(MethodDefinition::name).containsExactly("Create", "Terminate",
                "GetOwner", "GetOwnerSid", "SetPriority", "AttachDebugger", "GetAvailableVirtualSize");
        MethodDefinition create = process.method("create").orElseThrow();
        assertThat(create.isStatic()).isTrue();
        assertThat(create.hasFlag("Constructor")).isTrue();
        assertThat(create.returns()).contains(CimType.UINT32);
        assertThat(create.inParameters()).extracting(ParameterDefinition::name)
                .containsExactly("CommandLine", "CurrentDirectory", "ProcessStartupInformation");
        assertThat(create.outParameters()).extracting(ParameterDefinition::name).containsExactly("ProcessId");
        ParameterDefinition startup = create.parameter("ProcessStartupInformation").orElseThrow();
        assertThat(startup.type()).isEqualTo(CimType.OBJECT);
        assertThat(startup.referencedClass()).contains("Win32_ProcessStartup");
        assertThat(startup.qualifier("ID").orElseThrow().value()).isEqualTo(CimValue.sint32(2));
        assertThat(create.outParametersClass().properties()).extracting(PropertyDefinition::name)
                .containsExactly("ReturnValue", "ProcessId");
        assertThat(process.method("AttachDebugger").orElseThrow().parameters()).isEmpty();
        assertThat(process.method("SetPriority").orElseThrow().parameter("Priority").orElseThrow().type())
                .isEqualTo(CimType.SINT32);

        WmiClass cimProcess = doc.classNamed("CIM_Process").orElseThrow();
        assertThat(cimProcess.isAbstract()).isTrue();
        assertThat(cimProcess.derivation()).containsExactly("CIM_LogicalElement", "CIM_ManagedSystemElement");
        assertThat(doc.resolvedClass("Win32_Process")).isEmpty(); // CIM_LogicalElement is not in the file
    }

    @Test
    void readsWin32ProcessStartupWithAnUnsignedDefault() throws IOException {
        MofDocument doc = parse("wmio/go-msrpc_wmio_win32_process_startup.mof");
        WmiClass startup = doc.classNamed("Win32_ProcessStartup").orElseThrow();

        assertThat(startup.superclassName()).contains("Win32_MethodParameterClass");
        assertThat(startup.property("YSize").orElseThrow().defaultValue()).isEqualTo(CimValue.uint32(4294967295L));
        assertThat(startup.property("ShowWindow").orElseThrow().type()).isEqualTo(CimType.UINT16);
        assertThat(startup.property("PriorityClass").orElseThrow().qualifier("MappingStrings").orElseThrow()
                .value().asStringList())
                .containsExactly("Win32API|Process and Thread Structures|JOBOBJECT_BASIC_LIMIT_INFORMATION|PriorityClass");
        WmiClass resolved = doc.resolvedClass("Win32_ProcessStartup").orElseThrow();
        assertThat(resolved.derivation()).containsExactly("Win32_MethodParameterClass");
        assertThat(resolved.isAbstract()).isTrue();
    }

    @Test
    void readsTheMsWmioExampleClassesAndInstance() throws IOException {
        MofDocument structure = parse("wmio/go-msrpc_wmio_structure_example.mof");
        WmiClass myClass = structure.resolvedClass("MyClass").orElseThrow();
        assertThat(myClass.properties()).extracting(PropertyDefinition::name)
                .containsExactly("Id", "Data1", "Data2", "Array");
        assertThat(myClass.property("Data2").orElseThrow().defaultValue()).isEqualTo(CimValue.string("defaultValue"));
        assertThat(myClass.property("Data1").orElseThrow().hasFlag("write")).isTrue();

        MofDocument withMethods = parse("wmio/go-msrpc_wmio_class_encoding_with_methods.mof");
        WmiClass myClass2 = withMethods.classNamed("MyClass2").orElseThrow();
        assertThat(myClass2.derivation()).containsExactly("MyClass", "Base");
        MethodDefinition restart = myClass2.method("Restart").orElseThrow();
        assertThat(restart.qualifier("performance").orElseThrow().value().asStringList())
                .containsExactly("fast", "sideffects");
        assertThat(restart.inParameters()).extracting(ParameterDefinition::name).containsExactly("ServiceName");
        // go-msrpc renders this sint32 parameter as "int": by the grammar that is an embedded object of class "int"
        ParameterDefinition status = restart.parameter("Status").orElseThrow();
        assertThat(status.isOut()).isTrue();
        assertThat(status.type()).isEqualTo(CimType.OBJECT);
        assertThat(status.referencedClass()).contains("int");

        MofDocument instanceDoc = parse("wmio/go-msrpc_wmio_instance_encoding.mof");
        WmiObject instance = instanceDoc.instances().get(0);
        assertThat(instance.get("Id")).contains(CimValue.sint32(123));
        assertThat(instance.getString("Data1")).isEqualTo("StringField");
        // declared "uint32 Array;" but the encoding holds a uint32 array (go-msrpc drops the [])
        assertThat(instance.get("Array")).contains(CimValue.of(CimType.UINT32_ARRAY, List.of(1L, 2L, 3L)));
        assertThat(instance.wmiClass().property("Array").orElseThrow().type()).isEqualTo(CimType.UINT32_ARRAY);
    }

    @Test
    void printsAndReparsesEveryReferenceClassUnchanged() throws IOException {
        List<WmiClass> all = new ArrayList<>();
        parseAll("mof/other-mof").values().forEach(d -> all.addAll(d.classes()));
        parseAll("wmio").values().forEach(d -> all.addAll(d.classes()));
        assertThat(all).hasSize(20);

        for (WmiClass c : all) {
            String mof = MofPrinter.printWithDerivation(c);
            MofDocument reparsed = MofParser.parse("printed " + c.name(), mof);
            assertThat(reparsed.classes()).as(mof).containsExactly(c);
        }
    }

    @Test
    void printsAndReparsesEveryReferenceInstanceUnchanged() throws IOException {
        List<MofDocument> docs = new ArrayList<>(parseAll("mof/other-mof").values());
        docs.addAll(parseAll("wmio").values());
        int instances = 0;
        for (MofDocument doc : docs) {
            for (WmiObject o : doc.instances()) {
                StringBuilder mof = new StringBuilder();
                doc.classNamed(o.className()).ifPresent(c -> mof.append(MofPrinter.print(o.wmiClass())));
                mof.append(MofPrinter.print(o));
                WmiObject reparsed = MofParser.parse("printed", mof.toString()).instances().get(0);
                assertThat(reparsed).as(mof.toString()).isEqualTo(o);
                instances++;
            }
        }
        assertThat(instances).isEqualTo(2);
    }
}
