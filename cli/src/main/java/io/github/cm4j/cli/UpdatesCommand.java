package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.Models;
import io.github.cm4j.model.Severity;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j updates list|show|eula|accept-eula|set}: software updates through {@link SoftwareUpdates}. */
@Command(name = "updates", description = "Software updates: list by criteria, show one, read or accept license terms.",
        subcommands = {UpdatesCommand.ListUpdates.class, UpdatesCommand.Show.class, UpdatesCommand.Eula.class,
            UpdatesCommand.AcceptEula.class, UpdatesCommand.Set.class})
final class UpdatesCommand {

    /** Resolves {@code 16777300} (a CI_ID) or {@code KB5034441} (an article with exactly one update). */
    static SoftwareUpdate resolve(SoftwareUpdates updates, String id) {
        if (id.matches("\\d+") && id.length() >= 8) {
            return updates.get(Long.parseLong(id));
        }
        List<SoftwareUpdate> found = updates.findByArticleId(id);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no update with article ID " + id + " (give a CI_ID or a KB number)");
        }
        if (found.size() > 1) {
            // a few candidates, not hundreds of titles on one line
            int shown = Math.min(5, found.size());
            StringBuilder sb = new StringBuilder(id + " matches " + found.size() + " updates; give one CI_ID, e.g.");
            for (SoftwareUpdate u : found.subList(0, shown)) {
                String title = u.localizedDisplayName();
                sb.append("\n  ").append(u.ciId()).append("  ").append(title.length() > 70 ? title.substring(0, 69) + "…" : title);
            }
            if (found.size() > shown) {
                sb.append("\n  ... 'cm4j updates list --article ").append(id).append("' lists all ").append(found.size());
            }
            throw new IllegalArgumentException(sb.toString());
        }
        return updates.get(found.get(0).ciId());
    }

    /** {@code cm4j updates list}. */
    @Command(name = "list", description = "List updates matching criteria (Get-CMSoftwareUpdate's filters).")
    static final class ListUpdates implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--article", paramLabel = "KB", split = ",", description = "Article IDs (KB prefix optional).")
        List<String> articles = new ArrayList<>();
        @Option(names = "--bulletin", paramLabel = "ID", split = ",", description = "Bulletin IDs, e.g. MS17-010.")
        List<String> bulletins = new ArrayList<>();
        @Option(names = "--title", paramLabel = "TEXT", description = "Title contains (case-insensitive).")
        String title;
        @Option(names = "--category", paramLabel = "NAME", split = ",",
                description = "Product, classification or other category names (any of them); repeat for AND.")
        List<String> categories = new ArrayList<>();
        @Option(names = "--severity", paramLabel = "S", split = ",", description = "Severities: ${COMPLETION-CANDIDATES}.")
        List<Severity> severities = new ArrayList<>();
        @Option(names = "--min-severity", paramLabel = "S", description = "This severity or higher.")
        Severity minSeverity;
        @Option(names = "--posted-after", paramLabel = "DATE", description = "DatePosted on or after (yyyy-mm-dd).")
        LocalDate postedAfter;
        @Option(names = "--posted-before", paramLabel = "DATE", description = "DatePosted on or before (yyyy-mm-dd).")
        LocalDate postedBefore;
        @Option(names = "--expired", arity = "1", paramLabel = "BOOL", description = "IsExpired true|false.")
        Boolean expired;
        @Option(names = "--superseded", arity = "1", paramLabel = "BOOL", description = "IsSuperseded true|false.")
        Boolean superseded;
        @Option(names = "--deployed", arity = "1", paramLabel = "BOOL", description = "IsDeployed true|false.")
        Boolean deployed;
        @Option(names = "--eula", arity = "1", paramLabel = "BOOL", description = "Has license terms true|false.")
        Boolean eula;
        @Option(names = "--eula-accepted", arity = "1", paramLabel = "BOOL", description = "License terms accepted true|false.")
        Boolean eulaAccepted;
        @Option(names = "--content-provisioned", arity = "1", paramLabel = "BOOL",
                description = "Content downloaded to a package true|false (IsContentProvisioned).")
        Boolean contentProvisioned;
        @Option(names = "--latest", arity = "1", paramLabel = "BOOL", description = "IsLatest true|false (current branch).")
        Boolean latest;
        @Option(names = "--offline-serviceable", arity = "1", paramLabel = "BOOL",
                description = "IsOfflineServiceable true|false (current branch).")
        Boolean offlineServiceable;
        @Option(names = "--user-defined", arity = "1", paramLabel = "BOOL", description = "IsUserDefined true|false (current branch).")
        Boolean userDefined;
        @Option(names = "--vendor", paramLabel = "NAME", split = ",", description = "Vendor (company category), e.g. Microsoft.")
        List<String> vendors = new ArrayList<>();
        @Option(names = "--revised-after", paramLabel = "DATE", description = "DateRevised on or after (yyyy-mm-dd).")
        LocalDate revisedAfter;
        @Option(names = "--revised-before", paramLabel = "DATE", description = "DateRevised on or before (yyyy-mm-dd).")
        LocalDate revisedBefore;
        @Option(names = "--group", paramLabel = "NAME", description = "Members of this update group.")
        String group;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N rows (0: all).")
        int limit;
        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            if (limit < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit takes 0 (all) or a positive count, not " + limit);
            }
            UpdateQuery.Builder q = UpdateQuery.builder();
            articles.forEach(q::articleId);
            bulletins.forEach(q::bulletinId);
            if (title != null) {
                q.titleContains(title);
            }
            if (!categories.isEmpty()) {
                q.category(categories.toArray(String[]::new));
            }
            q.severity(severities.toArray(Severity[]::new));
            if (minSeverity != null) {
                q.minSeverity(minSeverity);
            }
            q.datePostedBetween(postedAfter == null ? null : postedAfter.atStartOfDay().toInstant(ZoneOffset.UTC),
                    postedBefore == null ? null : postedBefore.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1));
            if (expired != null) {
                q.expired(expired);
            }
            if (superseded != null) {
                q.superseded(superseded);
            }
            if (deployed != null) {
                q.deployed(deployed);
            }
            if (eula != null) {
                q.eulaExists(eula);
            }
            if (eulaAccepted != null) {
                q.eulaAccepted(eulaAccepted);
            }
            if (contentProvisioned != null) {
                q.contentProvisioned(contentProvisioned);
            }
            if (latest != null) {
                q.latest(latest);
            }
            if (offlineServiceable != null) {
                q.offlineServiceable(offlineServiceable);
            }
            if (userDefined != null) {
                q.userDefined(userDefined);
            }
            if (!vendors.isEmpty()) {
                q.vendor(vendors.toArray(String[]::new));
            }
            q.dateRevisedBetween(revisedAfter == null ? null : revisedAfter.atStartOfDay().toInstant(ZoneOffset.UTC),
                    revisedBefore == null ? null : revisedBefore.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1));
            if (group != null) {
                q.updateGroup(group);
            }
            UpdateQuery query = q.build();
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect(); Stream<SoftwareUpdate> s = cm.softwareUpdates().find(query)) {
                Stream<SoftwareUpdate> limited = limit > 0 ? s.limit(limit) : s;
                if (output.format() == OutputOptions.Format.TABLE) {
                    Printer.Result r = Printer.print(out, output, COLUMNS, limited.map(ListUpdates::row).iterator(),
                            new String[] {"update", "updates"}, "(no updates" + hint() + ")");
                    return 0;
                }
                // every other format: the whole object, the same values a query of SMS_SoftwareUpdate gives
                Printer.print(out, output, List.of(), limited.map(u -> QueryCommand.toJson(Models.toWmiObject(u))).iterator(),
                        new String[] {"update", "updates"}, "(no updates)");
            }
            return 0;
        }

        private static final List<String> COLUMNS = List.of("CI_ID", "Article", "Severity", "Posted", "Flags", "Title");

        /** A table row: values of the same properties the JSON line holds, in short columns. */
        private static Map<String, Object> row(SoftwareUpdate u) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("CI_ID", u.ciId());
            m.put("Article", u.articleId().isEmpty() ? "" : "KB" + u.articleId());
            m.put("Severity", u.severity().toString());
            m.put("Posted", u.datePosted().map(d -> d.atOffset(ZoneOffset.UTC).toLocalDate().toString()).orElse(""));
            m.put("Flags", flags(u));
            m.put("Title", u.localizedDisplayName());
            return m;
        }

        /** @return why a filter may have matched nothing, for the empty table */
        private String hint() {
            if (!categories.isEmpty()) {
                return ": no update is in the categor" + (categories.size() == 1 ? "y " : "ies ") + String.join(", ", categories)
                        + "; 'cm4j query \"SELECT LocalizedCategoryInstanceName FROM SMS_UpdateCategoryInstance\"' lists the names";
            }
            return "";
        }

        private static String flags(SoftwareUpdate u) {
            StringBuilder f = new StringBuilder();
            f.append(u.isDeployed() ? 'D' : '-').append(u.isSuperseded() ? 'S' : '-').append(u.isExpired() ? 'X' : '-')
                    .append(u.eulaExists() ? 'E' : '-');
            return f.toString();
        }
    }

    /** {@code cm4j updates show}. */
    @Command(name = "show", description = "Show one update with its lazy properties (MOF, or JSON with --json).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(paramLabel = "ID", description = "A CI_ID or a KB article ID.")
        String id;
        @Option(names = "--json", description = "One JSON object.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect()) {
                SoftwareUpdate u = resolve(cm.softwareUpdates(), id);
                out.println(json ? Json.write(QueryCommand.toJson(Models.toWmiObject(u))) : Models.toWmiObject(u).toMof());
            }
            return 0;
        }
    }

    /** {@code cm4j updates eula}. */
    @Command(name = "eula", description = "Print the license terms of an update (GetEULA).")
    static final class Eula implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(paramLabel = "ID", description = "A CI_ID or a KB article ID.")
        String id;

        @Override
        public Integer call() {
            try (ConfigMgr cm = target.connect()) {
                SoftwareUpdate u = resolve(cm.softwareUpdates(), id);
                if (!u.eulaExists()) {
                    spec.commandLine().getErr().println("cm4j: update " + u.ciId() + " has no license terms");
                    return Cm4j.EXIT_FAILED;
                }
                spec.commandLine().getOut().println(cm.softwareUpdates().getEula(u));
            }
            return 0;
        }
    }

    /** {@code cm4j updates set}: the two read/write properties of an update (Set-CMSoftwareUpdate). */
    @Command(name = "set", description = {"Set an update's custom severity and/or maximum run time (the read/write"
            + " properties of SMS_SoftwareUpdate, as Set-CMSoftwareUpdate does). Only these properties are written;"
            + " the update's other properties, lazy ones included, are left untouched."})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(paramLabel = "ID", description = "A CI_ID or a KB article ID.")
        String id;
        @Option(names = "--custom-severity", paramLabel = "S",
                description = "None, Low, Moderate, Important or Critical (None clears it).")
        String customSeverity;
        @Option(names = "--max-runtime", paramLabel = "DURATION", converter = SyncCommand.DurationConverter.class,
                description = "Maximum run time, e.g. 45m, 2h (whole minutes on ConfigMgr 2007).")
        java.time.Duration maxRuntime;
        @Option(names = "--json", description = "Print the update afterwards as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            if (customSeverity == null && maxRuntime == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give --custom-severity, --max-runtime or both");
            }
            io.github.cm4j.model.Severity severity = null;
            if (customSeverity != null) {
                for (io.github.cm4j.model.Severity s : io.github.cm4j.model.Severity.values()) {
                    if (!s.isUnrecognized() && s.text().equalsIgnoreCase(customSeverity.trim())) {
                        severity = s;
                    }
                }
                if (severity == null) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--custom-severity must be"
                            + " None, Low, Moderate, Important or Critical, not '" + customSeverity + "'");
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect()) {
                SoftwareUpdates updates = cm.softwareUpdates();
                SoftwareUpdate u = resolve(updates, id);
                if (maxRuntime != null) {
                    try {
                        SoftwareUpdates.maxExecutionTimeValue(cm.site().version(), maxRuntime);
                    } catch (IllegalArgumentException e) {
                        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-runtime: " + e.getMessage());
                    }
                }
                if (severity != null) {
                    u = updates.setCustomSeverity(u, severity);
                }
                if (maxRuntime != null) {
                    u = updates.setMaxExecutionTime(u, maxRuntime);
                }
                if (json) {
                    out.println(Json.write(QueryCommand.toJson(Models.toWmiObject(u))));
                } else {
                    out.println("set " + u.ciId() + " " + u.localizedDisplayName() + ": custom severity "
                            + u.customSeverity().text() + ", maximum run time "
                            + SoftwareUpdates.maxExecutionTime(cm.site().version(), u.maxExecutionTime()).toMinutes() + " min");
                }
            }
            return 0;
        }
    }

    /** {@code cm4j updates accept-eula}. */
    @Command(name = "accept-eula", description = "Accept (or with --decline, decline) the license terms of an update.")
    static final class AcceptEula implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(paramLabel = "ID", description = "A CI_ID or a KB article ID.")
        String id;
        @Option(names = "--decline", description = "Decline instead of accepting.")
        boolean decline;

        @Override
        public Integer call() {
            try (ConfigMgr cm = target.connect()) {
                SoftwareUpdate u = resolve(cm.softwareUpdates(), id);
                cm.softwareUpdates().acceptEula(u, !decline);
                spec.commandLine().getOut().println((decline ? "declined" : "accepted") + " the license terms of "
                        + u.ciId() + " " + u.localizedDisplayName());
                target.noteChangesEndWithThisCommand(spec.commandLine().getErr());
            }
            return 0;
        }
    }


}
