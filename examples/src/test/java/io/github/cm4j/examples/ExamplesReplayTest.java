package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example run over {@code dcom://} against the loopback server with {@code record=FILE}, then run again with
 * {@code --uri replay:FILE} and no server: the output is identical (issue 21). With {@code redact=hosts,users} the
 * recording contains neither the server's host name nor the user name, and still replays.
 */
class ExamplesReplayTest {
    private static final String PASSWORD = "Replay-Secret1!";
    private static final String USER = "replayoperator";
    private static final String DOMAIN = "zqreplay.example";

    @TempDir
    Path dir;
    private WmiServer server;
    private String uri;

    @BeforeEach
    void start() {
        server = WmiServer.builder().provider(SimulatedProvider.builder().domain(DOMAIN).build())
                .account("LAB", USER, PASSWORD).build();
        uri = "dcom://127.0.0.1:" + server.start() + "/CAS";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of(ListUpdatesMatchingCriteria.class, new String[] {"--product", "Windows 10", "--limit", "20"}),
                Arguments.of(ContentForUpdate.class, new String[0]),
                Arguments.of(AcceptLicenseTerms.class, new String[0]),
                Arguments.of(EditSiteControlFile.class, new String[] {"--site", "PS1", "--value", "3"}),
                Arguments.of(CreateUpdateGroup.class, new String[0]),
                Arguments.of(SetEnforcement.class, new String[0]));
    }

    private static String[] args(String target, String[] options, boolean user) {
        String[] head = user ? new String[] {"--uri", target, "--user", "LAB\\" + USER} : new String[] {"--uri", target};
        String[] all = new String[head.length + options.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(options, 0, all, head.length, options.length);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void anExamplePrintsTheSameOnReplayAsLive(Class<?> example, String[] options) {
        Path file = dir.resolve(example.getSimpleName() + ".jsonl");
        ExampleRun live = ExampleRun.of(example, Map.of("CM4J_PASSWORD", PASSWORD), args(uri + "?record=" + file, options, true));
        assertThat(live.exitStatus()).as(live.toString()).isZero();
        ExampleRun replay = ExampleRun.of(example, args("replay:" + file, options, false));
        assertThat(replay.exitStatus()).as(replay.toString()).isZero();
        assertThat(replay.stdout()).isEqualTo(live.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void aRecordingRedactedForHostsAndUsersNamesNeitherAndStillReplays(Class<?> example, String[] options) throws IOException {
        Path file = dir.resolve(example.getSimpleName() + "-redacted.jsonl");
        ExampleRun live = ExampleRun.of(example, Map.of("CM4J_PASSWORD", PASSWORD),
                args(uri + "?record=" + file + "&redact=hosts,users", options, true));
        assertThat(live.exitStatus()).as(live.toString()).isZero();
        String text = Files.readString(file, StandardCharsets.UTF_8).toLowerCase();
        assertThat(text).contains("\"type\":\"call\"").doesNotContain(DOMAIN).doesNotContain("cassite")
                .doesNotContain(USER).doesNotContain("127.0.0.1").doesNotContain(PASSWORD.toLowerCase());
        ExampleRun replay = ExampleRun.of(example, args("replay:" + file, options, false));
        assertThat(replay.exitStatus()).as(replay.toString()).isZero();
        assertThat(replay.stdout().lines().count()).isEqualTo(live.stdout().lines().count());
        assertThat(replay.stdout()).doesNotContain(DOMAIN);
    }
}
