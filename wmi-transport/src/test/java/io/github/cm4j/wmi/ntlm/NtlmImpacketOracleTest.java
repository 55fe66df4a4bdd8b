package io.github.cm4j.wmi.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.impacket.ImpacketHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * impacket 0.10's ntlm.py as an oracle ({@code ntlm_oracle.py}): it recomputes from the same inputs what our client
 * must send and what our sessions must produce, and it plays the client against our server. Skipped when
 * {@code /usr/bin/python3} cannot import impacket.
 */
class NtlmImpacketOracleTest {
    private static final List<byte[]> MESSAGES = List.of("first stub".getBytes(StandardCharsets.UTF_8), new byte[0],
            new byte[1000], "x".repeat(5000).getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void impacket() throws Exception {
        ImpacketHarness.assumeAvailable();
        script = ImpacketHarness.script(NtlmImpacketOracleTest.class, "ntlm_oracle.py", dir);
    }

    /** The sample messages as the harness reads them: comma-separated hex, sent as text. */
    private static byte[] messagesArgument() {
        return ImpacketHarness.text(String.join(",", MESSAGES.stream().map(HexFormat.of()::formatHex).toList()));
    }

    private static Map<String, byte[]> run(String mode, Map<String, byte[]> args) throws Exception {
        return ImpacketHarness.run(script, mode, args);
    }

    @Test
    void impacketAgreesWithEveryValueOurClientComputes() throws Exception {
        checkClient(Credentials.of("LAB\\Alice", "Pa55w\u00f6rd"), Map.of("password", ImpacketHarness.text("Pa55w\u00f6rd")));
    }

    @Test
    void impacketAgreesWithOurClientUsingAnNtHash() throws Exception {
        String hash = "8846f7eaee8fb117ad06bdd830b7586c"; // NT hash of "password"
        checkClient(Credentials.ofNtHash("LAB\\bob", hash), Map.of("nthash", HexFormat.of().parseHex(hash)));
    }

    private void checkClient(Credentials credentials, Map<String, byte[]> secret) throws Exception {
        NtlmServer server = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(credentials).build();
        NtlmClient.Context c = NtlmClient.of(credentials).newContext();
        NtlmServer.Context s = server.newContext();
        byte[] negotiate = c.negotiate();
        byte[] challenge = s.challenge(negotiate);
        byte[] authenticate = c.authenticate(challenge);
        NtlmSession clientEnd = c.session();
        NtlmSession serverEnd = s.authenticate(authenticate);

        Map<String, byte[]> args = new LinkedHashMap<>(secret);
        args.put("user", ImpacketHarness.text(credentials.user()));
        args.put("domain", ImpacketHarness.text(credentials.domain()));
        args.put("negotiate", negotiate);
        args.put("challenge", challenge);
        args.put("authenticate", authenticate);
        args.put("messages", messagesArgument());
        Map<String, byte[]> theirs = run("check-client", args);

        NtlmAuthenticateMessage ours = NtlmAuthenticateMessage.decode(authenticate);
        assertThat(Arrays.copyOf(ours.ntChallengeResponse(), 16)).as("NTProofStr").isEqualTo(theirs.get("ntproof"));
        assertThat(ours.mic().orElseThrow()).as("MIC").isEqualTo(theirs.get("mic"));
        // The exported session key (which we never expose) is proven equal by identical seal/sign outputs below.
        compareSessionOutputs(clientEnd, serverEnd, theirs);
    }

    /** Our client end seals like impacket's 'Client' mode, our server end like its 'Server' mode. */
    private static void compareSessionOutputs(NtlmSession clientEnd, NtlmSession serverEnd, Map<String, byte[]> theirs) {
        for (int i = 0; i < MESSAGES.size(); i++) {
            byte[] buf = MESSAGES.get(i).clone();
            byte[] sig = clientEnd.seal(buf, 0, buf.length, 0, buf.length);
            assertThat(buf).as("client seal %d", i).isEqualTo(theirs.get("client_seal_" + i));
            assertThat(sig).as("client seal signature %d", i).isEqualTo(theirs.get("client_seal_sig_" + i));
            serverEnd.unseal(buf, 0, buf.length, 0, buf.length, sig, 0);
            assertThat(buf).isEqualTo(MESSAGES.get(i));

            byte[] out = MESSAGES.get(i).clone();
            byte[] outSig = serverEnd.seal(out, 0, out.length, 0, out.length);
            assertThat(out).as("server seal %d", i).isEqualTo(theirs.get("server_seal_" + i));
            assertThat(outSig).as("server seal signature %d", i).isEqualTo(theirs.get("server_seal_sig_" + i));
            clientEnd.unseal(out, 0, out.length, 0, out.length, outSig, 0);
        }
    }

    @Test
    void ourServerVerifiesImpacketsClientAndDerivesTheSameSession() throws Exception {
        Credentials account = Credentials.of("LAB\\svc-wmi", "Winter2024!");
        NtlmServer server = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(account).build();
        NtlmServer.Context s = server.newContext();
        byte[] type1 = run("type1", Map.of()).get("negotiate");
        byte[] challenge = s.challenge(type1);
        Map<String, byte[]> args = new LinkedHashMap<>();
        args.put("user", ImpacketHarness.text("svc-wmi"));
        args.put("domain", ImpacketHarness.text("LAB"));
        args.put("password", ImpacketHarness.text("Winter2024!"));
        args.put("challenge", challenge);
        args.put("messages", messagesArgument());
        Map<String, byte[]> theirs = run("impacket-client", args);
        assertThat(theirs.get("negotiate")).isEqualTo(type1);

        NtlmSession serverEnd = s.authenticate(theirs.get("authenticate"));
        assertThat(serverEnd.principal()).hasToString("LAB\\svc-wmi");
        // impacket's client end: replay its sealed messages into our server end, which unseals and verifies them
        for (int i = 0; i < MESSAGES.size(); i++) {
            byte[] sealed = theirs.get("client_seal_" + i).clone();
            serverEnd.unseal(sealed, 0, sealed.length, 0, sealed.length, theirs.get("client_seal_sig_" + i), 0);
            assertThat(sealed).as("message %d unsealed", i).isEqualTo(MESSAGES.get(i));
            byte[] out = MESSAGES.get(i).clone();
            byte[] sig = serverEnd.seal(out, 0, out.length, 0, out.length);
            assertThat(out).as("server seal %d", i).isEqualTo(theirs.get("server_seal_" + i));
            assertThat(sig).as("server seal signature %d", i).isEqualTo(theirs.get("server_seal_sig_" + i));
        }
    }

    @Test
    void ourServerRefusesImpacketWithAWrongPassword() throws Exception {
        NtlmServer server = NtlmServer.builder().account(Credentials.of("LAB\\svc-wmi", "Winter2024!")).build();
        NtlmServer.Context s = server.newContext();
        byte[] challenge = s.challenge(run("type1", Map.of()).get("negotiate"));
        Map<String, byte[]> theirs = run("impacket-client", Map.of("user", ImpacketHarness.text("svc-wmi"),
                "domain", ImpacketHarness.text("LAB"), "password", ImpacketHarness.text("Summer2024!"), "challenge", challenge));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.authenticate(theirs.get("authenticate")))
                .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(NtlmAuthenticationException.Reason.WRONG_PASSWORD));
    }
}
