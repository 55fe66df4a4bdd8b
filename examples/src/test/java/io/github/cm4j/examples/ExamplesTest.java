package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every example as a user does — its {@code main} in a fresh JVM against the embedded simulator — and checks
 * what a user relies on: the exit status and the lines that say what happened. So examples never rot.
 */
class ExamplesTest {
    /** The examples the tests below run; a new example fails {@link #everyExampleIsRunByATest} until it has a test. */
    private static final Set<Class<?>> TESTED = Set.of(SynchronizeSoftwareUpdatePoint.class,
            ListUpdatesMatchingCriteria.class, AcceptLicenseTerms.class, SetEnforcement.class,
            ResendUpdateToAllSites.class, EditSiteControlFile.class, CreateUpdateGroup.class, ContentForUpdate.class,
            CustomTransport.class, SeedSamplesVerbatim.class /* run by SeedSamplesVerbatimTest */, SchemaPerVersion.class,
            SafeWriteBack.class, CreateDeployment.class, DownloadContent.class);

    private static final Pattern CI_ID = Pattern.compile("ciId=(\\d+)");

    @Test
    void everyExampleIsRunByATest() throws IOException, URISyntaxException {
        Path classes = Path.of(ExampleArgs.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(ExampleArgs.class.getPackageName().replace('.', '/'));
        Set<String> withMain;
        try (Stream<Path> files = Files.list(classes)) {
            withMain = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> ExampleArgs.class.getPackageName() + "." + n.substring(0, n.length() - ".class".length()))
                    .filter(ExamplesTest::hasMain).collect(Collectors.toSet());
        }
        assertThat(withMain).containsExactlyInAnyOrderElementsOf(
                TESTED.stream().map(Class::getName).collect(Collectors.toSet()));
    }

    private static boolean hasMain(String className) {
        try {
            Method main = Class.forName(className).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
        }
    }

    // --- SynchronizeSoftwareUpdatePoint: the seed task, on both versions

    @ParameterizedTest
    @ValueSource(strings = {"", "memory:demo?version=2007"})
    void synchronizeWaitsForTheEndAndPrintsEveryStatusMessageInOrder(String uri) {
        ExampleRun run = uri.isEmpty() ? ExampleRun.of(SynchronizeSoftwareUpdatePoint.class)
                : ExampleRun.of(SynchronizeSoftwareUpdatePoint.class, "--uri", uri);
        String top = uri.isEmpty() ? "CAS" : "CEN";
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Started: DELTA synchronization at " + top)
                .contains(uri.isEmpty() ? "through SMS_SoftwareUpdate.SyncNow" : "through the Sync Now property")
                .contains("Result:  SUCCEEDED");
        List<String> messages = run.lines().stream().filter(l -> l.matches("  67\\d\\d " + top + " .*"))
                .map(l -> l.substring(2, 6)).toList();
        assertThat(messages).as(run.toString()).containsExactly("6701", "6704", "6705", "6702");
        assertThat(run.lines()).as("a status row per site").anyMatch(l -> l.startsWith("  " + top + "  DONE at "))
                .anyMatch(l -> l.startsWith("  PS1  "));
    }

    @Test
    void synchronizeAtAChildSiteChangesNothingAndNamesTheParent() {
        ExampleRun run = ExampleRun.of(SynchronizeSoftwareUpdatePoint.class, "--uri", "memory:demo?site=PS1");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("Not synchronized").contains("its parent is CAS");
        assertThat(run.stdout()).doesNotContain("Started:");
    }

    @Test
    void aFullSynchronizationIsRefusedOn2007BeforeAnythingChanges() {
        ExampleRun run = ExampleRun.of(SynchronizeSoftwareUpdatePoint.class, "--uri", "memory:demo?version=2007", "--full");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("not supported on ConfigMgr 2007 (4.00.6487.2000)");
    }

