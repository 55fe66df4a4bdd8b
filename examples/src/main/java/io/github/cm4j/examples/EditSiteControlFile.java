package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.EmbeddedProperty;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.sitecontrol.ScfChange;
import io.github.cm4j.sitecontrol.ScfConflictException;
import io.github.cm4j.sitecontrol.SiteControlSession;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Changes an embedded property of a site control file component the way the SMS Provider requires: in a
 * session (session handle, private copy, commit, release). First a dry run — the change is put in a session,
 * its diff printed, and the session closed without committing, which drops it — then the same change committed.
 *
 * <pre>
 * EditSiteControlFile                      (toggles "Sync ExpressFiles" of SMS_WSUS_SYNC_MANAGER at the top site)
 * EditSiteControlFile --site PS1 --property "Sync ExpressFiles" --value 1 --dry-run
 * EditSiteControlFile --component SMS_WSUS_CONFIGURATION_MANAGER --property "Call WSUS Cleanup" --value 1
 * </pre>
 *
 * Exit status: 0 committed (or dry run), 1 when someone else changed the component meanwhile (the conflict is
 * printed: the value loaded, ours and theirs; nothing was applied).
 */
public final class EditSiteControlFile {
    private EditSiteControlFile() {
    }

    /**
     * @param args {@code [--uri URI] [--user DOMAIN\\user] [--site CODE] [--component NAME] [--property NAME]
     *             [--value N] [--dry-run]}
     */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(EditSiteControlFile.class, args, "--site CODE", "--component NAME",
                "--property NAME", "--value N", "--dry-run");
        String componentName = a.option("--component", "SMS_WSUS_SYNC_MANAGER");
        String property = a.option("--property", "Sync ExpressFiles");

        int status;
        try (ConfigMgr cm = a.connect()) {
            String site = a.option("--site").orElse(cm.site().siteCode());
            status = edit(cm, site, componentName, property, a);
        } catch (NoSuchElementException e) {   // no such component or embedded property: nothing was changed
            System.err.println("EditSiteControlFile: " + e.getMessage());
            status = 1;
        } catch (io.github.cm4j.TransportException e) {   // e.g. adminservice://: no session handle over REST
            System.err.println("EditSiteControlFile: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private static int edit(ConfigMgr cm, String site, String componentName, String property, ExampleArgs a) {
        int before = committedValue(cm, site, componentName, property);
        // Without --value: toggle a 0/1 switch, so that every run changes something.
        int value = (int) a.longOption("--value", before == 0 ? 1 : 0);
        System.out.println("Site " + site + ", " + componentName + ": " + property + " = " + before + " (committed)");

        // 1. Dry run: the edit goes to the session's private copy; closing without commit() drops it.
        try (SiteControlSession scf = cm.siteControl().open(site)) {   // GetSessionHandle + RefreshSCF
            stage(scf, componentName, property, value);
            System.out.println("Dry run, would change:");
            scf.diff().forEach(change -> System.out.println("  " + change));
        }                                                                 // ReleaseSessionHandle: edit dropped
        int afterDryRun = committedValue(cm, site, componentName, property);
        System.out.println("After the dry run: " + property + " = " + afterDryRun + " (committed, "
                + (afterDryRun == before ? "unchanged" : "changed by someone else meanwhile") + ")");
        return a.flag("--dry-run") ? 0 : commit(cm, site, componentName, property, value);
    }

    /** 2. The same edit, committed: CommitSCF applies the session's edits of the site at once. */
    private static int commit(ConfigMgr cm, String site, String componentName, String property, int value) {
        try (SiteControlSession scf = cm.siteControl().open(site)) {
            stage(scf, componentName, property, value);
            List<ScfChange> applied = scf.commit();
            System.out.println("Committed:");
            applied.forEach(change -> System.out.println("  " + change));
        } catch (ScfConflictException e) {
            // Someone committed a change to the same property since our session loaded it; nothing was applied.
            System.err.println("Not committed: " + e.getMessage());
            e.conflicts().forEach(c -> System.err.println("  " + c));
            return 1;
        }
        System.out.println("Now: " + property + " = " + committedValue(cm, site, componentName, property) + " (committed)");
        return 0;
    }

    /** Reads the component in the session and puts it back with the property changed (private to the session). */
    private static void stage(SiteControlSession scf, String componentName, String property, int value) {
        SciComponent component = scf.component(componentName);
        scf.put(component.withProperty(property, value));
    }

    /** The committed value, read without a session (what every other client sees). */
    private static int committedValue(ConfigMgr cm, String site, String componentName, String property) {
        SciComponent component = cm.siteControl().components(site).stream()
                .filter(c -> c.componentName().equals(componentName)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("site " + site + " has no component " + componentName));
        return component.property(property).map(EmbeddedProperty::value)
                .orElseThrow(() -> new NoSuchElementException(componentName + " has no embedded property '" + property + "'"));
    }
}
