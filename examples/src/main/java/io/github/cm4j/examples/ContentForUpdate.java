package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.util.List;

/**
 * Lists the content files of software updates — file name, size, hash and the Microsoft Update URL they are
 * downloaded from ({@code SMS_CIContentFiles} of the update's {@code SMS_CIToContent} rows, one query).
 *
 * <pre>
 * ContentForUpdate                         (the first update whose content is provisioned)
 * ContentForUpdate --article KB890830      (the updates with that article ID: one per product and release)
 * ContentForUpdate --ci-id 16777300
 * </pre>
 */
public final class ContentForUpdate {
    /** Updates listed at most (an article ID such as KB890830 names one update per month and product). */
    private static final int SHOWN = 5;

    private ContentForUpdate() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--article KB] [--ci-id N]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(ContentForUpdate.class, args, "--article KB", "--ci-id N");

        try (ConfigMgr cm = a.connect()) {
            SoftwareUpdates updates = cm.softwareUpdates();
            List<SoftwareUpdate> chosen = a.option("--article").isPresent()
                    ? updates.findByArticleId(a.option("--article").get())   // "KB" prefix or not
                    : List.of(a.updateOrFirst(updates, UpdateQuery.builder().contentProvisioned(true).build()));
            if (chosen.isEmpty()) {
                System.out.println("No update has the article ID " + a.option("--article").get());
            }
            for (SoftwareUpdate update : chosen.subList(0, Math.min(chosen.size(), SHOWN))) {
                System.out.println(update);
                List<CiContentFile> files = updates.content(update);
                long total = 0;
                for (CiContentFile f : files) {
                    System.out.printf("  %-48s %,14d bytes  %s%n    %s%n", f.fileName(), f.fileSize(), f.fileHash(),
                            f.sourceUrl());
                    total += f.fileSize();
                }
                System.out.printf("  %d file%s, %,d bytes%n", files.size(), files.size() == 1 ? "" : "s", total);
            }
            if (chosen.size() > SHOWN) {
                System.out.println("... and " + (chosen.size() - SHOWN) + " more updates with that article ID;"
                        + " --ci-id N shows one");
            }
        }
    }
}
