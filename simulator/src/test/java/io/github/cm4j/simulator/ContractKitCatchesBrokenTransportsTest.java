package io.github.cm4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.EnumerationProbe;
import io.github.cm4j.testkit.InjectedFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract kit must be able to fail: each {@link Breakage} is a transport bug, planted in a decorator over
 * the memory transport, and the kit test that guards against it must fail on the broken transport while it
 * passes on the real one. The kit's tests run in a nested JUnit launcher, one selected test at a time.
 */
class ContractKitCatchesBrokenTransportsTest {
    private static final String KIT = "io.github.cm4j.testkit.WmiTransportContractTest$";
    private static final String OPERATION = "io.github.cm4j.testkit.Operation";

    /** A transport bug and the kit test that must catch it. */
    enum Breakage {
        IGNORES_CONTEXT("ContextValues", "aPutWithASessionHandleIsSeenOnlyInThatSession"),
        IGNORES_DEADLINES("Deadlines", "aCallThatOutlastsItsDeadlineFailsWithCallTimeoutException"),
        LEAKS_ENUMERATORS("Queries", "releasesTheEnumeratorWhenClosedEarlyAndFetchesInBatches"),
        FETCHES_ALL_RESULTS_AT_ONCE("Queries", "releasesTheEnumeratorWhenClosedEarlyAndFetchesInBatches"),
        TRUNCATES_UINT64("CimValues", "uint64MaxIntegerArraysStringsAndEmbeddedObjectsSurvive"),
        LEAVES_LAZY_PROPERTIES_NULL_IN_GET("Gets", "fillsTheLazyPropertiesAQueryLeavesNull"),
        TURNS_EMPTY_ARRAYS_INTO_NULL("CimValues", "byteArraysEmptyValuesAndNullsStayApart"),
        DROPS_DATETIME_OFFSETS("CimValues", "datetimesKeepTheirInstantAndIntervalsAndWildcardsTheirText"),
        HIDES_THE_WBEM_STATUS("Gets", "failsWithNotFoundForAMissingInstance"),
        IGNORES_THE_PUT_MODE("PutsAndDeletes", "createOnlyCreatesAndRefusesAnExistingInstance"),
        DROPS_IN_PARAMETERS("Methods", "aStaticMethodReceivesItsInParameters"),
        FAILS_ON_A_SECOND_CLOSE("Closing", "closingTwiceIsHarmless"),
        WORKS_AFTER_CLOSE("Closing", "everyCallAfterCloseFailsWithATransportExceptionSayingSo", OPERATION);

        final String nestedClass;
        final String method;
        final String parameterTypes;

        Breakage(String nestedClass, String method) {
            this(nestedClass, method, "");
        }

        Breakage(String nestedClass, String method, String parameterTypes) {
            this.nestedClass = KIT + nestedClass;
            this.method = method;
            this.parameterTypes = parameterTypes;
        }
    }

    /** The memory transport contract test run on a transport with the current breakage planted. */
    static class BrokenMemoryTransportContractTest extends MemoryTransportContractTest {
        static volatile Breakage breakage;

        @Override
        protected WmiTransport openTransport() {
            return new BrokenTransport(super.openTransport(), breakage);
        }

        @Override
        protected Optional<WmiTransport> openTransport(InjectedFault fault) {
            return super.openTransport(fault).map(t -> new BrokenTransport(t, breakage));
        }

        @Override
        protected Optional<EnumerationProbe> enumerationProbe(WmiTransport transport) {
            return super.enumerationProbe(((BrokenTransport) transport).delegate);
        }
    }

    /** The memory transport declaring no capability, with neither faults nor a probe on offer. */
    static class BareMemoryTransportContractTest extends MemoryTransportContractTest {
        @Override
        protected WmiTransport openTransport() {
            return new BrokenTransport(super.openTransport(), null, Set.of());
        }

        @Override
        protected Optional<WmiTransport> openTransport(InjectedFault fault) {
            return Optional.empty();
        }

