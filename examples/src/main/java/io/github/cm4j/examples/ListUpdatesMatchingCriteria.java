package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.Severity;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Lists the software updates matching criteria, as {@code Get-CMSoftwareUpdate} does in PowerShell, newest
 * first: by default the critical security updates that are neither expired nor superseded.
 *
 * <pre>
 * ListUpdatesMatchingCriteria
 * ListUpdatesMatchingCriteria --product "Windows 11" --min-severity IMPORTANT --posted-after 2024-01-01
 * ListUpdatesMatchingCriteria --article KB890830 --all
 * ListUpdatesMatchingCriteria --title "Cumulative Update" --limit 5
 * </pre>
 *
 * Values are escaped into the WQL by cm4j (a title with {@code '} or {@code %} is matched as written). Query
 * results come without their lazy properties (license terms, localized texts): see {@link AcceptLicenseTerms}
 * for reading them.
 */
public final class ListUpdatesMatchingCriteria {
    private ListUpdatesMatchingCriteria() {
    }

    /**
     * @param args {@code [--uri URI] [--user DOMAIN\\user] [--article KB] [--title TEXT] [--product NAME]
     *             [--classification NAME] [--min-severity LEVEL] [--posted-after yyyy-mm-dd] [--all] [--limit N]}
     */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(ListUpdatesMatchingCriteria.class, args, "--article KB", "--title TEXT",
                "--product NAME", "--classification NAME", "--min-severity NONE|LOW|MODERATE|IMPORTANT|CRITICAL",
                "--posted-after yyyy-mm-dd", "--all", "--limit N");

        UpdateQuery query;
        try {
            query = criteria(a);
        } catch (IllegalArgumentException e) {   // cm4j checks criteria before any call: an empty title, KB, ...
            throw a.usageError(e.getMessage());
        }
        long limit = a.longOption("--limit", 20);
        System.out.println("Criteria: " + query);

        List<SoftwareUpdate> found;
        try (ConfigMgr cm = a.connect();
             Stream<SoftwareUpdate> updates = cm.softwareUpdates().find(query)) {   // streams in batches; close it
            found = updates.toList();
        }
        // Newest first (WQL through the SMS Provider has ORDER BY too; sorting here keeps the criteria portable).
        List<SoftwareUpdate> newestFirst = found.stream().sorted(Comparator.comparing(
                (SoftwareUpdate u) -> u.datePosted().orElse(Instant.EPOCH)).reversed()).limit(limit).toList();
        System.out.printf("%-9s %-10s %-9s %-10s %s%n", "CI_ID", "article", "severity", "posted", "title");
        for (SoftwareUpdate u : newestFirst) {
            System.out.printf("%-9d %-10s %-9s %-10s %s%n", u.ciId(), "KB" + u.articleId(), u.severity().text(),
                    u.datePosted().map(t -> t.atOffset(ZoneOffset.UTC).toLocalDate().toString()).orElse(""),
                    u.localizedDisplayName());
        }
        System.out.println(found.size() + (found.size() == 1 ? " update matches" : " updates match")
                + (found.size() > limit ? " (the newest " + limit + " shown; --limit N for more)" : ""));
    }

    private static UpdateQuery criteria(ExampleArgs a) {
        // AND between criteria, OR between the values of one criterion.
        UpdateQuery.Builder criteria = UpdateQuery.builder();
        boolean anyGiven = Stream.of("--article", "--title", "--product", "--classification", "--min-severity",
                "--posted-after").anyMatch(name -> a.option(name).isPresent());
        if (!anyGiven) {
            criteria.classification("Security Updates").minSeverity(Severity.CRITICAL);
        }
        a.option("--article").ifPresent(criteria::articleId);
        a.option("--title").ifPresent(criteria::titleContains);
        a.option("--product").ifPresent(criteria::product);
        a.option("--classification").ifPresent(criteria::classification);
        a.option("--min-severity").ifPresent(s -> criteria.minSeverity(severity(s)));
        a.option("--posted-after").ifPresent(d -> criteria.datePostedBetween(date(d), null));
        if (!a.flag("--all")) {
            criteria.expired(false).superseded(false);   // what is still worth deploying
        }
        return criteria.build();
    }

    private static Severity severity(String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--min-severity takes NONE, LOW, MODERATE, IMPORTANT or CRITICAL, not '"
                    + text + "'");
        }
    }

    private static Instant date(String text) {
        try {
            return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--posted-after takes a date as yyyy-mm-dd, not '" + text + "'");
        }
    }
}
