package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.wql.SelectQuery;
import io.github.cm4j.wql.Wql;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The simulated site server's own {@code root\cimv2}, reduced to what cm4j reads there: one
 * {@code Win32_OperatingSystem} instance whose {@code LocalDateTime} is the simulated clock, so that a client can
 * measure time as the provider sees it (a {@code SyncJob}'s grace period under {@code speed=N}). It deliberately has no
 * {@code Win32_UTCTime}: {@code cm4j doctor} reads that one for the clock skew, and a simulated clock that starts in
 * 2024 and runs 60 times fast is not a skew to report (docs/simulator.md). Queries and class reads only. Stateless;
 * thread-safe.
 */
final class HostNamespace {
    /** The namespace, as clients name it. */
    static final String NAMESPACE = "root\\cimv2";
    /** The class served: a subset of Win32_OperatingSystem's properties (names and types as Windows has them). */
    static final WmiClass OPERATING_SYSTEM = WmiClass.builder("Win32_OperatingSystem")
            .property("Name", CimType.STRING, Qualifier.flag("key"))
            .property("Caption", CimType.STRING)
            .property("CSName", CimType.STRING)
            .property("CurrentTimeZone", CimType.SINT16)
            .property("LastBootUpTime", CimType.DATETIME)
            .property("LocalDateTime", CimType.DATETIME)
            .property("Version", CimType.STRING)
            .build();

    private HostNamespace() {
    }

    /** @return whether a namespace, as a client names it ({@code \\.\root\cimv2}, {@code root/CIMV2}), is this one */
    static boolean is(String namespace) {
        if (namespace == null) {
            return false;
        }
        String ns = namespace.replace('/', '\\');
        if (ns.startsWith("\\\\")) {
            int end = ns.indexOf('\\', 2);
            ns = end < 0 ? "" : ns.substring(end + 1);
        }
        return ns.equalsIgnoreCase(NAMESPACE);
    }

    /**
     * @param className a class name
     * @return the class
     * @throws SimulatedFault {@code WBEM_E_INVALID_CLASS} for any other class
     */
    static WmiClass classNamed(String className) {
        if (!OPERATING_SYSTEM.name().equalsIgnoreCase(className)) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_CLASS, "class " + className + " is not served in "
                    + NAMESPACE + " of the simulated site server (only " + OPERATING_SYSTEM.name() + ")");
        }
        return OPERATING_SYSTEM;
    }

    /**
     * Answers a query: whole instances whatever the select list names (WMI adds the rest as NULL; cm4j reads
     * {@code LocalDateTime} only).
     *
     * @param sim the provider
     * @param site the site whose server answers
     * @param wql {@code SELECT ... FROM Win32_OperatingSystem}, without a WHERE clause
     * @return the one instance
     * @throws SimulatedFault {@code WBEM_E_INVALID_QUERY} or {@code WBEM_E_INVALID_CLASS}
     */
    static Stream<WmiObject> query(SimulatedProvider sim, SimulatedSite site, String wql) {
        SelectQuery q;
        try {
            q = Wql.parse(wql);
        } catch (RuntimeException e) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_QUERY, e.getMessage());
        }
        classNamed(q.from().className());
        if (!q.joins().isEmpty() || q.where().isPresent()) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_QUERY, "the simulated " + NAMESPACE + " answers"
                    + " SELECT ... FROM " + OPERATING_SYSTEM.name() + " without WHERE or JOIN");
        }
        String host = site.serverName().split("\\.", 2)[0].toUpperCase(Locale.ROOT);
        // The simulated clock, at UTC: the site's own time zone is not simulated (docs/simulator.md).
        CimDateTime now = CimDateTime.of(sim.clock().instant().atOffset(ZoneOffset.UTC));
        CimDateTime boot = CimDateTime.of(sim.builtAt().minus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC));
        return Stream.of(WmiObject.builder(OPERATING_SYSTEM)
                .set("Name", "Microsoft Windows Server 2019 Standard|C:\\Windows|\\Device\\Harddisk0\\Partition2")
                .set("Caption", "Microsoft Windows Server 2019 Standard").set("CSName", host)
                .set("CurrentTimeZone", CimValue.of(CimType.SINT16, 0L)).set("LastBootUpTime", CimValue.datetime(boot))
                .set("LocalDateTime", CimValue.datetime(now)).set("Version", "10.0.17763")
                .build().withDecoration(site.serverName(), NAMESPACE));
    }
}
