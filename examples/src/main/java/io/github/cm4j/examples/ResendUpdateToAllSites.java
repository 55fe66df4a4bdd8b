package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Instant;

/**
 * Resends a software update to every site of the hierarchy ({@code ResendObjectToAllSites}) — a method that
 * exists on ConfigMgr 2007 only. On later versions cm4j refuses before calling the provider, with an
 * {@link UnsupportedOnVersionException} that names the version; this example explains it and exits 1:
 *
 * <pre>
 * ResendUpdateToAllSites                                   (memory:demo is current branch: refused, explained)
 * ResendUpdateToAllSites --uri 'memory:demo?version=2007'  (resent)
 * ResendUpdateToAllSites --uri 'memory:demo?version=2007' --ci-id 16777300
 * </pre>
 */
public final class ResendUpdateToAllSites {
    private ResendUpdateToAllSites() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--ci-id N]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(ResendUpdateToAllSites.class, args, "--ci-id N");
        int status;
        try (ConfigMgr cm = a.connect()) {
            System.out.println("Site: " + cm.site());
            SoftwareUpdates updates = cm.softwareUpdates();
            SoftwareUpdate update = a.updateOrFirst(updates, UpdateQuery.builder().expired(false).build());
            System.out.println("Update: " + update);
            status = resend(updates, update);
        }
        System.exit(status);
    }

    private static int resend(SoftwareUpdates updates, SoftwareUpdate update) {
        try {
            updates.resendToAllSites(update);   // one ExecMethod on 2007; no call at all on later versions
        } catch (UnsupportedOnVersionException e) {
            System.out.println("Not resent: " + e.getMessage());
            System.out.println("cm4j checked the site version (" + e.version() + ") and made no call: ConfigMgr"
                    + " 2012 and later have no ResendObjectToAllSites.");
            System.out.println("To see it run, use the simulated ConfigMgr 2007 hierarchy: --uri 'memory:demo?version=2007'");
            return 1;
        }
        // The provider marks the update modified, which makes the sites below take it again.
        Instant modified = updates.get(update.ciId()).dateLastModified().orElse(Instant.EPOCH);
        System.out.println("Resent to all sites: DateLastModified " + update.dateLastModified().orElse(Instant.EPOCH)
                + " -> " + modified);
        return 0;
    }
}
