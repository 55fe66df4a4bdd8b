package io.github.cm4j.benchmarks;

import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.ModelBinder;
import io.github.cm4j.model.SoftwareUpdate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Binds 100,000 {@code SMS_SoftwareUpdate} WMI objects to {@link SoftwareUpdate} models per invocation. One
 * JMH operation is one object: the throughput is objects per second, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per object.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Binding -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BindingBenchmark {
    /** Objects per invocation. */
    public static final int OBJECTS = 100_000;

    private final ModelBinder<SoftwareUpdate> binder = ModelBinder.of(SoftwareUpdate.class);
    private WmiObject[] queryResults;
    private WmiObject[] getObjectResults;

    /** Builds the objects once (not measured). */
    @Setup
    public void setUp() {
        queryResults = SoftwareUpdateObjects.create(OBJECTS, false);
        getObjectResults = SoftwareUpdateObjects.create(OBJECTS, true);
    }

    /**
     * Query results: lazy properties NULL, bound as not loaded.
     *
     * @param bh consumes the models
     */
    @Benchmark
    @OperationsPerInvocation(OBJECTS)
    public void bindQueryResults(Blackhole bh) {
        for (WmiObject o : queryResults) {
            bh.consume(binder.bind(o, false));
        }
    }

    /**
     * GetObject results: lazy properties loaded (one EULA, one localized information, the SDM package XML).
     *
     * @param bh consumes the models
     */
    @Benchmark
    @OperationsPerInvocation(OBJECTS)
    public void bindGetObjectResults(Blackhole bh) {
        for (WmiObject o : getObjectResults) {
            bh.consume(binder.bind(o, true));
        }
    }
}
