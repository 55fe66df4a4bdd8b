package io.github.cm4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the results were measured on, recorded in every result file: the machine is shared, so the load matters. */
final class Machine {
    private Machine() {
    }

    /** @return processors, CPU model, memory, Java, the load averages now and the time */
    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Instant.now().toString());
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("cpu", procLine("/proc/cpuinfo", "model name").orElse("unknown"));
        m.put("memTotal", procLine("/proc/meminfo", "MemTotal").orElse("unknown"));
        m.put("loadAverage", read("/proc/loadavg").map(String::trim).orElse(
                String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return m;
    }

    private static Optional<String> procLine(String file, String key) {
        return read(file).flatMap(text -> text.lines().filter(l -> l.startsWith(key)).findFirst())
                .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
