package io.github.cm4j.cli;

import static io.github.cm4j.cli.QueryCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cli.QueryCommandTest.Result;
import org.junit.jupiter.api.Test;

class OperationsCommandsTest {

    @Test
    void updatesListFiltersAndPrintsATableOrJsonLines() {
        Result table = run("updates", "list", "--min-severity", "CRITICAL", "--expired", "false", "--limit", "3");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).startsWith("CI_ID").contains("Title"));
        assertThat(table.out()).contains("CRITICAL").endsWith("(3 updates)" + System.lineSeparator());
        Result json = run("updates", "list", "--json", "--eula", "true", "--limit", "2");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out().lines()).hasSize(2).allMatch(l -> l.contains("\"EULAExists\":true"));
        Result none = run("updates", "list", "--title", "no such title at all");
        assertThat(none.out()).contains("(no updates)");
        Result bad = run("updates", "list", "--severity", "SEVERE");
        assertThat(bad.code()).isEqualTo(2);
    }

    @Test
    void updatesShowEulaAndAcceptEula() {
        Result list = run("updates", "list", "--json", "--eula", "true", "--limit", "1");
        String ciId = list.out().replaceAll("(?s).*\"CI_ID\":(\\d+).*", "$1");
        Result show = run("updates", "show", ciId);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("instance of SMS_SoftwareUpdate").contains("LocalizedEulas");
        Result eula = run("updates", "eula", ciId);
        assertThat(eula.code()).as(eula.err()).isZero();
        assertThat(eula.out()).isNotBlank();
        Result accept = run("updates", "accept-eula", ciId);
        assertThat(accept.code()).as(accept.err()).isZero();
        assertThat(accept.out()).startsWith("accepted the license terms of " + ciId);
        Result missing = run("updates", "show", "99999999");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("WBEM_E_NOT_FOUND");
        Result noEula = run("updates", "eula", "16777216");
        assertThat(noEula.code()).isEqualTo(1);
        assertThat(noEula.err()).contains("no license terms");
    }

    @Test
    void syncWaitsForTheResultAndReportsProgress() {
        Result r = run("sync", "--uri", "memory:demo?speed=600", "--wait", "--progress", "--timeout", "2m");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines()).extracting(l -> l.substring(0, 4)).containsExactly("6701", "6704", "6705", "6702");
        assertThat(r.out()).startsWith("synchronization requested at CAS (DELTA)").contains("CAS: succeeded in ")
                .doesNotContain("SyncResult[");
        Result json = run("sync", "--uri", "memory:demo?version=2007&speed=600", "--wait", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"site\":\"CEN\"").contains("\"outcome\":\"SUCCEEDED\"");
        assertThat(json.err()).isEmpty(); // no terminal: no progress unless asked
    }

    @Test
    void syncExitCodesSayTimeoutAndWrongSite() {
        Result timeout = run("sync", "--uri", "memory:demo?speed=1", "--wait", "--timeout", "1s");
        assertThat(timeout.code()).isEqualTo(3);
        assertThat(timeout.out()).contains("CAS: still synchronizing after 1 s (--timeout); the site goes on synchronizing")
                .contains("cm4j sync status --uri 'memory:demo?speed=1'");
        Result child = run("sync", "--site", "PS1");
        assertThat(child.code()).isEqualTo(1);
        assertThat(child.err()).contains("child site").contains("cm4j sync --site CAS").doesNotContain("root\\sms");
        Result triggered = run("sync");
        assertThat(triggered.code()).isZero();
        assertThat(triggered.out()).contains("synchronization requested at CAS (DELTA); watch it with: cm4j sync status");
        Result badTimeout = run("sync", "--wait", "--timeout", "soon");
        assertThat(badTimeout.code()).isEqualTo(2);
    }

    @Test
    void scfShowAndSetWithDryRun() {
        Result show = run("scf", "show", "--site", "PS1", "--component", "SMS_WSUS_SYNC_MANAGER");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("SMS_WSUS_SYNC_MANAGER").contains("Sync ExpressFiles");
        Result json = run("scf", "show", "--json", "--component", "SMS_WSUS_SYNC_MANAGER");
        assertThat(json.out()).contains("\"siteCode\":\"CAS\"").contains("\"name\":\"Sync Now\"");
        Result dry = run("scf", "set", "--site", "PS1", "--component", "SMS_WSUS_SYNC_MANAGER", "--property",
                "Sync ExpressFiles", "--value", "1", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Sync ExpressFiles 0 -> 1").contains("dry run");
        Result set = run("scf", "set", "--component", "SMS_WSUS_SYNC_MANAGER", "--property", "Sync ExpressFiles",
                "--value", "1");
        assertThat(set.out()).contains("committed to the site control file of CAS");
        Result unknown = run("scf", "set", "--component", "SMS_NOPE", "--property", "X", "--value", "1");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("SMS_NOPE");
        Result range = run("scf", "set", "--component", "SMS_WSUS_SYNC_MANAGER", "--property", "X", "--value", "-1");
        assertThat(range.code()).isEqualTo(1);
    }
}
