package io.github.cm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RecordingTransportTest {
    static final String NS = "root\\sms\\site_PS1";
    static final CallOptions CALL = CallOptions.defaults();
    static final QueryOptions QUERY = QueryOptions.defaults();

    final StubTransport stub = new StubTransport();
    final RecordingTransport recording = RecordingTransport.wrap(stub);

    @Test
    void recordsOperationNamespaceTargetMethodAndContextNamesOfEveryCall() {
        WmiContext session = WmiContext.empty().with("LocaleID", "MS\\1033").with(WmiContext.SESSION_HANDLE, "{SECRET-HANDLE}");
        recording.get(NS, ObjectPath.parse("Stub_Row.Id=7"), CALL, WmiContext.empty());
        recording.getClass(NS, "Stub_Row", CALL, WmiContext.empty());
        recording.put(NS, StubTransport.row(9), PutMode.UPDATE_ONLY, CALL, session);
        recording.invoke(NS, ObjectPath.ofClass("SMS_SiteControlFile"), "CommitSCF", null, CALL, session);
        recording.delete(NS, ObjectPath.parse("Stub_Row.Id=9"), CALL, WmiContext.empty());

        List<RecordedCall> calls = recording.calls();
        assertThat(calls).extracting(RecordedCall::operation).containsExactly(Operation.GET, Operation.GET_CLASS,
                Operation.PUT, Operation.INVOKE, Operation.DELETE);
        assertThat(calls).extracting(RecordedCall::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.namespace()).isEqualTo(NS);
            assertThat(c.succeeded()).isTrue();
            assertThat(c.failure()).isEmpty();
            assertThat(c.duration()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
            assertThat(c.objects()).isEmpty();
        });
        assertThat(calls).extracting(RecordedCall::target).containsExactly("Stub_Row.Id=7", "Stub_Row", "Stub_Row.Id=9",
                "SMS_SiteControlFile", "Stub_Row.Id=9");
        assertThat(calls.get(3).method()).hasValue("CommitSCF");
        assertThat(calls.get(0).method()).isEmpty();
        assertThat(calls.get(2).contextKeys()).containsExactly("LocaleID", "SessionHandle");
        assertThat(calls.get(0).contextKeys()).isEmpty();
        assertThat(recording.log().toString()).as("context values are not recorded").doesNotContain("SECRET");
    }

    @Test
    void countsRoundTripsPerOperation() {
        for (int i = 0; i < 3; i++) {
            recording.get(NS, ObjectPath.parse("Stub_Row.Id=1"), CALL, WmiContext.empty());
        }
        recording.query(NS, "SELECT * FROM Stub_Row", QUERY, WmiContext.empty()).close();
        assertThat(recording.count(Operation.GET)).isEqualTo(3);
        assertThat(recording.count(Operation.QUERY)).isEqualTo(1);
        assertThat(recording.count(Operation.PUT)).isZero();
        assertThat(recording.counts()).containsEntry(Operation.GET, 3L).containsEntry(Operation.QUERY, 1L)
                .containsEntry(Operation.DELETE, 0L).hasSize(Operation.values().length);
        assertThat(recording.log().calls(Operation.GET)).hasSize(3);
    }

    @Test
    void recordsAFailureAndRethrowsTheSameException() {
        Throwable thrown = catchThrowable(() -> recording.get(NS, ObjectPath.parse("Stub_Row.Id=0"), CALL, WmiContext.empty()));
        assertThat(thrown).isInstanceOf(WmiException.class);
        RecordedCall call = recording.calls().get(0);
        assertThat(call.outcome()).isEqualTo(RecordedCall.Outcome.FAILED);
        assertThat(call.failure()).containsSame((RuntimeException) thrown);
        assertThat(call.toString()).contains("GET", "Stub_Row.Id=0", "failed: ", "WBEM_E_NOT_FOUND");

        assertThatThrownBy(() -> recording.query(NS, "BAD QUERY", QUERY, WmiContext.empty())).isInstanceOf(WmiException.class);
        assertThat(recording.calls().get(1).outcome()).isEqualTo(RecordedCall.Outcome.FAILED);
        assertThat(recording.calls().get(1).objects()).hasValue(0);
    }

    @Test
    void aQueryIsInProgressUntilItsStreamIsExhaustedAndCountsTheObjectsRead() {
        stub.rows = 4;
        Stream<WmiObject> s = recording.query(NS, "SELECT * FROM Stub_Row", QUERY, WmiContext.empty());
        assertThat(recording.calls()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(RecordedCall.Outcome.IN_PROGRESS);
            assertThat(c.objects()).hasValue(0);
            assertThat(c.toString()).contains("QUERY", "\"SELECT * FROM Stub_Row\"", "0 objects", "reading");
        });
        Iterator<WmiObject> it = s.iterator();
        it.next();
        it.next();
        assertThat(recording.calls().get(0).outcome()).isEqualTo(RecordedCall.Outcome.IN_PROGRESS);
        while (it.hasNext()) {
            it.next();
        }
        RecordedCall done = recording.calls().get(0);
        assertThat(done.outcome()).isEqualTo(RecordedCall.Outcome.SUCCEEDED);
        assertThat(done.objects()).hasValue(4);
        assertThat(stub.streamsClosed).as("exhausting does not close the delegate's stream").hasValue(0);
        s.close();
        assertThat(stub.streamsClosed).as("closing the recorded stream closes the delegate's").hasValue(1);
        assertThat(recording.calls()).singleElement().satisfies(c -> assertThat(c.objects()).hasValue(4));
    }

    @Test
    void aQueryClosedEarlyIsRecordedWithTheObjectsReadAndClosesTheDelegateStream() {
        stub.rows = 100;
        try (Stream<WmiObject> s = recording.query(NS, "SELECT * FROM Stub_Row", QUERY, WmiContext.empty())) {
            assertThat(s.limit(3).count()).isEqualTo(3);
        }
        assertThat(stub.streamsClosed).hasValue(1);
        RecordedCall call = recording.calls().get(0);
        assertThat(call.outcome()).isEqualTo(RecordedCall.Outcome.SUCCEEDED);
        assertThat(call.objects()).hasValue(3);
    }

    @Test
    void anEnumerationThatBreaksIsRecordedAsFailedAndTheExceptionPassesThrough() {
        stub.rows = 10;
        stub.breakAfter = 6;
        List<WmiObject> seen = new ArrayList<>();
        try (Stream<WmiObject> s = recording.query(NS, "SELECT * FROM Stub_Row", QUERY, WmiContext.empty())) {
            assertThatThrownBy(() -> s.forEach(seen::add)).isInstanceOf(ConnectionException.class);
        }
        assertThat(seen).hasSize(6);
        RecordedCall call = recording.calls().get(0);
        assertThat(call.outcome()).isEqualTo(RecordedCall.Outcome.FAILED);
        assertThat(call.failure()).get().isInstanceOf(ConnectionException.class);
        assertThat(call.objects()).hasValue(6);
    }

    @Test
    void resetForgetsTheCallsAndAQueryStillBeingRead() {
        recording.get(NS, ObjectPath.parse("Stub_Row.Id=1"), CALL, WmiContext.empty());
        Stream<WmiObject> open = recording.query(NS, "SELECT * FROM Stub_Row", QUERY, WmiContext.empty());
        recording.reset();
        assertThat(recording.calls()).isEmpty();
        open.toList();
        open.close();
        assertThat(recording.calls()).as("the query started before the reset does not come back").isEmpty();
        recording.delete(NS, ObjectPath.parse("Stub_Row.Id=1"), CALL, WmiContext.empty());
        assertThat(recording.calls()).extracting(RecordedCall::operation).containsExactly(Operation.DELETE);
        assertThat(recording.calls().get(0).sequence()).as("sequence numbers keep rising").isEqualTo(3);
    }

    @Test
    void recordsEveryCallOfManyThreads() throws Exception {
        int threads = 8;
        int callsEach = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        if (i % 5 == 0) {
                            try (Stream<WmiObject> s = recording.query(NS, "SELECT * FROM Stub_Row", QUERY, WmiContext.empty())) {
                                s.forEach(o -> { });
                            }
                        } else {
                            recording.get(NS, ObjectPath.parse("Stub_Row.Id=1"), CALL, WmiContext.empty());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<RecordedCall> calls = recording.calls();
        assertThat(calls).hasSize(threads * callsEach);
        assertThat(calls).extracting(RecordedCall::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * callsEach).boxed().toList());
        assertThat(recording.count(Operation.QUERY)).isEqualTo(threads * callsEach / 5);
        assertThat(recording.log().calls(Operation.QUERY)).allSatisfy(c -> assertThat(c.objects()).hasValue(5));
    }

    @Test
    void closeIsPassedOnAndNotRecorded() {
        recording.close();
        assertThat(stub.closes).hasValue(1);
        assertThat(recording.calls()).isEmpty();
        assertThat(recording.delegate()).isSameAs(stub);
        assertThat(recording.defaultNamespace()).isEqualTo(stub.defaultNamespace());
        assertThat(recording.capabilities()).isEqualTo(stub.capabilities());
    }

    @Test
    void toStringSummarisesTheCallsPerOperation() {
        recording.get(NS, ObjectPath.parse("Stub_Row.Id=1"), CALL, WmiContext.empty());
        recording.get(NS, ObjectPath.parse("Stub_Row.Id=2"), CALL, WmiContext.empty());
        recording.invoke(NS, ObjectPath.ofClass("SMS_SiteControlFile"), "GetSessionHandle", null, CALL, WmiContext.empty());
        assertThat(recording).hasToString("RecordingTransport[StubTransport, 3 calls: GET 2, INVOKE 1]");
        assertThat(recording.log().toString()).startsWith("3 calls: GET 2, INVOKE 1").contains(
                "#1 GET root\\sms\\site_PS1 Stub_Row.Id=1", "#3 INVOKE root\\sms\\site_PS1 SMS_SiteControlFile.GetSessionHandle")
                .hasLineCount(4);
    }

    @Test
    void aRecordingProviderRecordsTheTransportsOfAConfigMgrIntoOneLog() {
        List<StubTransport> opened = new ArrayList<>();
        WmiTransportProvider stubs = new WmiTransportProvider() {
            @Override
            public String scheme() {
                return "stub";
            }

            @Override
            public WmiTransport open(TransportConfig config) {
                StubTransport t = new StubTransport();
                opened.add(t);
                return t;
            }
        };
        RecordingTransport.Provider provider = RecordingTransport.provider(stubs);
        assertThat(provider.scheme()).isEqualTo("stub");
        try (ConfigMgr first = ConfigMgr.builder().uri("stub:one").provider(provider).connect();
             ConfigMgr second = ConfigMgr.builder().uri("stub:two").provider(provider).connect()) {
            assertThat(first.transport()).isInstanceOf(RecordingTransport.class);
            provider.log().reset(); // count only what follows, whatever connecting does
            assertThat(first.query("SELECT * FROM Stub_Row").toList()).hasSize(5);
            second.get("Stub_Row.Id=3");
            second.getClass("Stub_Row");
        }
        assertThat(provider.transports()).hasSize(2);
        assertThat(opened).allSatisfy(t -> assertThat(t.closes).hasValue(1));
        assertThat(provider.log().counts()).containsAllEntriesOf(Map.of(Operation.QUERY, 1L, Operation.GET, 1L,
                Operation.GET_CLASS, 1L));
        assertThat(provider.log().calls()).extracting(RecordedCall::namespace).containsOnly("root\\stub");
        assertThat(provider.transports().get(0).calls()).as("transports of one provider share its log").hasSize(3);
        assertThat(provider).hasToString("RecordingTransport.Provider[stub, 2 transports, 3 calls: QUERY 1, GET 1, GET_CLASS 1]");
    }
}
