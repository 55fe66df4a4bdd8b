package io.github.cm4j.testkit;

import static io.github.cm4j.testkit.TestData.AWKWARD_STRINGS;
import static io.github.cm4j.testkit.TestData.DATETIMES;
import static io.github.cm4j.testkit.TestData.UINT32_MAX;
import static io.github.cm4j.testkit.TestData.UINT64_MAX;
import static io.github.cm4j.testkit.TestData.schemaClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.TransportException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link WmiTransport} honours, as a JUnit 5 test class to extend (in the spirit of the AWS
 * SDK's {@code SdkHttpClientTestSuite} and jclouds' contract suites). A transport's test module declares
 * {@code cm4j-testkit} as a test dependency and writes:
 *
 * <pre>{@code
 * class DcomTransportContractTest extends WmiTransportContractTest {
 *     protected WmiTransport openTransport() { return provider.open(config); }     // a fresh connection
 *     protected ContractFixture fixture() { return ContractFixture.forSite("CAS"); }
 *     // optional: protected Optional<WmiTransport> openTransport(InjectedFault fault) { ... }
 *     // optional: protected Optional<EnumerationProbe> enumerationProbe(WmiTransport t) { ... }
 * }
 * }</pre>
 *
 * <p><b>The target.</b> An SMS Provider site as {@link ContractFixture} describes it; in practice the cm4j
 * simulator, or a loopback DCOM server over it. The tests read data any site has and write instances of their
 * own with random keys ({@code CM4J...}, {@code <site>T....}), deleting them afterwards; site control file
 * edits go to items of their own, or to a session that is released without a commit. The target may be shared
 * between tests, though a fresh one per test ({@link #openTransport()} is called before each test) isolates
 * failures best.
 *
 * <p><b>What is covered</b> (one nested class each): queries (batches, streaming, release of enumerators,
 * forward-only and independent enumerations, lazy properties NULL in results), gets (lazy properties filled,
 * {@code WBEM_E_NOT_FOUND}, invalid paths, unknown classes), class definitions, puts ({@link PutMode}s, partial
 * puts, NULL versus default), methods (static and instance, in- and out-parameters, {@code ReturnValue}),
 * deletes, CIM values that survive a put and a get (uint64 max, datetimes with offsets and intervals, arrays,
 * embedded objects and arrays of them, empty versus NULL), context values (a site control file
 * {@code SessionHandle} changes what a put does), the mapping of errors to the cm4j exception tree, deadlines,
 * concurrent use of one transport, and close.
 *
 * <p><b>Skipped tests.</b> A test that needs a {@link Capability} the transport does not declare, a fault the
 * subclass cannot inject ({@link #openTransport(InjectedFault)}) or a view of the server's enumerators
 * ({@link #enumerationProbe(WmiTransport)}) is skipped, and the skip message says what is missing. Every test
 * has a deadline of 60 seconds, so a hanging transport fails rather than blocks the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class WmiTransportContractTest {
    /** Generous deadline of the calls that are expected to succeed. */
    private static final Duration SLOW_OK = Duration.ofSeconds(30);
    private static final CallOptions CALL = CallOptions.timeout(SLOW_OK);
    /** Rows the batch tests read: one more than a batch of 36, one less than a batch of 38. */
    private static final int ROWS = 37;
    /** The latency injected for the deadline tests, and the deadline that it must exceed. */
    private static final Duration LATENCY = Duration.ofMillis(1000);
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(50);

    private WmiTransport transport;
    private final List<ThrowingCallable> cleanups = new ArrayList<>();
    private List<Long> updateIds;

    // ------------------------------------------------------------------------------- what subclasses supply

    /**
     * Opens a connection to the target. Called before every test (the concurrency and lifecycle tests open more
     * than one); the kit closes what it opens.
     *
     * @return an open transport to the SMS Provider {@link #fixture()} describes
     */
    protected abstract WmiTransport openTransport();

    /** @return the namespace and site code of the target */
    protected abstract ContractFixture fixture();

    /**
     * Opens a connection to a target that shows a fault, serving the same {@link #fixture()}. Override it when
     * the target can misbehave on request (the simulator's {@code Faults}, a loopback server backed by it).
     *
     * @param fault the misbehaviour wanted
     * @return a transport to a target showing that fault, or empty when it cannot be injected (the tests that
     *     need it are skipped)
     */
    protected Optional<WmiTransport> openTransport(InjectedFault fault) {
        return Optional.empty();
    }

    /**
     * A view of the server side of a transport's enumerations. Override it when the target can count them.
     *
     * @param transport a transport opened by this class
     * @return the probe, or empty (the tests of batches and enumerator release are skipped)
     */
    protected Optional<EnumerationProbe> enumerationProbe(WmiTransport transport) {
        return Optional.empty();
    }

    /** @return the number of threads of the concurrency test (8 unless overridden) */
    protected int concurrency() {
        return 8;
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    @BeforeEach
    final void openTheTransportUnderTest() {
        transport = openTransport();
        assertThat(transport).as("openTransport() of %s", getClass().getSimpleName()).isNotNull();
    }

    @AfterEach
    final void cleanUpAndClose() {
        try {
            List<ThrowingCallable> reversed = new ArrayList<>(cleanups);
            Collections.reverse(reversed);
            for (ThrowingCallable c : reversed) {
                try {
                    c.call();
                } catch (Throwable ignored) {
                    // best effort: a failed test may have left nothing to clean up
                }
            }
        } finally {
            cleanups.clear();
            if (transport != null) { // null when openTransport() failed or skipped the test
                transport.close();
                transport = null;
            }
        }
    }

    /** @return the transport of the running test */
    protected final WmiTransport transport() {
        return transport;
    }

    // ===================================================================================================

    @Nested
    @DisplayName("query")
    class Queries {

        @Test
        void returnsInstancesOfTheQueriedClassWithItsProperties() {
            List<WmiObject> sites = query("SELECT * FROM SMS_Site");
            assertThat(sites).isNotEmpty().allSatisfy(s -> assertThat(s.className()).isEqualToIgnoringCase("SMS_Site"));
            WmiObject own = sites.stream().filter(s -> fixture().siteCode().equalsIgnoreCase(s.getString("SiteCode")))
                    .findFirst().orElseThrow(() -> new AssertionError("no SMS_Site row for site " + fixture().siteCode()
                            + " among " + sites));
            assertThat(own.propertyNames()).as("properties of SMS_Site")
                    .containsAll(propertyNames(schemaClass("SMS_Site")));
            assertThat(own.getString("SiteName")).isNotBlank();
        }

        @Test
        void givesTheSameResultsWhateverTheBatchSize() {
            List<Long> expected = firstUpdateIds(ROWS);
            String wql = "SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID <= " + expected.get(ROWS - 1);
            for (int batch : new int[] {1, 2, ROWS - 1, ROWS, ROWS + 1, 100, 100_000}) {
                List<WmiObject> rows = query(wql, options(batch), WmiContext.empty());
                assertThat(rows).as("CI_IDs read in batches of %d", batch).extracting(r -> r.getLong("CI_ID"))
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(rows).as("selected property ArticleID, batches of %d", batch)
                        .allSatisfy(r -> assertThat(r.getString("ArticleID")).isNotBlank());
            }
        }

        @Test
        void leavesLazyPropertiesNullInResults() {
            List<String> lazy = schemaClass("SMS_SoftwareUpdate").lazyProperties().stream()
                    .map(PropertyDefinition::name).toList();
            assertThat(lazy).contains("LocalizedInformation", "SDMPackageXML");
            List<WmiObject> rows = query("SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID <= " + firstUpdateIds(ROWS).get(ROWS - 1));
            assertThat(rows).hasSize(ROWS).allSatisfy(r -> {
                for (String p : lazy) {
                    assertThat(!r.has(p) || r.isNull(p)).as("lazy %s of %s is NULL in a query result", p, r).isTrue();
                }
                assertThat(r.getString("ArticleID")).as("non-lazy ArticleID").isNotNull();
            });
        }

        @Test
        void runsEnumerationsForwardOnlyAndIndependently() {
            List<Long> expected = firstUpdateIds(ROWS);
            String wql = "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE CI_ID <= " + expected.get(ROWS - 1);
            try (Stream<WmiObject> a = transport.query(ns(), wql, options(5), WmiContext.empty());
                 Stream<WmiObject> b = transport.query(ns(), wql, options(5), WmiContext.empty())) {
                Iterator<WmiObject> ia = a.iterator();
                Iterator<WmiObject> ib = b.iterator();
                List<Long> firstOfA = ids(take(ia, 10));
                List<Long> firstOfB = ids(take(ib, 10));
                assertThat(firstOfB).as("a second enumeration of the same query starts from the beginning")
                        .isEqualTo(firstOfA);
                List<Long> restOfA = ids(take(ia, Integer.MAX_VALUE));
                assertThat(restOfA).as("the first enumeration goes on where it was").hasSize(ROWS - 10)
                        .doesNotContainAnyElementsOf(firstOfA);
                List<Long> all = new ArrayList<>(firstOfA);
                all.addAll(restOfA);
                assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(ids(take(ib, Integer.MAX_VALUE))).as("the second enumeration is not disturbed by the first")
                        .hasSize(ROWS - 10);
            }
        }

        @Test
        void staysUsableAfterManyEnumerationsClosedEarly() {
            Optional<EnumerationProbe> probe = enumerationProbe(transport);
            int openBefore = probe.map(EnumerationProbe::openEnumerators).orElse(0);
            for (int i = 0; i < 300; i++) {
                try (Stream<WmiObject> s = transport.query(ns(), "SELECT * FROM SMS_SoftwareUpdate", options(10), WmiContext.empty())) {
                    assertThat(s.iterator().next().className()).isEqualToIgnoringCase("SMS_SoftwareUpdate");
                }
            }
            assertThat(query("SELECT * FROM SMS_Site")).isNotEmpty();
            probe.ifPresent(p -> assertThat(p.openEnumerators()).as("enumerators open after 300 early closes")
                    .isEqualTo(openBefore));
        }

        @Test
        void releasesTheEnumeratorWhenClosedEarlyAndFetchesInBatches() {
            EnumerationProbe probe = probe(transport);
            int openBefore = probe.openEnumerators();
            long sentBefore = probe.objectsSent();
            try (Stream<WmiObject> s = transport.query(ns(), "SELECT * FROM SMS_SoftwareUpdate", options(10), WmiContext.empty())) {
                assertThat(take(s.iterator(), 3)).hasSize(3);
                assertThat(probe.openEnumerators()).as("enumerators open while reading").isEqualTo(openBefore + 1);
                assertThat(probe.objectsSent() - sentBefore)
                        .as("objects fetched for 3 read in batches of 10 (streamed, not fetched all at once)")
                        .isBetween(3L, 20L);
            }
            assertThat(probe.openEnumerators()).as("enumerators open after close").isEqualTo(openBefore);
        }

        @Test
        void releasesTheEnumeratorWhenReadToTheEnd() {
            EnumerationProbe probe = probe(transport);
            int openBefore = probe.openEnumerators();
            String wql = "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE CI_ID <= " + firstUpdateIds(ROWS).get(ROWS - 1);
            Stream<WmiObject> s = transport.query(ns(), wql, options(5), WmiContext.empty());
            try {
                assertThat(s.toList()).hasSize(ROWS);
                assertThat(probe.openEnumerators()).as("enumerators open after the last object, before close")
                        .isEqualTo(openBefore);
            } finally {
                s.close();
            }
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("get")
    class Gets {

        @Test
        void fillsTheLazyPropertiesAQueryLeavesNull() {
            long id = firstUpdateIds(ROWS).get(ROWS / 2);
            WmiObject queried = single("SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID = " + id);
            WmiObject got = transport.get(ns(), ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=" + id), CALL, WmiContext.empty());
            assertThat(got.className()).isEqualToIgnoringCase("SMS_SoftwareUpdate");
            assertThat(got.get("LocalizedInformation")).as("lazy LocalizedInformation of a get").isPresent()
                    .hasValueSatisfying(v -> assertThat(v.asObjectList()).isNotEmpty());
            assertThat(got.getString("SDMPackageXML")).as("lazy SDMPackageXML of a get").isNotBlank();
            for (PropertyDefinition p : schemaClass("SMS_SoftwareUpdate").properties()) {
                if (!p.isLazy() && got.has(p.name()) && queried.has(p.name())) {
                    assertThat(got.get(p.name())).as("%s: get and query agree", p.name()).isEqualTo(queried.get(p.name()));
                }
            }
        }

        @Test
        void findsInstancesByStringIntegerUnnamedAndCompoundKeys() {
            String site = fixture().siteCode();
            assertThat(transport.get(ns(), ObjectPath.of("SMS_Site", Map.of("SiteCode", site)), CALL, WmiContext.empty())
                    .getString("SiteCode")).isEqualToIgnoringCase(site);
            long id = firstUpdateIds(1).get(0);
            assertThat(transport.get(ns(), ObjectPath.parse("SMS_SoftwareUpdate=" + id), CALL, WmiContext.empty())
                    .getLong("CI_ID")).as("unnamed key").isEqualTo(id);
            WmiObject sync = syncManager(WmiContext.empty());
            WmiObject got = transport.get(ns(), sync.path(), CALL, WmiContext.empty());
            assertThat(got.getString("ItemName")).as("four keys, one with '|' and spaces").isEqualTo(sync.getString("ItemName"));
            assertThat(got.get("Props")).isEqualTo(sync.get("Props"));
        }

        @Test
        void failsWithNotFoundForAMissingInstance() {
            ObjectPath missing = ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=" + missingUpdateId());
            WmiException e = expectWmiError(() -> transport.get(ns(), missing, CALL, WmiContext.empty()),
                    Operation.GET, WbemStatus.WBEM_E_NOT_FOUND);
            assertThat(e.hresult()).isEqualTo(0x80041002);
            assertThat(e.statusName()).isEqualTo("WBEM_E_NOT_FOUND");
            assertThat(e.getMessage()).contains("SMS_SoftwareUpdate");
        }

        @Test
        void failsWithInvalidObjectPathWhenThePathDoesNotGiveTheKeys() {
            expectWmiError(() -> transport.get(ns(), ObjectPath.parse("SMS_SoftwareUpdate.ArticleID=\"5034441\""), CALL,
                    WmiContext.empty()), Operation.GET, WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
        }

        @Test
        void failsForAnUnknownClass() {
            // WMI answers an unknown class with WBEM_E_INVALID_CLASS or, for some paths, WBEM_E_NOT_FOUND
            expectWmiError(() -> transport.get(ns(), ObjectPath.parse("CM4J_NoSuchClass.Id=1"), CALL, WmiContext.empty()),
                    Operation.GET, WbemStatus.WBEM_E_INVALID_CLASS, WbemStatus.WBEM_E_NOT_FOUND);
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("getClass")
    class ClassDefinitions {

        @BeforeEach
        void requireClassDefinitions() {
            requireCapability(Capability.CLASS_DEFINITIONS);
        }

        @Test
        void givesThePropertiesKeysLazinessAndMethodsOfTheSchema() {
            for (String name : List.of("SMS_SoftwareUpdate", "SMS_SCI_Component", "SMS_SiteControlFile")) {
                WmiClass expected = schemaClass(name);
                WmiClass actual = transport.getClass(ns(), name.toLowerCase(Locale.ROOT), CALL, WmiContext.empty());
                assertThat(actual.name()).isEqualToIgnoringCase(name);
                for (PropertyDefinition p : expected.properties()) {
                    PropertyDefinition a = actual.property(p.name()).orElseThrow(
                            () -> new AssertionError(name + " from getClass lacks property " + p.name()));
                    assertThat(a.type()).as("%s.%s type", name, p.name()).isEqualTo(p.type());
                    assertThat(a.isKey()).as("%s.%s key", name, p.name()).isEqualTo(p.isKey());
                    assertThat(a.isLazy()).as("%s.%s lazy", name, p.name()).isEqualTo(p.isLazy());
                    if (p.referencedClass().isPresent()) {
                        assertThat(a.referencedClass()).as("%s.%s embedded class", name, p.name())
                                .hasValueSatisfying(c -> assertThat(c).isEqualToIgnoringCase(p.referencedClass().get()));
                    }
                }
                for (MethodDefinition m : expected.methods()) {
                    MethodDefinition a = actual.method(m.name()).orElseThrow(
                            () -> new AssertionError(name + " from getClass lacks method " + m.name()));
                    assertThat(a.isStatic()).as("%s.%s static", name, m.name()).isEqualTo(m.isStatic());
                    assertThat(signature(a.inParameters())).as("%s.%s in", name, m.name()).isEqualTo(signature(m.inParameters()));
                    assertThat(signature(a.outParameters())).as("%s.%s out", name, m.name()).isEqualTo(signature(m.outParameters()));
                }
            }
        }

        @Test
        void failsForAnUnknownClass() {
            expectWmiError(() -> transport.getClass(ns(), "CM4J_NoSuchClass", CALL, WmiContext.empty()),
                    Operation.GET_CLASS, WbemStatus.WBEM_E_INVALID_CLASS, WbemStatus.WBEM_E_NOT_FOUND);
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("put and delete")
    class PutsAndDeletes {

        @Test
        void createOnlyCreatesAndRefusesAnExistingInstance() {
            WmiObject pkg = TestData.updatesPackage(fixture().siteCode(), "CM4J create-only").set("Priority", 2L).build();
            ObjectPath path = created(put(pkg, PutMode.CREATE_ONLY, WmiContext.empty()));
            assertThat(path.className()).isEqualToIgnoringCase("SMS_SoftwareUpdatesPackage");
            assertThat(path.key("PackageID")).as("the path put returns").hasValue(pkg.getString("PackageID"));
            WmiObject stored = get(path);
            assertThat(stored.getString("Name")).isEqualTo("CM4J create-only");
            assertThat(stored.getLong("Priority")).isEqualTo(2L);

            expectWmiError(() -> put(pkg.with("Name", "CM4J overwritten"), PutMode.CREATE_ONLY, WmiContext.empty()),
                    Operation.PUT, WbemStatus.WBEM_E_ALREADY_EXISTS);
            assertThat(get(path).getString("Name")).as("unchanged by the refused put").isEqualTo("CM4J create-only");
        }

        @Test
        void updateOnlyChangesAnExistingInstanceAndRefusesAMissingOne() {
            WmiObject ghost = TestData.updatesPackage(fixture().siteCode(), "CM4J ghost").build();
            expectWmiError(() -> put(ghost, PutMode.UPDATE_ONLY, WmiContext.empty()), Operation.PUT, WbemStatus.WBEM_E_NOT_FOUND);
            expectWmiError(() -> get(ghost.path()), Operation.GET, WbemStatus.WBEM_E_NOT_FOUND);

            ObjectPath path = created(put(ghost, PutMode.CREATE_OR_UPDATE, WmiContext.empty()));
            put(ghost.with("Name", "CM4J renamed"), PutMode.UPDATE_ONLY, WmiContext.empty());
            assertThat(get(path).getString("Name")).isEqualTo("CM4J renamed");
            put(ghost.with("Name", "CM4J renamed again"), PutMode.CREATE_OR_UPDATE, WmiContext.empty());
            assertThat(get(path).getString("Name")).isEqualTo("CM4J renamed again");
        }

        @Test
        void aPartialPutWritesExplicitNullsAndLeavesDefaultedPropertiesAlone() {
            requireCapability(Capability.PARTIAL_PUT);
            WmiObject full = TestData.updatesPackage(fixture().siteCode(), "CM4J partial").set("Description", "kept")
                    .set("Manufacturer", "Contoso").build();
            ObjectPath path = created(put(full, PutMode.CREATE_ONLY, WmiContext.empty()));

            // only the key and Name set; every other property left in the default state
            WmiObject rename = WmiObject.builder(full.wmiClass()).set("PackageID", full.getString("PackageID"))
                    .set("Name", "CM4J partial, renamed").build();
            put(rename, PutMode.UPDATE_ONLY, WmiContext.empty());
            WmiObject afterRename = get(path);
            assertThat(afterRename.getString("Name")).isEqualTo("CM4J partial, renamed");
            assertThat(afterRename.getString("Description")).as("defaulted: left alone").isEqualTo("kept");
            assertThat(afterRename.getString("PkgSourcePath")).as("defaulted: left alone").isEqualTo(full.getString("PkgSourcePath"));

            WmiObject clear = WmiObject.builder(full.wmiClass()).set("PackageID", full.getString("PackageID"))
                    .setNull("Description", CimType.STRING).build();
            put(clear, PutMode.UPDATE_ONLY, WmiContext.empty());
            WmiObject afterClear = get(path);
            assertThat(afterClear.isNull("Description")).as("an explicit NULL is written").isTrue();
            assertThat(afterClear.getString("Manufacturer")).as("defaulted: left alone").isEqualTo("Contoso");
        }

        @Test
        void aPartialPutContextWritesOnlyTheNamedPropertiesAndLeavesTheOthersAlone() {
            requireCapability(Capability.PARTIAL_PUT);
            WmiObject full = TestData.updatesPackage(fixture().siteCode(), "CM4J partial context").set("Description", "kept")
                    .set("Manufacturer", "Contoso").build();
            ObjectPath path = created(put(full, PutMode.CREATE_ONLY, WmiContext.empty()));

            // A whole object with two changes, only one of which the context names (WMI "Updating Part of an
            // Instance": __PUT_EXTENSIONS with __PUT_EXT_PROPERTIES).
            WmiObject both = full.with("Name", "CM4J partial context, renamed").with("Description", null);
            WmiContext partial = WmiContext.empty().with("__PUT_EXTENSIONS", CimValue.bool(true))
                    .with("__PUT_EXT_CLIENT_REQUEST", CimValue.bool(true))
                    .with("__PUT_EXT_PROPERTIES", CimValue.stringArray(java.util.List.of("PackageID", "Name")));
            put(both, PutMode.UPDATE_ONLY, partial);
            WmiObject after = get(path);
            assertThat(after.getString("Name")).isEqualTo("CM4J partial context, renamed");
            assertThat(after.getString("Description")).as("not named in __PUT_EXT_PROPERTIES: left alone").isEqualTo("kept");
            assertThat(after.getString("Manufacturer")).isEqualTo("Contoso");
        }

        @Test
        void deleteRemovesTheInstanceAndFailsWithNotFoundTheSecondTime() {
            WmiObject pkg = TestData.updatesPackage(fixture().siteCode(), "CM4J delete").build();
            ObjectPath path = created(put(pkg, PutMode.CREATE_ONLY, WmiContext.empty()));
            transport.delete(ns(), path, CALL, WmiContext.empty());
            expectWmiError(() -> get(path), Operation.GET, WbemStatus.WBEM_E_NOT_FOUND);
            assertThat(query("SELECT PackageID FROM SMS_SoftwareUpdatesPackage WHERE PackageID = '"
                    + pkg.getString("PackageID") + "'")).isEmpty();
            expectWmiError(() -> transport.delete(ns(), path, CALL, WmiContext.empty()), Operation.DELETE,
                    WbemStatus.WBEM_E_NOT_FOUND);
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("invoke")
    class Methods {

        @Test
        void aStaticMethodReturnsReturnValueAndOutParameters() {
            WmiObject out = invoke(ObjectPath.ofClass("SMS_SiteControlFile"), "GetSessionHandle", Map.of(), WmiContext.empty());
            String handle = out.getString("SessionHandle");
            if (handle != null) {
                cleanups.add(() -> releaseSessionHandle(handle));
            }
            assertThat(out.className()).isEqualToIgnoringCase(MethodDefinition.PARAMETERS_CLASS);
            assertThat(out.get(MethodDefinition.RETURN_VALUE)).as("ReturnValue")
                    .hasValueSatisfying(v -> assertThat(v.type()).isEqualTo(CimType.SINT32))
                    .hasValueSatisfying(v -> assertThat(v.asLong()).isZero());
            assertThat(handle).as("out-parameter SessionHandle").isNotBlank();
        }

        @Test
        void aStaticMethodReceivesItsInParameters() {
            String handle = newSessionHandle();
            WmiObject out = invoke(ObjectPath.ofClass("SMS_SiteControlFile"), "ReleaseSessionHandle",
                    Map.of("SessionHandle", handle), WmiContext.empty());
            assertThat(out.getLong(MethodDefinition.RETURN_VALUE)).isZero();
            assertThat(catchThrowable(() -> invoke(ObjectPath.ofClass("SMS_SiteControlFile"), "ReleaseSessionHandle",
                    Map.of("SessionHandle", handle), WmiContext.empty())))
                    .as("releasing the handle a second time fails: the in-parameter reached the provider")
                    .isInstanceOf(WmiException.class);
        }

        @Test
        void anInstanceMethodReturnsItsOutParameters() {
            Optional<WmiObject> withTerms;
            try (Stream<WmiObject> s = transport.query(ns(), "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE EULAExists = 1",
                    options(1), WmiContext.empty())) {
                withTerms = s.findFirst();
            }
            Assumptions.assumeTrue(withTerms.isPresent(), "the target has no software update with license terms");
            WmiObject out = invoke(withTerms.get().path(), "GetEULA", Map.of(), WmiContext.empty());
            assertThat(out.getLong(MethodDefinition.RETURN_VALUE)).isZero();
            assertThat(out.getString("EULA")).as("out-parameter EULA").isNotBlank();
        }

        @Test
        void anUnknownMethodFailsWithInvalidMethod() {
            expectWmiError(() -> transport.invoke(ns(), ObjectPath.ofClass("SMS_SiteControlFile"), "CM4J_NoSuchMethod",
                    null, CALL, WmiContext.empty()), Operation.INVOKE, WbemStatus.WBEM_E_INVALID_METHOD);
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("CIM values through put and get")
    class CimValues {

        @Test
        void uint64MaxIntegerArraysStringsAndEmbeddedObjectsSurvive() {
            long ciId = TestData.randomCiId();
            WmiObject group = TestData.updateGroup(ciId)
                    .set("ConfigurationFlags", CimValue.uint64(UINT64_MAX))
                    .set("Updates", List.of(0L, 1L, 16_777_216L, UINT32_MAX))
                    .set("CategoryInstance_UniqueIDs", AWKWARD_STRINGS)
                    .set("LocalizedInformation", CimValue.objectArray(List.of(
                            TestData.localizedProperties(1033, "CM4J Patch Tuesday", "", null),
                            TestData.localizedProperties(1031, "CM4J Patchdienstag", "Größe", "https://example.com/?a=1&b='2'"))))
                    .build();
            ObjectPath path = created(put(group, PutMode.CREATE_ONLY, WmiContext.empty()));
            WmiObject got = get(path);

            assertThat(got.get("ConfigurationFlags")).as("uint64 max").hasValueSatisfying(v -> {
                assertThat(v.type()).isEqualTo(CimType.UINT64);
                assertThat(v.asBigInteger()).isEqualTo(UINT64_MAX);
            });
            assertThat(got.get("Updates")).as("lazy uint32[] with 0 and uint32 max").hasValueSatisfying(v -> {
                assertThat(v.type()).isEqualTo(CimType.UINT32_ARRAY);
                assertThat(v.asList()).isEqualTo(List.of(0L, 1L, 16_777_216L, UINT32_MAX));
            });
            assertThat(got.get("CategoryInstance_UniqueIDs")).as("string[]")
                    .hasValueSatisfying(v -> assertThat(v.asStringList()).containsExactlyElementsOf(AWKWARD_STRINGS));
            List<WmiObject> info = got.get("LocalizedInformation").orElseThrow().asObjectList();
            assertThat(info).as("embedded objects").hasSize(2);
            assertThat(info).allSatisfy(o -> assertThat(o.className()).isEqualToIgnoringCase("SMS_CI_LocalizedProperties"));
            assertThat(info.get(0).getLong("LocaleID")).isEqualTo(1033L);
            assertThat(info.get(0).getString("Description")).as("empty string").isEmpty();
            assertThat(info.get(0).isNull("InformativeURL")).as("NULL in an embedded object").isTrue();
            assertThat(info.get(1).getString("Description")).isEqualTo("Größe");
            assertThat(info.get(1).getString("InformativeURL")).isEqualTo("https://example.com/?a=1&b='2'");

            WmiObject queried = single("SELECT * FROM SMS_AuthorizationList WHERE CI_ID = " + ciId);
            assertThat(queried.get("ConfigurationFlags").map(CimValue::asBigInteger)).hasValue(UINT64_MAX);
            assertThat(queried.isNull("Updates")).as("lazy Updates in a query result").isTrue();
            assertThat(queried.isNull("LocalizedInformation")).as("lazy LocalizedInformation in a query result").isTrue();
        }

        @Test
        void datetimesKeepTheirInstantAndIntervalsAndWildcardsTheirText() {
            long id = TestData.randomCiId();
            ObjectPath path = null;
            for (int i = 0; i < DATETIMES.size(); i += 2) {
                CimDateTime created = DATETIMES.get(i);
                CimDateTime modified = DATETIMES.get(i + 1);
                WmiObject source = TestData.updateSource(fixture().siteCode(), id).set("DateCreated", created)
                        .set("DateModified", modified).build();
                path = put(source, PutMode.CREATE_OR_UPDATE, WmiContext.empty());
                if (i == 0) {
                    created(path);
                }
                WmiObject got = get(path);
                assertSameDateTime(got, "DateCreated", created);
                assertSameDateTime(got, "DateModified", modified);
            }
        }

        @Test
        void byteArraysEmptyValuesAndNullsStayApart() {
            List<Integer> everyByte = new ArrayList<>();
            for (int b = 0; b < 256; b++) {
                everyByte.add(b);
            }
            WmiObject pkg = TestData.updatesPackage(fixture().siteCode(), "CM4J bytes")
                    .set("Icon", everyByte).set("Description", "").setNull("Manufacturer", CimType.STRING).build();
            WmiObject empty = TestData.updatesPackage(fixture().siteCode(), "CM4J empty icon").set("Icon", List.of()).build();
            WmiObject got = get(created(put(pkg, PutMode.CREATE_ONLY, WmiContext.empty())));
            assertThat(got.get("Icon")).as("uint8[] with every byte value").hasValueSatisfying(v -> {
                assertThat(v.type()).isEqualTo(CimType.UINT8_ARRAY);
                assertThat(v.asList().stream().map(n -> ((Number) n).intValue()).toList()).isEqualTo(everyByte);
            });
            assertThat(got.getString("Description")).as("empty string, not NULL").isEqualTo("");
            assertThat(got.isNull("Manufacturer")).as("explicit NULL").isTrue();
            WmiObject gotEmpty = get(created(put(empty, PutMode.CREATE_ONLY, WmiContext.empty())));
            assertThat(gotEmpty.get("Icon")).as("empty array, not NULL")
                    .hasValueSatisfying(v -> assertThat(v.asList()).isEmpty());
        }

        @Test
        void embeddedPropertiesAndPropertyListsOfASiteControlItemSurvive() {
            String name = "CM4J_TESTKIT_" + TestData.randomHex(6);
            List<WmiObject> props = List.of(
                    TestData.embeddedProperty("CM4J Number", UINT32_MAX, "", null),
                    TestData.embeddedProperty("CM4J Text", 0L, "C:\\Program Files\\Update Services", "a|b;c \"d\""));
            List<WmiObject> lists = List.of(
                    TestData.embeddedPropertyList("CM4J List", List.of("one", "", "trois")),
                    TestData.embeddedPropertyList("CM4J Empty List", List.of()));
            WmiObject item = TestData.component(fixture().siteCode(), name).set("Props", CimValue.objectArray(props))
                    .set("PropLists", CimValue.objectArray(lists)).build();
            WmiObject got = get(created(put(item, PutMode.CREATE_ONLY, WmiContext.empty())));

            Map<String, WmiObject> gotProps = byName(got.get("Props").orElseThrow().asObjectList(), "PropertyName");
            assertThat(gotProps).containsOnlyKeys("CM4J Number", "CM4J Text");
            assertThat(gotProps.values()).allSatisfy(p -> assertThat(p.className()).isEqualToIgnoringCase("SMS_EmbeddedProperty"));
            assertThat(gotProps.get("CM4J Number").getLong("Value")).isEqualTo(UINT32_MAX);
            assertThat(gotProps.get("CM4J Number").getString("Value1")).isEmpty();
            assertThat(gotProps.get("CM4J Number").isNull("Value2")).isTrue();
            assertThat(gotProps.get("CM4J Text").getLong("Value")).isZero();
            assertThat(gotProps.get("CM4J Text").getString("Value1")).isEqualTo("C:\\Program Files\\Update Services");
            assertThat(gotProps.get("CM4J Text").getString("Value2")).isEqualTo("a|b;c \"d\"");

            Map<String, WmiObject> gotLists = byName(got.get("PropLists").orElseThrow().asObjectList(), "PropertyListName");
            assertThat(gotLists.get("CM4J List").get("Values").orElseThrow().asStringList()).containsExactly("one", "", "trois");
            assertThat(gotLists.get("CM4J Empty List").get("Values")).as("an empty string[] in an embedded object")
                    .hasValueSatisfying(v -> assertThat(v.asList()).isEmpty());
        }

        @Test
        void arraysInsideArraysOfEmbeddedObjectsSurvive() {
            List<WmiObject> week = new ArrayList<>();
            for (int day = 0; day < 7; day++) {
                week.add(TestData.daySchedule(day));
            }
            WmiObject address = TestData.address(fixture().siteCode(), "CM4J_TESTKIT_" + TestData.randomHex(6), week).build();
            WmiObject got = get(created(put(address, PutMode.CREATE_ONLY, WmiContext.empty())));
            List<WmiObject> schedule = got.get("UsageSchedule").orElseThrow().asObjectList();
            assertThat(schedule).hasSize(7);
            for (int day = 0; day < 7; day++) {
                WmiObject expected = week.get(day);
                WmiObject actual = schedule.get(day);
                assertThat(actual.className()).isEqualToIgnoringCase("SMS_SiteControlDaySchedule");
                assertThat(actual.get("Backup")).as("boolean[24] of day %d", day).isEqualTo(expected.get("Backup"));
                assertThat(actual.get("HourUsage")).as("uint32[24] of day %d", day).isEqualTo(expected.get("HourUsage"));
                assertThat(actual.getBoolean("update")).as("update of day %d", day).isEqualTo(expected.getBoolean("update"));
            }
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("context values (site control file sessions)")
    class ContextValues {

        @BeforeEach
        void requireContext() {
            requireCapability(Capability.CONTEXT);
        }

        @Test
        void aPutWithASessionHandleIsSeenOnlyInThatSession() {
            WmiContext session = openSession();
            WmiObject global = syncManager(WmiContext.empty());
            WmiObject before = syncManager(session);
            List<WmiObject> props = new ArrayList<>(before.get("Props").orElseThrow().asObjectList());
            assertThat(props).as("embedded properties of SMS_WSUS_SYNC_MANAGER").isNotEmpty();
            WmiObject first = props.get(0);
            long changed = (first.isNull("Value") ? 0 : first.getLong("Value")) + 1;
            props.set(0, first.with("Value", changed));
            put(before.with("Props", CimValue.objectArray(props)), PutMode.UPDATE_ONLY, session);

            String name = first.getString("PropertyName");
            assertThat(propValue(syncManager(session), name)).as("the session's query sees its edit").isEqualTo(changed);
            assertThat(propValue(transport.get(ns(), before.path(), CALL, session), name)).as("the session's get sees its edit")
                    .isEqualTo(changed);
            assertThat(syncManager(WmiContext.empty()).get("Props")).as("the global copy does not").isEqualTo(global.get("Props"));
            assertThat(transport.get(ns(), before.path(), CALL, WmiContext.empty()).get("Props"))
                    .as("nor does a get without the handle").isEqualTo(global.get("Props"));
        }

        @Test
        void aCommittedSessionMakesItsNewItemGlobal() {
            WmiContext session = openSession();
            String name = "CM4J_TESTKIT_" + TestData.randomHex(6);
            WmiObject item = TestData.component(fixture().siteCode(), name).set("Props", CimValue.objectArray(
                    List.of(TestData.embeddedProperty("CM4J Session", 1L, null, null)))).build();
            ObjectPath path = created(put(item, PutMode.CREATE_ONLY, session));
            String wql = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = '" + name + "'";
            assertThat(query(wql, options(10), session)).as("in the session before the commit").hasSize(1);
            assertThat(query(wql)).as("globally before the commit").isEmpty();

            WmiObject out = invoke(ObjectPath.ofClass("SMS_SiteControlFile"), "CommitSCF",
                    Map.of("SiteCode", fixture().siteCode()), session);
            assertThat(out.getLong(MethodDefinition.RETURN_VALUE)).isZero();
            assertThat(query(wql)).as("globally after the commit").singleElement()
                    .satisfies(o -> assertThat(o.path()).isEqualTo(path));
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("errors")
    class Errors {

        @Test
        void aMalformedQueryFailsWithInvalidQuery() {
            expectWmiError(() -> queryAndRead("SELEC * FRM SMS_Site"), Operation.QUERY, WbemStatus.WBEM_E_INVALID_QUERY);
        }

        @Test
        void aQueryOfAnUnknownClassFailsWithInvalidClass() {
            expectWmiError(() -> queryAndRead("SELECT * FROM CM4J_NoSuchClass"), Operation.QUERY, WbemStatus.WBEM_E_INVALID_CLASS);
        }

        @Test
        void anUnknownNamespaceFailsWithInvalidNamespace() {
            String nowhere = "root\\sms\\site_Z" + TestData.randomHex(2);
            expectWmiError(() -> {
                try (Stream<WmiObject> s = transport.query(nowhere, "SELECT * FROM SMS_Site", options(10), WmiContext.empty())) {
                    s.findFirst();
                }
            }, Operation.QUERY, WbemStatus.WBEM_E_INVALID_NAMESPACE);
            expectWmiError(() -> transport.get(nowhere, ObjectPath.of("SMS_Site", Map.of("SiteCode", fixture().siteCode())),
                    CALL, WmiContext.empty()), Operation.GET, WbemStatus.WBEM_E_INVALID_NAMESPACE);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Operation.class)
        void aWbemErrorOfTheProviderIsAWmiExceptionWithThatStatus(Operation operation) {
            // a spread of codes: a common one, a busy server, and the site control file conflict (0x8004106D)
            WbemStatus status = switch (operation) {
                case QUERY, DELETE -> WbemStatus.WBEM_E_SERVER_TOO_BUSY;
                case INVOKE -> WbemStatus.WBEM_E_RESERVED_001;
                default -> WbemStatus.WBEM_E_ACCESS_DENIED;
            };
            try (WmiTransport faulty = faultyTransport(InjectedFault.failAlways(operation, status))) {
                WmiException e = expectWmiError(() -> call(faulty, operation), operation, status);
                assertThat(e.hresult()).isEqualTo(status.code());
            }
        }

        @Test
        void aConnectionLostWhileReadingIsAConnectionException() {
            int drop = 25;
            try (WmiTransport faulty = faultyTransport(InjectedFault.dropEnumerationAfter(drop))) {
                Optional<EnumerationProbe> probe = enumerationProbe(faulty);
                int openBefore = probe.map(EnumerationProbe::openEnumerators).orElse(0);
                List<WmiObject> seen = new ArrayList<>();
                Throwable thrown;
                try (Stream<WmiObject> s = faulty.query(ns(), "SELECT CI_ID FROM SMS_SoftwareUpdate", options(1), WmiContext.empty())) {
                    thrown = catchThrowable(() -> s.forEach(seen::add));
                }
                assertThat(thrown).as("reading a query whose connection breaks after %d objects", drop)
                        .isInstanceOf(ConnectionException.class);
                assertThat(seen).as("objects read before the connection broke").hasSizeBetween(1, drop);
                probe.ifPresent(p -> assertThat(p.openEnumerators()).as("enumerators open after the failure")
                        .isEqualTo(openBefore));
            }
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("deadlines")
    class Deadlines {

        @Test
        void aCallThatOutlastsItsDeadlineFailsWithCallTimeoutException() {
            try (WmiTransport slow = faultyTransport(InjectedFault.latency(LATENCY))) {
                ObjectPath site = ObjectPath.of("SMS_Site", Map.of("SiteCode", fixture().siteCode()));
                long start = System.nanoTime();
                Throwable get = catchThrowable(() -> slow.get(ns(), site, CallOptions.timeout(SHORT_DEADLINE), WmiContext.empty()));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                assertThat(get).as("get with a %s deadline from a target taking %s per call", SHORT_DEADLINE, LATENCY)
                        .isInstanceOfSatisfying(CallTimeoutException.class, e -> {
                    assertThat(e.timeout()).isEqualTo(SHORT_DEADLINE);
                    assertThat(e.getMessage()).contains(Operation.GET.wbemMethod());
                });
                assertThat(elapsed).as("the deadline, not the %s latency, ended the call", LATENCY)
                        .isLessThan(LATENCY.dividedBy(2));

                Throwable query = catchThrowable(() -> {
                    try (Stream<WmiObject> s = slow.query(ns(), "SELECT * FROM SMS_Site",
                            new QueryOptions(10, SHORT_DEADLINE), WmiContext.empty())) {
                        s.toList();
                    }
                });
                assertThat(query).as("query with a %s deadline from a target taking %s per call", SHORT_DEADLINE, LATENCY)
                        .isInstanceOfSatisfying(CallTimeoutException.class,
                        e -> assertThat(e.timeout()).isEqualTo(SHORT_DEADLINE));
            }
        }

        @Test
        void aSlowCallWithinItsDeadlineSucceedsAfterEarlierTimeouts() {
            try (WmiTransport slow = faultyTransport(InjectedFault.latency(LATENCY))) {
                ObjectPath site = ObjectPath.of("SMS_Site", Map.of("SiteCode", fixture().siteCode()));
                assertThatThrownBy(() -> slow.get(ns(), site, CallOptions.timeout(SHORT_DEADLINE), WmiContext.empty()))
                        .isInstanceOf(CallTimeoutException.class);
                long start = System.nanoTime();
                WmiObject got = slow.get(ns(), site, CALL, WmiContext.empty());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the call was slow")
                        .isGreaterThanOrEqualTo(LATENCY.minusMillis(50));
                assertThat(got.getString("SiteCode")).isEqualToIgnoringCase(fixture().siteCode());
            }
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        @Test
        void threadsQueryingAndGettingOnOneTransportSeeWhatOneThreadSees() throws Exception {
            List<Long> expected = firstUpdateIds(ROWS);
            String wql = "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE CI_ID <= " + expected.get(ROWS - 1);
            Map<Long, WmiObject> serial = new LinkedHashMap<>();
            for (long id : expected.subList(0, 8)) {
                serial.put(id, get(ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=" + id)));
            }
            Optional<EnumerationProbe> probe = enumerationProbe(transport);
            int openBefore = probe.map(EnumerationProbe::openEnumerators).orElse(0);
            int threads = concurrency();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 10; i++) {
                            assertThat(ids(query(wql, options(3 + thread), WmiContext.empty())))
                                    .containsExactlyInAnyOrderElementsOf(expected);
                            long id = expected.get((thread + i) % 8);
                            assertThat(get(ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=" + id))).isEqualTo(serial.get(id));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    try {
                        f.get(50, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            probe.ifPresent(p -> assertThat(p.openEnumerators()).as("enumerators open after the threads").isEqualTo(openBefore));
        }
    }

    // ===================================================================================================

    @Nested
    @DisplayName("close")
    class Closing {

        @Test
        void closingTwiceIsHarmless() {
            WmiTransport other = openTransport();
            other.close();
            other.close();
            assertThat(query("SELECT * FROM SMS_Site")).as("another transport is not affected").isNotEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Operation.class)
        void everyCallAfterCloseFailsWithATransportExceptionSayingSo(Operation operation) {
            WmiTransport other = openTransport();
            other.close();
            assertThat(catchThrowable(() -> call(other, operation))).as("%s on a closed transport", operation)
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("closed");
        }
    }

    // ===================================================================================================
    // helpers

    private String ns() {
        return fixture().namespace();
    }

    private static QueryOptions options(int batchSize) {
        return new QueryOptions(batchSize, SLOW_OK);
    }

    private List<WmiObject> query(String wql) {
        return query(wql, options(100), WmiContext.empty());
    }

    private List<WmiObject> query(String wql, QueryOptions options, WmiContext context) {
        try (Stream<WmiObject> s = transport.query(ns(), wql, options, context)) {
            return s.toList();
        }
    }

    private void queryAndRead(String wql) {
        try (Stream<WmiObject> s = transport.query(ns(), wql, options(10), WmiContext.empty())) {
            s.findFirst();
        }
    }

    private WmiObject single(String wql) {
        List<WmiObject> rows = query(wql);
        assertThat(rows).as(wql).hasSize(1);
        return rows.get(0);
    }

    private WmiObject get(ObjectPath path) {
        return transport.get(ns(), path, CALL, WmiContext.empty());
    }

    private ObjectPath put(WmiObject instance, PutMode mode, WmiContext context) {
        return transport.put(ns(), instance, mode, CALL, context);
    }

    /** Remembers an instance to delete after the test. */
    private ObjectPath created(ObjectPath path) {
        cleanups.add(() -> transport.delete(ns(), path, CALL, WmiContext.empty()));
        return path;
    }

    private WmiObject invoke(ObjectPath target, String method, Map<String, Object> args, WmiContext context) {
        MethodDefinition m = schemaClass(target.className()).method(method).orElseThrow();
        WmiObject in = null;
        if (!args.isEmpty()) {
            WmiObject.Builder b = WmiObject.builder(m.inParametersClass());
            args.forEach(b::set);
            in = b.build();
        }
        return transport.invoke(ns(), target, method, in, CALL, context);
    }

    private String newSessionHandle() {
        WmiObject out = invoke(ObjectPath.ofClass("SMS_SiteControlFile"), "GetSessionHandle", Map.of(), WmiContext.empty());
        assertThat(out.getLong(MethodDefinition.RETURN_VALUE)).isZero();
        return out.getString("SessionHandle");
    }

    private void releaseSessionHandle(String handle) {
        invoke(ObjectPath.ofClass("SMS_SiteControlFile"), "ReleaseSessionHandle", Map.of("SessionHandle", handle),
                WmiContext.empty());
    }

    /** A site control file session on the fixture's site, released after the test without a commit. */
    private WmiContext openSession() {
        String handle = newSessionHandle();
        cleanups.add(() -> releaseSessionHandle(handle));
        WmiContext session = WmiContext.empty().with("LocaleID", "MS\\1033").with(WmiContext.SESSION_HANDLE, handle);
        WmiObject out = invoke(ObjectPath.ofClass("SMS_SiteControlFile"), "RefreshSCF",
                Map.of("SiteCode", fixture().siteCode()), session);
        assertThat(out.getLong(MethodDefinition.RETURN_VALUE)).as("RefreshSCF ReturnValue").isZero();
        return session;
    }

    private WmiObject syncManager(WmiContext context) {
        List<WmiObject> rows = query("SELECT * FROM SMS_SCI_Component WHERE FileType = 2 AND ComponentName = "
                + "'SMS_WSUS_SYNC_MANAGER' AND SiteCode = '" + fixture().siteCode() + "'", options(10), context);
        assertThat(rows).as("SMS_WSUS_SYNC_MANAGER in the site control file of %s", fixture().siteCode()).hasSize(1);
        return rows.get(0);
    }

    private static Long propValue(WmiObject component, String propertyName) {
        return byName(component.get("Props").orElseThrow().asObjectList(), "PropertyName").get(propertyName).getLong("Value");
    }

    private static Map<String, WmiObject> byName(List<WmiObject> objects, String nameProperty) {
        return objects.stream().collect(Collectors.toMap(o -> o.getString(nameProperty), o -> o, (a, b) -> a, LinkedHashMap::new));
    }

    /** @return the CI_IDs of the target's software updates, ascending (read once per test) */
    private List<Long> updateIds() {
        if (updateIds == null) {
            List<Long> ids = new ArrayList<>(ids(query("SELECT CI_ID FROM SMS_SoftwareUpdate", options(1000), WmiContext.empty())));
            Collections.sort(ids);
            updateIds = List.copyOf(ids);
        }
        return updateIds;
    }

    private List<Long> firstUpdateIds(int n) {
        List<Long> ids = updateIds();
        assertThat(ids).as("software updates of the target (the fixture needs at least %d)", n).hasSizeGreaterThanOrEqualTo(n);
        return ids.subList(0, n);
    }

    private long missingUpdateId() {
        List<Long> ids = updateIds();
        long candidate = 1;
        while (Collections.binarySearch(ids, candidate) >= 0) {
            candidate++;
        }
        return candidate;
    }

    private static List<Long> ids(List<WmiObject> rows) {
        return rows.stream().map(r -> r.getLong("CI_ID")).toList();
    }

    private static List<WmiObject> take(Iterator<WmiObject> it, int n) {
        List<WmiObject> out = new ArrayList<>();
        while (out.size() < n && it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    private static List<String> propertyNames(WmiClass c) {
        return c.properties().stream().map(PropertyDefinition::name).toList();
    }

    private static List<String> signature(List<ParameterDefinition> parameters) {
        return parameters.stream().map(p -> p.name().toLowerCase(Locale.ROOT) + ":" + p.type()).toList();
    }

    private static void assertSameDateTime(WmiObject o, String property, CimDateTime expected) {
        CimDateTime actual = o.get(property).orElseThrow(() -> new AssertionError(property + " is NULL after the put"))
                .asDateTime();
        if (expected.isInterval() || !expected.isComplete()) {
            assertThat(actual).as("%s: interval or wildcard %s", property, expected).isEqualTo(expected);
        } else {
            // a provider may store timestamps in UTC: the instant must survive, the offset need not
            assertThat(actual.isComplete()).as("%s: %s is complete", property, actual).isTrue();
            assertThat(actual.toInstant()).as("%s: instant of %s (got %s)", property, expected, actual)
                    .isEqualTo(expected.toInstant());
        }
    }

    private void requireCapability(Capability capability) {
        Assumptions.assumeTrue(transport.capabilities().contains(capability), () -> transport + " does not declare "
                + "Capability." + capability + "; the tests that need it are skipped");
    }

    private EnumerationProbe probe(WmiTransport t) {
        Optional<EnumerationProbe> probe = enumerationProbe(t);
        Assumptions.assumeTrue(probe.isPresent(), () -> getClass().getSimpleName() + " offers no EnumerationProbe "
                + "(override enumerationProbe(WmiTransport)); the enumerator tests are skipped");
        return probe.get();
    }

    private WmiTransport faultyTransport(InjectedFault fault) {
        Optional<WmiTransport> t = openTransport(fault);
        Assumptions.assumeTrue(t.isPresent(), () -> getClass().getSimpleName() + " cannot inject " + fault
                + " (override openTransport(InjectedFault)); the test is skipped");
        return t.get();
    }

    /** Makes one call of an operation with valid arguments on a transport. */
    private void call(WmiTransport t, Operation operation) {
        ObjectPath site = ObjectPath.of("SMS_Site", Map.of("SiteCode", fixture().siteCode()));
        switch (operation) {
            case QUERY -> {
                try (Stream<WmiObject> s = t.query(ns(), "SELECT * FROM SMS_Site", options(10), WmiContext.empty())) {
                    s.toList();
                }
            }
            case GET -> t.get(ns(), site, CALL, WmiContext.empty());
            case GET_CLASS -> t.getClass(ns(), "SMS_Site", CALL, WmiContext.empty());
            case PUT -> t.put(ns(), TestData.updatesPackage(fixture().siteCode(), "CM4J fault").build(),
                    PutMode.CREATE_ONLY, CALL, WmiContext.empty());
            case INVOKE -> t.invoke(ns(), ObjectPath.ofClass("SMS_SiteControlFile"), "GetSessionHandle", null, CALL,
                    WmiContext.empty());
            case DELETE -> t.delete(ns(), ObjectPath.of("SMS_SoftwareUpdatesPackage", Map.of("PackageID",
                    fixture().siteCode() + "T" + TestData.randomHex(4))), CALL, WmiContext.empty());
            default -> throw new IllegalArgumentException(operation.toString());
        }
    }

    /**
     * Asserts that a call fails with a {@link WmiException} of one of the statuses, naming the IWbemServices
     * method in {@link WmiException#operation()}.
     */
    private static WmiException expectWmiError(ThrowingCallable call, Operation operation, WbemStatus... accepted) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("%s should fail with %s", operation, List.of(accepted)).isInstanceOf(WmiException.class);
        WmiException e = (WmiException) thrown;
        assertThat(e.status()).as("status of: %s", e.getMessage()).isPresent();
        assertThat(List.of(accepted)).as("status of: %s", e.getMessage()).contains(e.status().get());
        assertThat(e.operation()).as("operation of: %s", e.getMessage()).startsWithIgnoringCase(operation.wbemMethod());
        return e;
    }
}