    @Test
    void synchronizeThatDoesNotEndInTimeExitsWith3() {
        // speed=0: the simulated clock stands still, so the synchronization never gets past 6701.
        ExampleRun run = ExampleRun.of(SynchronizeSoftwareUpdatePoint.class, "--uri", "memory:demo?speed=0",
                "--timeout", "2s");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(3);
        assertThat(run.stdout()).contains("Waiting up to 2s").contains("Result:  TIMED_OUT");
    }

    // --- the shared command line

    @Test
    void helpPrintsTheUsageAndExits0() {
        ExampleRun run = ExampleRun.of(SynchronizeSoftwareUpdatePoint.class, "--help");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).startsWith("usage: SynchronizeSoftwareUpdatePoint [--uri URI] [--user DOMAIN\\user]"
                + " [--full] [--timeout DURATION]");
    }

    @Test
    void aBadCommandLineSaysWhatIsWrongAndExits2() {
        ExampleRun unknown = ExampleRun.of(ListUpdatesMatchingCriteria.class, "--severity", "CRITICAL");
        assertThat(unknown.exitStatus()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown option '--severity'").contains("usage: ListUpdatesMatchingCriteria");

        ExampleRun missing = ExampleRun.of(ListUpdatesMatchingCriteria.class, "--limit");
        assertThat(missing.exitStatus()).isEqualTo(2);
        assertThat(missing.stderr()).contains("--limit needs a value");

        ExampleRun badValue = ExampleRun.of(ListUpdatesMatchingCriteria.class, "--min-severity", "HUGE");
        assertThat(badValue.exitStatus()).isEqualTo(2);
        assertThat(badValue.stderr()).contains("--min-severity takes NONE, LOW, MODERATE, IMPORTANT or CRITICAL");

        ExampleRun badCriteria = ExampleRun.of(ListUpdatesMatchingCriteria.class, "--article", "KB");
        assertThat(badCriteria.exitStatus()).as(badCriteria.toString()).isEqualTo(2);
        assertThat(badCriteria.stderr()).doesNotContain("\tat ");   // a message, not a stack trace
    }

    @Test
    void aTargetThatCannotBeReachedIsOneLineNotAStackTrace() {
        ExampleRun noTransport = ExampleRun.of(ContentForUpdate.class, "--uri", "nosuch://cm01/PS1");
        assertThat(noTransport.exitStatus()).as(noTransport.toString()).isEqualTo(1);
        assertThat(noTransport.stderr()).startsWith("ContentForUpdate: cannot connect to nosuch://cm01/PS1: ")
                .contains("no cm4j transport for the scheme 'nosuch:'").doesNotContain("\tat ");

        ExampleRun noHierarchy = ExampleRun.of(ContentForUpdate.class, "--uri", "memory:nosuch");
        assertThat(noHierarchy.exitStatus()).as(noHierarchy.toString()).isEqualTo(2);
        assertThat(noHierarchy.stderr()).startsWith("ContentForUpdate: --uri memory:nosuch: ").doesNotContain("\tat ");
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndIsNeverPrinted() {
        ExampleRun withoutPassword = ExampleRun.of(ContentForUpdate.class, "--user", "LAB\\cmadmin");
        assertThat(withoutPassword.exitStatus()).isEqualTo(2);
        assertThat(withoutPassword.stderr()).contains("set CM4J_PASSWORD");

        ExampleRun withPassword = ExampleRun.of(ContentForUpdate.class, Map.of("CM4J_PASSWORD", "s3cret-Pa55"),
                "--user", "LAB\\cmadmin");
        assertThat(withPassword.exitStatus()).as(withPassword.toString()).isZero();
        assertThat(withPassword.stdout() + withPassword.stderr()).doesNotContain("s3cret-Pa55");
    }

    // --- ListUpdatesMatchingCriteria

    @Test
    void listPrintsCriticalUnexpiredSecurityUpdatesNewestFirstAndCountsThem() {
        ExampleRun run = ExampleRun.of(ListUpdatesMatchingCriteria.class);
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("IsExpired = FALSE").contains("\"Security Updates\"");
        List<String> rows = run.lines().stream().filter(l -> l.matches("\\d{8} .*")).toList();
        assertThat(rows).hasSize(20).allMatch(r -> r.contains(" Critical "));
        List<String> posted = rows.stream().map(r -> r.split("\\s+")[3]).toList();
        assertThat(posted).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(run.stdout()).containsPattern("\\d+ updates match \\(the newest 20 shown");
    }

    @Test
    void listPrintsEveryMatchWhenTheLimitAllowsAndTheCountAgrees() {
        ExampleRun run = ExampleRun.of(ListUpdatesMatchingCriteria.class, "--product", "Windows 11", "--min-severity",
                "IMPORTANT", "--posted-after", "2023-01-01", "--all", "--limit", "100000");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).doesNotContain("IsExpired").doesNotContain("IsSuperseded");
        List<String> rows = run.lines().stream().filter(l -> l.matches("\\d{8} .*")).toList();
        assertThat(rows).hasSizeGreaterThan(1)
                .allMatch(r -> r.contains("Windows 11") && r.matches(".* (Important|Critical) +202[34]-.*"));
        assertThat(run.stdout()).contains(rows.size() + " updates match\n");
    }

    // --- AcceptLicenseTerms

    @Test
    void acceptShowsTheLazyTermsThenAcceptsThem() {
        ExampleRun run = ExampleRun.of(AcceptLicenseTerms.class);
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsPattern("\\d+ updates have license terms not accepted yet")
                .contains("From the query, LocalizedEulas <not loaded>")
                .contains("EULAAccepted = 0").contains("License terms (")
                .containsPattern("Accepted: EULAAccepted = 1, by \\S+ at 20");

        long ciId = firstCiId(run);
        ExampleRun declined = ExampleRun.of(AcceptLicenseTerms.class, "--ci-id", Long.toString(ciId), "--decline");
        assertThat(declined.exitStatus()).as(declined.toString()).isZero();
        assertThat(declined.stdout()).contains("ciId=" + ciId).contains("Declined: EULAAccepted = 2");
    }

    @Test
    void acceptingTermsOfAnUpdateWithoutThemFailsWith1168() {
        ExampleRun content = ExampleRun.of(ContentForUpdate.class);
        assertThat(content.lines().get(0)).startsWith("SoftwareUpdate{").doesNotContain("eula");
        long withoutTerms = firstCiId(content);
        ExampleRun run = ExampleRun.of(AcceptLicenseTerms.class, "--ci-id", Long.toString(withoutTerms));
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("ReturnValue 1168").contains("ERROR_NOT_FOUND");
    }

    // --- SetEnforcement

    @Test
    void setEnforcementSetsTheDeadlineGivenAndClearClearsIt() {
        ExampleRun set = ExampleRun.of(SetEnforcement.class, "--deadline", "2030-01-01T00:00:00Z");
        assertThat(set.exitStatus()).as(set.toString()).isZero();
        assertThat(set.stdout()).contains("flags=[deployed").contains("Enforced: EffectiveDate = 2030-01-01T00:00:00Z");

        ExampleRun cleared = ExampleRun.of(SetEnforcement.class, "--ci-id", Long.toString(firstCiId(set)), "--clear");
        assertThat(cleared.exitStatus()).as(cleared.toString()).isZero();
        assertThat(cleared.stdout()).contains("Cleared: EffectiveDate = (none)");

        ExampleRun bad = ExampleRun.of(SetEnforcement.class, "--deadline", "tomorrow");
        assertThat(bad.exitStatus()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--deadline takes an instant");
    }

    // --- ResendUpdateToAllSites

    @Test
    void resendIsExplainedOnCurrentBranchWithoutACall() {
        ExampleRun run = ExampleRun.of(ResendUpdateToAllSites.class);
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Not resent: resendToAllSites is not supported on ConfigMgr current branch")
                .contains("made no call").contains("--uri 'memory:demo?version=2007'");
    }

    @Test
    void resendRunsOn2007AndMarksTheUpdateModified() {
        ExampleRun run = ExampleRun.of(ResendUpdateToAllSites.class, "--uri", "memory:demo?version=2007");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("ConfigMgr 2007 (4.00.6487.2000)")
                .containsPattern("Resent to all sites: DateLastModified 20\\S+ -> 2024-06-11T");
    }

    // --- EditSiteControlFile

    @Test
    void editShowsTheDryRunDiffWithoutChangingAnythingThenCommits() {
        ExampleRun run = ExampleRun.of(EditSiteControlFile.class);
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.lines()).containsSubsequence(
                "Site CAS, SMS_WSUS_SYNC_MANAGER: Sync ExpressFiles = 0 (committed)",
                "Dry run, would change:",
                "  SMS_WSUS_SYNC_MANAGER|SMS Site Server: Sync ExpressFiles 0 -> 1",
                "After the dry run: Sync ExpressFiles = 0 (committed, unchanged)",
                "Committed:",
                "  SMS_WSUS_SYNC_MANAGER|SMS Site Server: Sync ExpressFiles 0 -> 1",
                "Now: Sync ExpressFiles = 1 (committed)");
    }

    @Test
    void editWithDryRunCommitsNothing() {
        ExampleRun run = ExampleRun.of(EditSiteControlFile.class, "--site", "PS1", "--property", "Sync ExpressFiles",
                "--value", "7", "--dry-run");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Site PS1,").contains("Sync ExpressFiles 0 -> 7").contains("unchanged")
                .doesNotContain("Committed");
    }

    @Test
    void editOfAPropertyTheComponentLacksNamesIt() {
        ExampleRun run = ExampleRun.of(EditSiteControlFile.class, "--property", "No Such Property");
        assertThat(run.exitStatus()).isEqualTo(1);
        assertThat(run.stderr()).contains("SMS_WSUS_SYNC_MANAGER has no embedded property 'No Such Property'")
                .doesNotContain("\tat ");
    }

    // --- CreateUpdateGroup

    @Test
    void createUpdateGroupGetsAKeyFromTheProviderAndListsExactlyItsMembers() {
        ExampleRun run = ExampleRun.of(CreateUpdateGroup.class, "--name", "Pilot ring", "--limit", "3");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        String chosen = run.lines().stream().filter(l -> l.startsWith("Updates to group: ")).findFirst().orElseThrow();
        List<String> chosenIds = Pattern.compile("\\d+").matcher(chosen).results().map(MatchResult::group).toList();
        assertThat(chosenIds).hasSize(3);
        assertThat(run.stdout()).containsPattern("Created: AuthorizationList\\{ciId=\\d+, \"Pilot ring\", 3 updates");
        List<String> members = run.lines().stream().filter(l -> l.startsWith("  SoftwareUpdate{")).map(l -> {
            Matcher m = CI_ID.matcher(l);
            return m.find() ? m.group(1) : "";
        }).toList();
        assertThat(members).containsExactlyInAnyOrderElementsOf(chosenIds);
        assertThat(run.stdout()).contains("Deployments of the group: 0");
    }

    // --- ContentForUpdate

    @Test
    void contentListsFilesWithSizeHashAndDownloadUrl() {
        ExampleRun run = ExampleRun.of(ContentForUpdate.class);
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsPattern("\\S+ +[\\d,]+ bytes  SHA1:[0-9A-F]{40}")
                .containsPattern("    https?://\\S+").containsPattern("  \\d files?, [\\d,]+ bytes");
    }

    @Test
    void contentByArticleIdShowsAFewAndCountsTheRest() {
        ExampleRun run = ExampleRun.of(ContentForUpdate.class, "--article", "KB890830");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.lines().stream().filter(l -> l.startsWith("SoftwareUpdate{"))).hasSize(5)
                .allMatch(l -> l.contains("KB890830"));
        assertThat(run.stdout()).containsPattern("\\.\\.\\. and \\d+ more updates with that article ID");
    }

    // --- issue 16: schema per version, safe writes, deployments, content download

    @Test
    void schemaPerVersionShowsThe2007ClassAndAnEmptyOptionalOnCurrentBranch() {
        ExampleRun old = ExampleRun.of(SchemaPerVersion.class);
        assertThat(old.exitStatus()).as(old.toString()).isZero();
        assertThat(old.stdout()).contains("SMS_SoftwareUpdate on ConfigMgr 2007: 59 properties, methods [AcceptEULA, GetEULA,"
                + " ResendObjectToAllSites, SetEnforcement]").contains("Only on 2007: [IsLegacyEnabled]")
                .contains("isLegacyEnabled() = Optional[false]");
        ExampleRun cb = ExampleRun.of(SchemaPerVersion.class, "--uri", "memory:demo");
        assertThat(cb.stdout()).contains("isLegacyEnabled() = Optional.empty (no such property on this version)");
    }

    @Test
    void safeWriteBackRefusesTheWholePutAndKeepsTheLicenseTerms() {
        for (String uri : new String[] {"memory:demo", "memory:demo?version=2007"}) {
            ExampleRun run = ExampleRun.of(SafeWriteBack.class, "--uri", uri, "--max-runtime", "45m");
            assertThat(run.exitStatus()).as(run.toString()).isZero();
            assertThat(run.stdout()).contains("LocalizedEulas loaded: false").contains("Whole put refused: refusing to write")
                    .contains("Partial put: custom severity Critical, license terms kept: 1")
                    .contains(uri.contains("2007") ? "MaxExecutionTime = 45 (minutes" : "MaxExecutionTime = 2700 (seconds)");
        }
    }

    @Test
    void createDeploymentCreatesTheRightClassOnEachVersion() {
        ExampleRun cb = ExampleRun.of(CreateDeployment.class);
        assertThat(cb.exitStatus()).as(cb.toString()).isZero();
        assertThat(cb.stdout()).contains("class SMS_UpdateGroupAssignment").contains("(assigned by the provider)");
        ExampleRun old = ExampleRun.of(CreateDeployment.class, "--uri", "memory:demo?version=2007");
        assertThat(old.exitStatus()).as(old.toString()).isZero();
        assertThat(old.stdout()).contains("class SMS_UpdatesAssignment").contains("template: DeploymentTemplate{");
    }

    @Test
    void downloadContentVerifiesTheFilesOfTheChosenLanguages(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        ExampleRun run = ExampleRun.of(DownloadContent.class, "--dir", dir.toString());
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("2 of 3 files match [de_DE, en_US]").containsPattern("downloaded \\S+-de-de\\.\\S+, \\d+ bytes, SHA1:[0-9A-F]{40} verified");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
    }

    // --- CustomTransport

    @Test
    void customTransportIsFoundByItsSchemeAndAuditsEveryChangeOnStandardError() {
        ExampleRun run = ExampleRun.of(CustomTransport.class);
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Connected: ConfigMgr[audit:memory:demo, root\\sms\\site_CAS] through"
                + " AuditTransport (found by its scheme)").contains("Change 1").contains("Change 2");
        List<String> audit = run.stderr().lines().filter(l -> l.startsWith("audit: ")).toList();
        assertThat(audit).as(run.toString()).hasSize(6);
        assertThat(audit.get(0)).matches("audit: ExecMethod root\\\\sms\\\\site_CAS SMS_SoftwareUpdate.CI_ID=\\d+ AcceptEULA: ok");
        assertThat(audit.get(1)).endsWith("SMS_SiteControlFile GetSessionHandle: ok");
        assertThat(audit.get(2)).endsWith("SMS_SiteControlFile RefreshSCF [SessionHandle]: ok");
        assertThat(audit.get(3)).startsWith("audit: PutInstance root\\sms\\site_CAS SMS_SCI_Component.")
                .endsWith("UPDATE_ONLY [SessionHandle]: ok");
        assertThat(audit.get(4)).endsWith("SMS_SiteControlFile CommitSCF [SessionHandle]: ok");
        assertThat(audit.get(5)).endsWith("SMS_SiteControlFile ReleaseSessionHandle: ok");
    }

    private static long firstCiId(ExampleRun run) {
        Matcher m = CI_ID.matcher(run.stdout());
        assertThat(m.find()).as("a CI_ID in %s", run).isTrue();
        return Long.parseLong(m.group(1));
    }
}
