package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.ContentServer;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.updates.ContentDownloadException;
import io.github.cm4j.updates.DownloadListener;
import io.github.cm4j.updates.DownloadedFile;
import io.github.cm4j.updates.UpdateQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content by language and its download, for real: the simulator's loopback HTTP content server serves seeded
 * bytes whose SHA-1 and size are the catalog's, and can corrupt a file or drop the connection mid-file.
 */
class ContentDownloadTest {
    private SimulatedProvider sim;
    private ContentServer server;
    private ConfigMgr cm;
    @TempDir
    Path dir;

    @BeforeEach
    void connect() {
        sim = SimulatedProvider.builder().clock(SimulatedClock.standard()).catalogSize(300).contentServer(true).build();
        server = sim.contentServer().orElseThrow();
        cm = ConfigMgr.builder().uri("memory:test").provider(sim.transportProvider()).connect();
    }

    @AfterEach
    void close() {
        cm.close();
        server.close();
    }

    /** An update with a file per language (an Office update) and one with a language-neutral file. */
    private SoftwareUpdate update(boolean perLanguage) {
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
            return s.filter(u -> (cm.softwareUpdates().content(u).size() == 3) == perLanguage)
                    .filter(u -> !cm.softwareUpdates().content(u).isEmpty()).findFirst().orElseThrow();
        }
    }

    private static String sha1(Path p) throws Exception {
        return "SHA1:" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(p)));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void contentIsFilteredByTheLocalesOfSmsCiToContent() {
        SoftwareUpdate office = update(true);
        assertThat(cm.softwareUpdates().content(office)).hasSize(3);
        List<CiContentFile> german = cm.softwareUpdates().content(office, Locale.GERMANY);
        assertThat(german).singleElement().satisfies(f -> {
            assertThat(f.fileName()).contains("-de-de.");
            assertThat(f.languageId()).isEqualTo(1031);
        });
        assertThat(cm.softwareUpdates().content(office, Locale.US, Locale.FRANCE)).extracting(CiContentFile::languageId)
                .containsExactlyInAnyOrder(1033L, 1036L);
        assertThat(cm.softwareUpdates().content(office, Locale.FRENCH)).extracting(CiContentFile::languageId)
                .containsExactly(1036L);
        assertThat(cm.softwareUpdates().content(office, Locale.JAPAN)).isEmpty();
        SoftwareUpdate neutral = update(false);
        assertThat(cm.softwareUpdates().content(neutral, Locale.JAPAN)).hasSize(1).first()
                .satisfies(f -> assertThat(f.languageId()).isZero());
        assertThatThrownBy(() -> cm.softwareUpdates().content(office, Locale.forLanguageTag("tlh-KX")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tlh-KX");
    }

    private List<String> packagesHolding(long contentId) {
        return cm.query("SELECT PackageID FROM SMS_PackageToContent WHERE ContentID = " + contentId)
                .map(o -> o.getString("PackageID")).toList();
    }

    @Test
    void aDeployedUpdatesPackageHoldsOneContentFilePerLanguageAndTwoLocalesPickTheirs() {
        // A deployed per-language (Office) update: the demo's size, where the last six months hold some.
        cm.close();
        server.close();
        sim = SimulatedProvider.builder().clock(SimulatedClock.standard()).contentServer(true).build();
        server = sim.contentServer().orElseThrow();
        cm = ConfigMgr.builder().uri("memory:test").provider(sim.transportProvider()).connect();
        SoftwareUpdate office;
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().contentProvisioned(true).build())) {
            office = s.filter(u -> cm.softwareUpdates().content(u).size() == 3).findFirst().orElseThrow();
        }
        List<CiContentFile> all = cm.softwareUpdates().content(office);
        // SMS_PackageToContent: every language's file is in the deployment package, not only the first language's.
        assertThat(all).allSatisfy(f -> assertThat(packagesHolding(f.contentId())).singleElement()
                .isEqualTo(packagesHolding(all.get(0).contentId()).get(0)));
        List<CiContentFile> two = cm.softwareUpdates().content(office, Locale.GERMANY, Locale.FRANCE);
        assertThat(two).extracting(CiContentFile::languageId).containsExactlyInAnyOrder(1031L, 1036L);
        assertThat(two).extracting(CiContentFile::fileName).allSatisfy(n -> assertThat(n).containsAnyOf("-de-de.", "-fr-fr."));
        assertThat(two).allSatisfy(f -> assertThat(packagesHolding(f.contentId())).hasSize(1));
    }

    @Test
    void aDownloadLandsWithItsDocumentedHashVerifiedAndIsNotFetchedTwice() throws Exception {
        SoftwareUpdate office = update(true);
        List<long[]> progress = new ArrayList<>();
        List<DownloadedFile> done = new ArrayList<>();
        DownloadListener listener = new DownloadListener() {
            @Override
            public void progress(CiContentFile file, long bytesSoFar, long totalBytes) {
                progress.add(new long[] {bytesSoFar, totalBytes});
            }

            @Override
            public void done(DownloadedFile result) {
                done.add(result);
            }
        };
        List<DownloadedFile> files = cm.softwareUpdates().downloadContent(office, dir, listener, Locale.GERMANY, Locale.US);
        assertThat(files).hasSize(2).allSatisfy(f -> {
            assertThat(f.downloaded()).isTrue();
            assertThat(f.path()).isRegularFile().hasParent(dir);
            assertThat(f.path().getFileName().toString()).isEqualTo(f.file().fileName());
            assertThat(f.bytes()).isEqualTo(f.file().fileSize()).isEqualTo(Files.size(f.path()));
        });
        for (DownloadedFile f : files) {
            assertThat(sha1(f.path())).isEqualTo(f.file().fileHash());
        }
        assertThat(done).isEqualTo(files);
        assertThat(progress).isNotEmpty().last().satisfies(p -> assertThat(p[0]).isEqualTo(p[1]));
        assertThat(leftovers()).hasSize(2);

        int requests = server.requests();
        List<DownloadedFile> again = cm.softwareUpdates().downloadContent(office, dir, Locale.GERMANY, Locale.US);
        assertThat(again).allSatisfy(f -> assertThat(f.downloaded()).isFalse());
        assertThat(server.requests()).as("verified files already there are not fetched again").isEqualTo(requests);

        // A file with the wrong bytes under the final name is replaced by a verified download.
        Path german = files.stream().map(DownloadedFile::path).filter(p -> p.toString().contains("-de-de.")).findFirst()
                .orElseThrow();
        Files.write(german, new byte[] {1, 2, 3});
        DownloadedFile replaced = cm.softwareUpdates().downloadContent(office, dir, Locale.GERMANY).get(0);
        assertThat(replaced.downloaded()).isTrue();
        assertThat(replaced.path()).isEqualTo(german);
        assertThat(sha1(replaced.path())).isEqualTo(replaced.file().fileHash());
    }

    @Test
    void aCorruptedFileIsRefusedAndLeavesNothingBehind() throws Exception {
        SoftwareUpdate neutral = update(false);
        CiContentFile file = cm.softwareUpdates().content(neutral).get(0);
        server.corrupt(file.contentId());
        assertThatThrownBy(() -> cm.softwareUpdates().downloadContent(neutral, dir))
                .isInstanceOfSatisfying(ContentDownloadException.class, e -> assertThat(e.fileName()).isEqualTo(file.fileName()))
                .hasMessageContaining("SHA-1 mismatch").hasMessageContaining(file.fileHash().substring(5))
                .hasMessageContaining("127.0.0.1");
        assertThat(leftovers()).isEmpty();
        server.heal();
        assertThat(cm.softwareUpdates().downloadContent(neutral, dir)).singleElement()
                .satisfies(f -> assertThat(f.downloaded()).isTrue());
    }

    @Test
    void aServerThatDropsMidFileLeavesNothingBehind() throws Exception {
        SoftwareUpdate neutral = update(false);
        CiContentFile file = cm.softwareUpdates().content(neutral).get(0);
        server.dropAfter(file.contentId(), 1000);
        AtomicLong seen = new AtomicLong();
        DownloadListener listener = new DownloadListener() {
            @Override
            public void progress(CiContentFile f, long bytesSoFar, long totalBytes) {
                seen.set(bytesSoFar);
            }
        };
        assertThatThrownBy(() -> cm.softwareUpdates().downloadContent(neutral, dir, listener))
                .isInstanceOf(ContentDownloadException.class).hasMessageContaining(file.fileName())
                .hasMessageContaining("nothing was kept");
        assertThat(seen.get()).isLessThan(file.fileSize());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFileNameThatWouldLeaveTheDirectoryOrAnUnverifiableHashIsRefused() {
        CiContentFile base = cm.softwareUpdates().content(update(false)).get(0);
        io.github.cm4j.internal.ContentDownloader d = new io.github.cm4j.internal.ContentDownloader(
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> d.download(base.withFileName("../evil.exe"), dir,
                DownloadListener.NONE)).isInstanceOf(ContentDownloadException.class).hasMessageContaining("not a plain file name");
        assertThatThrownBy(() -> d.download(base.withFileHash("MD5:00"), dir,
                DownloadListener.NONE)).isInstanceOf(ContentDownloadException.class).hasMessageContaining("cannot verify");
        assertThat(server.requests()).isZero();
    }
}
