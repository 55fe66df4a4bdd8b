package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.ContentDownloadException;
import io.github.cm4j.updates.ContentTrust;
import io.github.cm4j.updates.DownloadListener;
import io.github.cm4j.updates.DownloadedFile;
import io.github.cm4j.updates.SoftwareUpdates;
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
 * ({@code memory:demo?content=loopback}), so the download is real. Content served over HTTPS with a certificate the
 * JDK does not trust (an internal update source, a test server) is refused naming the certificate's subject and
 * fingerprint; {@code --tls-ca FILE} trusts the certificates of a PEM file and {@code --tls-pin sha256:...} exactly
 * one certificate ({@link ContentTrust}).
 *
 * <pre>
 * DownloadContent                                   (an Office update, German and English files)
 * DownloadContent --locales fr-FR --dir /tmp/updates
 * DownloadContent --uri dcom://sccm01.lab.local/PS1 --user LAB\admin --tls-ca wsus-ca.pem
 * </pre>
 */
public final class DownloadContent {
    private DownloadContent() {
    }

    /**
     * @param args {@code [--uri URI] [--user DOMAIN\\user] [--locales TAGS] [--dir DIRECTORY] [--tls-ca PEM-FILE |
     *     --tls-pin sha256:HEX]}
     */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(DownloadContent.class, withDefaultUri(args), "--locales TAGS", "--dir DIRECTORY",
                "--tls-ca PEM-FILE", "--tls-pin sha256:HEX");
        if (a.option("--tls-ca").isPresent() && a.option("--tls-pin").isPresent()) {
            throw a.usageError("--tls-ca and --tls-pin are alternatives: give one");
        }
        ContentTrust trust;
        try {
            trust = a.option("--tls-ca").map(f -> ContentTrust.caFile(Path.of(f)))
                    .or(() -> a.option("--tls-pin").map(ContentTrust::pin)).orElse(ContentTrust.jdk());
        } catch (IllegalArgumentException e) {
            throw a.usageError(e.getMessage());
        }
        Locale[] locales = Stream.of(a.option("--locales", "de-DE,en-US").split(",")).map(String::trim)
                .map(Locale::forLanguageTag).toArray(Locale[]::new);
        Path dir;
        try {
            dir = a.option("--dir").isPresent() ? Path.of(a.option("--dir").get()) : Files.createTempDirectory("cm4j-content");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean failed = false;
        try (ConfigMgr cm = a.connect()) {
            SoftwareUpdates updates = cm.softwareUpdates().withContentTrust(trust);
            SoftwareUpdate update;
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().titleContains("Office").build())) {
                update = s.filter(u -> cm.softwareUpdates().content(u).size() > 1).findFirst()
                        .orElseThrow(() -> a.usageError("no update with content per language"));
            }
            System.out.println(update);
            List<CiContentFile> files = cm.softwareUpdates().content(update, locales);
            System.out.println("  " + files.size() + " of " + cm.softwareUpdates().content(update).size() + " files match "
                    + List.of(locales));
            List<DownloadedFile> done;
            try {
                done = updates.downloadContent(update, dir, new DownloadListener() {
                    @Override
                    public void done(DownloadedFile f) {
                        System.out.println("  " + (f.downloaded() ? "downloaded " : "already there ") + f.path().getFileName()
                                + ", " + f.bytes() + " bytes, " + f.file().fileHash() + " verified");
                    }
                }, locales);
            } catch (ContentDownloadException e) {
                // one line, as every example reports a failed operation: a refused certificate names its subject and
                // fingerprint, which --tls-ca or --tls-pin can then trust
                System.err.println("DownloadContent: " + e.getMessage()
                        + (e.getMessage().contains("TLS") ? " (--tls-ca FILE or --tls-pin FINGERPRINT trusts a certificate)" : ""));
                failed = true;
                done = List.of();
            }
            System.out.println(done.size() + " file(s) in " + dir);
        }
        if (failed) {
            System.exit(1); // after the connection is closed
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