        @Override
        protected Optional<EnumerationProbe> enumerationProbe(WmiTransport transport) {
            return Optional.empty();
        }
    }

    @Test
    void testsNeedingWhatTheSubclassLacksAreSkippedSayingWhat() {
        Map<String, String> needs = Map.of(
                "ContextValues#aPutWithASessionHandleIsSeenOnlyInThatSession", "Capability.CONTEXT",
                "ClassDefinitions#givesThePropertiesKeysLazinessAndMethodsOfTheSchema", "Capability.CLASS_DEFINITIONS",
                "PutsAndDeletes#aPartialPutWritesExplicitNullsAndLeavesDefaultedPropertiesAlone", "Capability.PARTIAL_PUT",
                "Queries#releasesTheEnumeratorWhenReadToTheEnd", "EnumerationProbe",
                "Deadlines#aSlowCallWithinItsDeadlineSucceedsAfterEarlierTimeouts", "cannot inject Latency");
        needs.forEach((test, reason) -> {
            String[] parts = test.split("#");
            Map<String, TestExecutionResult> results = run(BareMemoryTransportContractTest.class,
                    selectNestedMethod(List.of(BareMemoryTransportContractTest.class.getName()), KIT + parts[0], parts[1]));
            assertThat(results).as(test).hasSize(1).allSatisfy((name, result) -> {
                assertThat(result.getStatus()).as(test).isEqualTo(TestExecutionResult.Status.ABORTED);
                assertThat(result.getThrowable()).get().asString().contains(reason);
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Breakage.class)
    void theKitFailsATransportWithThisBug(Breakage breakage) {
        BrokenMemoryTransportContractTest.breakage = breakage;
        Map<String, TestExecutionResult> results = run(BrokenMemoryTransportContractTest.class, breakage);
        assertThat(results).as("kit test %s on a transport that %s", breakage.method, breakage).isNotEmpty()
                .allSatisfy((test, result) -> assertThat(result.getStatus()).as(test)
                        .isEqualTo(TestExecutionResult.Status.FAILED));
    }

    @Test
    void theSameKitTestsPassOnTheMemoryTransport() {
        for (Breakage breakage : Breakage.values()) {
            Map<String, TestExecutionResult> results = run(MemoryTransportContractTest.class, breakage);
            assertThat(results).as("kit test %s on the memory transport", breakage.method).isNotEmpty()
                    .allSatisfy((test, result) -> assertThat(result.getStatus())
                            .as("%s: %s", test, result.getThrowable().map(Throwable::toString).orElse(""))
                            .isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        }
    }

    /** Runs the kit test that guards against a breakage, on a subclass of the kit; results by test name. */
    private static Map<String, TestExecutionResult> run(Class<?> contractTest, Breakage breakage) {
        return run(contractTest, selectNestedMethod(List.of(contractTest.getName()), breakage.nestedClass,
                breakage.method, breakage.parameterTypes));
    }

    private static Map<String, TestExecutionResult> run(Class<?> contractTest, DiscoverySelector selector) {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selector).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.put(id.getDisplayName(), result);
                }
            }
        });
        return results;
    }

    /** A decorator over a working transport with one bug planted. */
    static final class BrokenTransport implements WmiTransport {
        final WmiTransport delegate;
        private final Breakage breakage;
        private final Set<Capability> capabilities;
        private int closes;

        BrokenTransport(WmiTransport delegate, Breakage breakage) {
            this(delegate, breakage, delegate.capabilities());
        }

        /** @param breakage the bug, or null for none */
        BrokenTransport(WmiTransport delegate, Breakage breakage, Set<Capability> capabilities) {
            this.delegate = delegate;
            this.breakage = breakage;
            this.capabilities = capabilities;
        }

