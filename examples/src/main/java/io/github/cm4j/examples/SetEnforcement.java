package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Sets when a software update is enforced ({@code SMS_SoftwareUpdate.SetEnforcement(Enforced, EffectiveDate)}),
 * or clears it, and reads the update back to show its {@code EffectiveDate}.
 *
 * <pre>
 * SetEnforcement                                   (a deployed update, enforced a week from now)
 * SetEnforcement --ci-id 16777300 --deadline 2024-07-01T00:00:00Z
 * SetEnforcement --ci-id 16777300 --clear
 * </pre>
 */
public final class SetEnforcement {
    private SetEnforcement() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--ci-id N] [--deadline INSTANT] [--clear]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(SetEnforcement.class, args, "--ci-id N", "--deadline yyyy-mm-ddThh:mm:ssZ",
                "--clear");
        boolean enforce = !a.flag("--clear");
        Instant deadline;
        try {
            deadline = a.option("--deadline").map(Instant::parse).orElse(Instant.now().plus(Duration.ofDays(7)));
        } catch (DateTimeParseException e) {
            throw a.usageError("--deadline takes an instant such as 2024-07-01T00:00:00Z, not '"
                    + a.option("--deadline").orElseThrow() + "'");
        }

        try (ConfigMgr cm = a.connect()) {
            SoftwareUpdates updates = cm.softwareUpdates();
            SoftwareUpdate update = a.updateOrFirst(updates, UpdateQuery.builder().deployed(true).expired(false).build());
            System.out.println("Update: " + update);
            System.out.println("Before: EffectiveDate = " + update.effectiveDate().map(Instant::toString).orElse("(none)"));

            // One ExecMethod; a null date lets the provider choose (now).
            updates.setEnforcement(update, enforce, enforce ? deadline : null);

            SoftwareUpdate after = updates.get(update.ciId());
            System.out.println((enforce ? "Enforced" : "Cleared") + ": EffectiveDate = "
                    + after.effectiveDate().map(Instant::toString).orElse("(none)"));
        }
    }
}
