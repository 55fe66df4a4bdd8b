package io.github.cm4j.wmi.simulator;

import io.github.cm4j.wmi.rpc.RpcHandler;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls a {@link WmiServer} receives, per interface and opnum, so that tests can show round trips (an
 * enumeration of N objects costs ceil(N / batch) + a constant Next calls). Every call that reaches a registered
 * interface counts, whether it succeeds, fails or is refused by the object exporter.
 */
final class CallCounter {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    static String key(String interfaceName, int opnum) {
        return interfaceName + "/" + opnum;
    }

    /** @return a handler that counts each call under {@code interfaceName} and passes it on */
    RpcHandler counting(String interfaceName, RpcHandler handler) {
        return call -> {
            counts.computeIfAbsent(key(interfaceName, call.opnum()), k -> new LongAdder()).increment();
            return handler.handle(call);
        };
    }

    long count(String interfaceName, int opnum) {
        LongAdder a = counts.get(key(interfaceName, opnum));
        return a == null ? 0 : a.sum();
    }

    /** @return the counts so far, sorted by key ({@code Interface/opnum}) */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
