package io.github.cm4j.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.TransportException;
import io.github.cm4j.TransportNotFoundException;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.updates.UpdateQuery;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording a session of operations against the loopback WMI server (dcom://) and replaying it: the same output, the
 * same errors; a redacted recording holds neither the host names nor the user name and still replays; secrets are
 * never written; the size bound rotates files.
 */
class RecordAndReplayTest {
    private static final String PASSWORD = "Rec0rding-Secret!";
    private static final String USER = "sccmoperator7";
    /** A domain no other text of the simulator contains, to grep for. */
    private static final String DOMAIN = "wqzcorp.example";

    @TempDir
    Path dir;
    private WmiServer server;
    private String uri;

    @BeforeEach
    void start() {
        SimulatedProvider sim = SimulatedProvider.builder().catalogSize(60).domain(DOMAIN).build();
        server = WmiServer.builder().provider(sim).account("LABX", USER, PASSWORD).build();
        uri = "dcom://127.0.0.1:" + server.start() + "/CAS";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConfigMgr recording(Path file, String extra) {
        return ConfigMgr.builder().uri(uri + "?record=" + file + extra).credentials(Credentials.of("LABX\\" + USER, PASSWORD))
                .connect();
    }

    /** Operations of every kind; returns what they print. */
    private static String session(ConfigMgr cm) {
        List<String> out = new ArrayList<>();
        out.add(cm.site().toString());
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
            s.limit(25).forEach(u -> out.add(u.articleId() + " " + u.localizedDisplayName() + " " + u.ciId()));
        }
        SoftwareUpdate first;
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
            first = s.findFirst().orElseThrow();
        }
        SoftwareUpdate full = cm.softwareUpdates().loadLazy(first);
        out.add(String.valueOf(full.localizedEulas()));
        out.add(cm.softwareUpdates().content(first).toString());
        out.add(cm.softwareUpdatePoint().statuses().toString());
        out.add(cm.updateGroups().list().count() + " groups");
        out.add(cm.getClass("SMS_SoftwareUpdate").toMof());
        try (SiteControlSession scf = cm.siteControl().open()) {
            out.add(scf.component("SMS_WSUS_SYNC_MANAGER").toString());
        }
        try {
            cm.get("SMS_SoftwareUpdate.CI_ID=1");
            out.add("no error");
        } catch (WmiException e) {
            out.add(e.statusName() + " " + Integer.toHexString(e.hresult()));
        }
        try (Stream<WmiObject> s = cm.transport().query(cm.namespace(), "SELECT * FROM SMS_Site", QueryOptions.defaults(),
                WmiContext.empty().with("TraceId", "not-a-secret-42").with("Password", PASSWORD))) {
            out.add(s.count() + " sites");
        }
        return String.join("\n", out);
    }

    @Test
    void aRecordedSessionReplaysWithIdenticalOutput() throws IOException {
        Path file = dir.resolve("site.jsonl");
        String live;
        try (ConfigMgr cm = recording(file, "")) {
            live = session(cm);
        }
        String replayed;
        try (ConfigMgr cm = ConfigMgr.connect("replay:" + file)) {
            assertThat(cm.namespace()).isEqualTo("root\\sms\\site_CAS");
            replayed = session(cm);
        }
        assertThat(replayed).isEqualTo(live).contains("WBEM_E_NOT_FOUND").contains("3 sites");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("secrets").doesNotContain(PASSWORD);
        assertThat(text).contains("\"n\":\"Password\",\"secret\":true").contains("not-a-secret-42");
        assertThat(text.lines().filter(l -> l.contains("\"type\":\"class\"")).filter(l -> l.contains("\"name\":\"SMS_SoftwareUpdate\"")))
                .as("a class is written once per file (the instances' class part and GetObject's full definition differ)")
                .hasSizeBetween(1, 2);
        assertThat(text).contains("\"t\":\"BOOLEAN\"").contains("\"n\":\"lazy\"").contains("\"type\":\"error\"")
                .contains("\"hresult\":" + 0x80041002);
    }

    @Test
    void aCallTheRecordingNeverMadeFailsNamingIt() throws IOException {
        Path file = dir.resolve("small.jsonl");
        try (ConfigMgr cm = recording(file, "")) {
            assertThat(cm.query("SELECT * FROM SMS_Site").count()).isEqualTo(3);
        }
        try (ConfigMgr cm = ConfigMgr.connect("replay:" + file)) {
            assertThat(cm.query("SELECT * FROM SMS_Site").count()).isEqualTo(3);
            assertThatThrownBy(() -> cm.query("SELECT * FROM SMS_Site").count()).isInstanceOf(TransportException.class)
                    .hasMessageContaining("all replayed");
            assertThatThrownBy(() -> cm.query("SELECT Name FROM SMS_Site").count()).isInstanceOf(TransportException.class)
                    .hasMessageContaining("never made this call");
        }
    }

    @Test
    void aRedactedRecordingHoldsNoHostOrUserNameAndStillReplays() throws IOException {
        Path file = dir.resolve("redacted.jsonl");
        String live;
        try (ConfigMgr cm = recording(file, "&redact=hosts,users")) {
            live = session(cm);
        }
        assertThat(live).as("the live output names the hosts").contains(DOMAIN);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text.toLowerCase()).doesNotContain(DOMAIN).doesNotContain("cassite").doesNotContain(USER.toLowerCase())
                .doesNotContain("labx").doesNotContain("127.0.0.1");
        assertThat(text).contains("host-").contains("user-").contains("\"redact\":[\"hosts\",\"users\"]");
        String replayed;
        try (ConfigMgr cm = ConfigMgr.connect("replay:" + file)) {
            replayed = session(cm);
        }
        assertThat(replayed.lines().count()).isEqualTo(live.lines().count());
        assertThat(replayed).doesNotContain(DOMAIN).contains("3 sites").contains("WBEM_E_NOT_FOUND");
        // stable within a file: the top site's server has one token wherever it appears
        String server = replayed.lines().findFirst().orElseThrow().replaceAll(".*?(host-\\d+\\.domain-\\d+\\.invalid).*", "$1");
        assertThat(server).matches("host-\\d+\\.domain-\\d+\\.invalid");
        assertThat(text).contains(server);
    }

    @Test
    void theSizeBoundRotatesAndReplayReadsTheParts() throws IOException {
        Path file = dir.resolve("rotated.jsonl");
        String live;
        try (ConfigMgr cm = recording(file, "&recordmax=16k&recordfiles=50")) {
            live = session(cm);
        }
        assertThat(dir.resolve("rotated.jsonl.1")).exists();
        assertThat(Files.size(dir.resolve("rotated.jsonl.1"))).isLessThan(16 * 1024 + 64 * 1024);
        try (ConfigMgr cm = ConfigMgr.connect("replay:" + file)) {
            assertThat(session(cm)).isEqualTo(live);
        }
        try (ConfigMgr cm = recording(dir.resolve("two.jsonl"), "&recordmax=16k&recordfiles=2")) {
            session(cm);
        }
        assertThat(dir.resolve("two.jsonl.1")).exists();
        assertThat(dir.resolve("two.jsonl.2")).doesNotExist();
    }

    @Test
    void optionsOfTheRecordingAreCheckedAndNeverReachTheTransport() {
        // the server is shared by this class's tests (it counts open connections): the refused options add none
        int before = server.connectionCount(); // connections of earlier tests may still be closing
        assertThatThrownBy(() -> recording(dir.resolve("x.jsonl"), "&redact=hosts,planets"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("planets");
        assertThatThrownBy(() -> recording(dir.resolve("x.jsonl"), "&recordmax=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordmax=1");
        assertThatThrownBy(() -> ConfigMgr.connect(uri + "?redact=hosts", Credentials.of("LABX\\" + USER, PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record=FILE");
        assertThat(server.connectionCount()).as("open connections: the refused options opened none").isLessThanOrEqualTo(before);
    }

    @Test
    void withoutTheRecordingArtifactTheMessageNamesIt() {
        ClassLoader bare = new ClassLoader(null) {
        };
        assertThatThrownBy(() -> ConfigMgr.builder().uri("memory:demo?record=x.jsonl").provider(SimulatedProvider.demo().transportProvider())
                .classLoader(bare).connect()).isInstanceOf(TransportNotFoundException.class)
                .hasMessageContaining("io.github.cm4j:cm4j-recording");
    }
}
