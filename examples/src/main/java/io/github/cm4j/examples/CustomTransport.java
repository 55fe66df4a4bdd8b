package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.examples.audit.AuditTransport;
import io.github.cm4j.examples.audit.AuditTransportProvider;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.updates.UpdateQuery;
import java.util.List;
import java.util.stream.Stream;

/**
 * Uses a transport that is not part of cm4j: {@code audit:} (package {@code io.github.cm4j.examples.audit}), a
 * minimal third-party transport written against the SPI alone. It wraps another target — {@code audit:memory:demo}
 * here — and writes an audit trail of every change to standard error. cm4j finds it by its scheme, as it finds
 * {@code memory:} and {@code dcom://}, and every high-level operation works over it unchanged. It passes the
 * transport contract kit: {@code AuditTransportContractTest} in this module's tests extends
 * {@code io.github.cm4j.testkit.WmiTransportContractTest}.
 *
 * <pre>
 * CustomTransport                                     (audit:memory:demo)
 * CustomTransport --uri 'memory:demo?version=2007'    (audit:memory:demo?version=2007)
 * CustomTransport 2&gt;audit.log                         (the trail in a file)
 * </pre>
 */
public final class CustomTransport {
    private CustomTransport() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user]}: the target the audit transport wraps */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(CustomTransport.class, args);
        String uri = AuditTransportProvider.SCHEME + ":" + a.uri();   // audit:memory:demo

        try (ConfigMgr cm = a.connectTo(uri)) {
            // ConfigMgr picked the transport by the scheme "audit", from META-INF/services.
            System.out.println("Connected: " + cm + " through " + cm.transport().getClass().getSimpleName()
                    + (cm.transport() instanceof AuditTransport ? " (found by its scheme)" : ""));

            // Reads pass through without a trail.
            List<SoftwareUpdate> pending;
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().eulaExists(true)
                    .eulaAccepted(false).build())) {
                pending = s.limit(1).toList();
            }
            System.out.println("Read: " + cm.site() + "; " + pending.size() + " update with license terms pending");

            // Changes leave one line each on standard error.
            for (SoftwareUpdate update : pending) {
                System.out.println("Change 1: accept the license terms of " + update.ciId());
                cm.softwareUpdates().acceptEula(update);
            }

            System.out.println("Change 2: a site control file edit in a session (handle, refresh, put, commit, release)");
            try (SiteControlSession scf = cm.siteControl().open()) {
                scf.put(scf.component("SMS_WSUS_SYNC_MANAGER").withProperty("Sync ExpressFiles", 1));
                scf.commit();
            }
            System.out.println("Done: the audit trail is on standard error");
        }
    }
}
