package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.DownloadListener;
import io.github.cm4j.updates.DownloadedFile;
import io.github.cm4j.updates.UpdateQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Downloads an update's content in the user's languages and verifies each file's documented hash before moving
 * it into place. The default target is the simulator with its loopback content server
 * ({@code memory:demo?content=loopback}), so the download is real.
 *
 * <pre>
 * DownloadContent                                   (an Office update, German and English files)
 * DownloadContent --locales fr-FR --dir /tmp/updates
 * </pre>
 */
public final class DownloadContent {
    private DownloadContent() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user] [--locales TAGS] [--dir DIRECTORY]} */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(DownloadContent.class, withDefaultUri(args), "--locales TAGS", "--dir DIRECTORY");
        Locale[] locales = Stream.of(a.option("--locales", "de-DE,en-US").split(",")).map(String::trim)
                .map(Locale::forLanguageTag).toArray(Locale[]::new);
        Path dir;
        try {
            dir = a.option("--dir").isPresent() ? Path.of(a.option("--dir").get()) : Files.createTempDirectory("cm4j-content");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ConfigMgr cm = a.connect()) {
            SoftwareUpdate update;
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().titleContains("Office").build())) {
                update = s.filter(u -> cm.softwareUpdates().content(u).size() > 1).findFirst()
                        .orElseThrow(() -> a.usageError("no update with content per language"));
            }
            System.out.println(update);
            List<CiContentFile> files = cm.softwareUpdates().content(update, locales);
            System.out.println("  " + files.size() + " of " + cm.softwareUpdates().content(update).size() + " files match "
                    + List.of(locales));
            List<DownloadedFile> done = cm.softwareUpdates().downloadContent(update, dir, new DownloadListener() {
                @Override
                public void done(DownloadedFile f) {
                    System.out.println("  " + (f.downloaded() ? "downloaded " : "already there ") + f.path().getFileName()
                            + ", " + f.bytes() + " bytes, " + f.file().fileHash() + " verified");
                }
            }, locales);
            System.out.println(done.size() + " file(s) in " + dir);
        }
    }

    private static String[] withDefaultUri(String[] args) {
        for (String arg : args) {
            if (arg.equals("--uri") || arg.startsWith("--uri=")) {
                return args;
            }
        }
        String[] out = new String[args.length + 2];
        out[0] = "--uri";
        out[1] = "memory:demo?content=loopback";
        System.arraycopy(args, 0, out, 2, args.length);
        return out;
    }
}
