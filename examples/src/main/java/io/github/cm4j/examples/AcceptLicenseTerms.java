package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.MethodFailedException;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and accepts the license terms (EULA) of a software update — what "Review/Accept License Terms" does in
 * the console, and what a synchronization that ends with 6708 (done, license terms pending) asks for.
 *
 * <pre>
 * AcceptLicenseTerms                       (the first update whose license terms are not accepted yet)
 * AcceptLicenseTerms --ci-id 16777300      (that update)
 * AcceptLicenseTerms --ci-id 16777300 --decline
 * </pre>
 *
 * It also shows lazy properties: an update from a query does not carry its license terms ({@code LocalizedEulas}
 * is not loaded); {@code loadLazy} or {@code get} reads them with one GetObject.
 */
public final class AcceptLicenseTerms {
    private AcceptLicenseTerms() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--ci-id N] [--decline]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(AcceptLicenseTerms.class, args, "--ci-id N", "--decline");
        boolean accept = !a.flag("--decline");

        int status;
        try (ConfigMgr cm = a.connect()) {
            status = acceptLicenseTerms(cm.softwareUpdates(), a.longOption("--ci-id", 0), accept);
        }
        System.exit(status);
    }

    private static int acceptLicenseTerms(SoftwareUpdates updates, long ciId, boolean accept) {
        SoftwareUpdate update;
        if (ciId != 0) {                  // --ci-id given
            update = updates.get(ciId);   // one GetObject: every property loaded
        } else {
            List<SoftwareUpdate> pending;
            try (Stream<SoftwareUpdate> s = updates.find(UpdateQuery.builder().eulaExists(true).eulaAccepted(false)
                    .expired(false).build())) {
                pending = s.toList();
            }
            System.out.println(pending.size() + " updates have license terms not accepted yet");
            if (pending.isEmpty()) {
                return 0;
            }
            update = pending.get(0);
            // From a query: lazy properties are not loaded (the provider returns them as NULL).
            System.out.println("From the query, LocalizedEulas " + update.localizedEulas());
            update = updates.loadLazy(update);   // one GetObject
        }
        System.out.println("Update: " + update);
        System.out.println("LocalizedEulas: " + update.localizedEulas().get().size() + " language(s), "
                + "EULAAccepted = " + update.eulaAccepted().code() + " (" + update.eulaAccepted().text() + ")");
        try {
            String text = updates.getEula(update);   // the GetEULA method
            System.out.println("License terms (" + text.length() + " characters), first line:");
            System.out.println("  " + text.lines().findFirst().orElse(""));

            updates.acceptEula(update, accept);       // the AcceptEULA method
        } catch (MethodFailedException e) {
            // ReturnValue 1168 (ERROR_NOT_FOUND): this update has no license terms.
            System.err.println("Refused: " + e.getMessage());
            return 1;
        }
        SoftwareUpdate after = updates.get(update.ciId());
        System.out.println((accept ? "Accepted" : "Declined") + ": EULAAccepted = " + after.eulaAccepted().code()
                + after.eulaSignoffUser().map(u -> ", by " + u).orElse("")
                + after.eulaSignoffDate().map(d -> " at " + d).orElse(""));
        return 0;
    }
}