        @Override
        public String defaultNamespace() {
            return delegate.defaultNamespace();
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        private WmiContext context(WmiContext context) {
            return breakage == Breakage.IGNORES_CONTEXT ? WmiContext.empty() : context;
        }

        private CallOptions options(CallOptions options) {
            return breakage == Breakage.IGNORES_DEADLINES ? CallOptions.defaults() : options;
        }

        @Override
        public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
            QueryOptions o = breakage == Breakage.IGNORES_DEADLINES ? options.withTimeout(CallOptions.defaults().timeout()) : options;
            Stream<WmiObject> results = delegate.query(namespace, wql, o, context(context));
            if (breakage == null) {
                return results;
            }
            return switch (breakage) {
                // the results without the delegate's close: an early close never reaches the enumerator
                case LEAKS_ENUMERATORS -> StreamSupport.stream(Spliterators.spliteratorUnknownSize(results.iterator(),
                        Spliterator.ORDERED), false);
                case FETCHES_ALL_RESULTS_AT_ONCE -> {
                    List<WmiObject> all;
                    try (results) {
                        all = results.toList();
                    }
                    yield all.stream();
                }
                default -> results;
            };
        }

        @Override
        public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
            try {
                WmiObject o = delegate.get(namespace, path, options(options), context(context));
                if (breakage == Breakage.LEAVES_LAZY_PROPERTIES_NULL_IN_GET) {
                    for (PropertyDefinition p : o.wmiClass().lazyProperties()) {
                        o = o.with(p.name(), null);
                    }
                }
                return o;
            } catch (WmiException e) {
                if (breakage == Breakage.HIDES_THE_WBEM_STATUS) {
                    throw new IllegalStateException("GetObject failed", e);
                }
                throw e;
            }
        }

        @Override
        public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
            return delegate.getClass(namespace, className, options(options), context(context));
        }

        @Override
        public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
            PutMode m = breakage == Breakage.IGNORES_THE_PUT_MODE ? PutMode.CREATE_OR_UPDATE : mode;
            return delegate.put(namespace, toServer(instance), m, options(options), context(context));
        }

        @Override
        public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters,
                                CallOptions options, WmiContext context) {
            WmiObject in = breakage == Breakage.DROPS_IN_PARAMETERS ? null : inParameters;
            return delegate.invoke(namespace, target, method, in, options(options), context(context));
        }

        @Override
        public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
            delegate.delete(namespace, path, options(options), context(context));
        }

        @Override
        public void close() {
            if (breakage == Breakage.FAILS_ON_A_SECOND_CLOSE && ++closes > 1) {
                throw new IllegalStateException("already closed");
            }
            if (breakage != Breakage.WORKS_AFTER_CLOSE) {
                delegate.close();
            }
        }

        /** Value bugs on the way out to the provider. */
        private WmiObject toServer(WmiObject o) {
            if (breakage == null) {
                return o;
            }
            return switch (breakage) {
                case TRUNCATES_UINT64 -> mapValues(o, v -> v.type() == CimType.UINT64
                        ? CimValue.uint64Bits(v.asBigInteger().longValue() & Long.MAX_VALUE) : v);
                case TURNS_EMPTY_ARRAYS_INTO_NULL -> mapValues(o, v -> v.isArray() && v.asList().isEmpty() ? null : v);
                case DROPS_DATETIME_OFFSETS -> mapValues(o, v -> {
                    if (v.type() != CimType.DATETIME || v.asDateTime().isInterval() || !v.asDateTime().isComplete()) {
                        return v;
                    }
                    String text = v.asDateTime().toString();
                    return CimValue.datetime(CimDateTime.parse(text.substring(0, 21) + "+000"));
                });
                default -> o;
            };
        }

        private static WmiObject mapValues(WmiObject o, UnaryOperator<CimValue> f) {
            WmiObject out = o;
            List<String> names = new ArrayList<>(o.propertyNames());
            for (String name : names) {
                Optional<CimValue> v = o.get(name);
                if (v.isPresent() && !o.isDefault(name)) {
                    out = out.with(name, f.apply(v.get()));
                }
            }
            return out;
        }
    }
}
