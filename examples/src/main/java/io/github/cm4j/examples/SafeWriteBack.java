package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.MappingException;
import io.github.cm4j.model.LazyWritePolicy;
import io.github.cm4j.model.Severity;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Writing back a query result without losing its lazy properties: the guard refuses a whole put of an update
 * whose {@code LocalizedEulas} were never loaded, a partial put ({@code LazyWritePolicy.LEAVE_UNTOUCHED}) leaves
 * them alone, and the typed writes ({@code setCustomSeverity}, {@code setMaxExecutionTime}) write one property.
 *
 * <pre>
 * SafeWriteBack
 * SafeWriteBack --uri memory:demo?version=2007 --max-runtime 45m
 * </pre>
 */
public final class SafeWriteBack {
    private SafeWriteBack() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--max-runtime DURATION]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(SafeWriteBack.class, args, "--max-runtime DURATION");
        Duration maxRuntime = a.durationOption("--max-runtime", Duration.ofMinutes(60));
        try (ConfigMgr cm = a.connect()) {
            SoftwareUpdates updates = cm.softwareUpdates();
            SoftwareUpdate fromQuery;
            try (Stream<SoftwareUpdate> s = updates.find(UpdateQuery.builder().eulaExists(true).build())) {
                fromQuery = s.findFirst().orElseThrow();
            }
            System.out.println("From a query: " + fromQuery);
            System.out.println("  LocalizedEulas loaded: " + fromQuery.localizedEulas().isLoaded());
            SoftwareUpdate changed = fromQuery.withCustomSeverity(Severity.CRITICAL);
            try {
                cm.put(changed, LazyWritePolicy.REQUIRE_LOADED);
            } catch (MappingException e) {
                System.out.println("Whole put refused: " + e.getMessage());
            }
            cm.put(changed, LazyWritePolicy.LEAVE_UNTOUCHED);
            SoftwareUpdate stored = updates.get(fromQuery.ciId());
            System.out.println("Partial put: custom severity " + stored.customSeverity().text() + ", license terms kept: "
                    + stored.localizedEulas().get().size());
            stored = updates.setMaxExecutionTime(stored, maxRuntime);
            System.out.println("setMaxExecutionTime(" + maxRuntime + "): MaxExecutionTime = " + stored.maxExecutionTime()
                    + (cm.site().version().is2007() ? " (minutes on ConfigMgr 2007)" : " (seconds)")
                    + ", license terms kept: " + stored.localizedEulas().get().size());
        }
    }
}
