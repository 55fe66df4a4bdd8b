package io.github.cm4j.wmi.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published test vectors: RFC 1320 for MD4, the classic RC4 vectors, and MS-NLMP 4.2 (user "User", domain
 * "Domain", password "Password", server challenge 0123456789abcdef, client challenge aa..aa, random session key
 * 55..55, time 0).
 */
class NtlmSpecVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final byte[] CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");
    private static final byte[] RANDOM_SESSION_KEY = HEX.parseHex("55555555555555555555555555555555");
    /** MS-NLMP 4.2.4: the challenge flags of the NTLMv2 examples (0xe28a8233). */
    private static final int FLAGS_4_2_4 = 0xe28a8233;

    @ParameterizedTest(name = "MD4(\"{0}\")")
    @CsvSource({
        "'', 31d6cfe0d16ae931b73c59d7e0c089c0",
        "a, bde52cb31de33e46245e05fbdbd6fb24",
        "abc, a448017aaf21d8525fc10ae87aa6729d",
        "message digest, d9130a8164549fe818874806e1c7014b",
        "abcdefghijklmnopqrstuvwxyz, d79e1c308aa5bbcdeea8ed63df412da9",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789, 043f8582f241db351ce627e153e7f0e4",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890, e33b4ddc9c38f2199c3e7b164fcc0536"})
    void md4MatchesTheRfc1320TestSuite(String input, String digest) {
        assertThat(HEX.formatHex(Md4.digest(input.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(digest);
    }

    @ParameterizedTest(name = "RC4 key {0}")
    @CsvSource({"Key, Plaintext, bbf316e8d940af0ad3", "Wiki, pedia, 1021bf0420", "Secret, Attack at dawn, 45a01f645fc35b383552544b9bf5"})
    void rc4MatchesTheClassicVectors(String key, String plaintext, String ciphertext) {
        byte[] data = plaintext.getBytes(StandardCharsets.US_ASCII);
        assertThat(HEX.formatHex(Rc4.once(key.getBytes(StandardCharsets.US_ASCII), data))).isEqualTo(ciphertext);
    }

    @Test
    void rc4StateRunsOnAcrossCallsAsOneStream() {
        byte[] whole = "Attack at dawn".getBytes(StandardCharsets.US_ASCII);
        byte[] pieces = whole.clone();
        Rc4 rc4 = new Rc4("Secret".getBytes(StandardCharsets.US_ASCII));
        rc4.apply(pieces, 0, 5);
        rc4.apply(pieces, 5, whole.length - 5);
        assertThat(pieces).isEqualTo(Rc4.once("Secret".getBytes(StandardCharsets.US_ASCII), whole));
    }

    @Test
    void ntHashOfPasswordIsTheNtowfv1OfSection4_2_2_1_2() {
        assertThat(HEX.formatHex(NtlmCrypto.ntHash("Password".toCharArray()))).isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
    }

    @Test
    void ntowfv2IsTheValueOfSection4_2_4_1_1() {
        byte[] key = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password".toCharArray()), "User", "Domain");
        assertThat(HEX.formatHex(key)).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
    }

    @Test
    void responsesAndKeysAreTheValuesOfSection4_2_4() {
        byte[] responseKey = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password".toCharArray()), "User", "Domain");
        // 4.2.4: the CHALLENGE_MESSAGE TargetInfo holds MsvAvNbDomainName "Domain" and MsvAvNbComputerName "Server".
        AvPairs serverInfo = AvPairs.empty().withString(AvPairs.NB_DOMAIN_NAME, "Domain").withString(AvPairs.NB_COMPUTER_NAME, "Server");
        assertThat(HEX.formatHex(serverInfo.encode()))
                .isEqualTo("02000c0044006f006d00610069006e0001000c00530065007200760065007200" + "00000000");
        byte[] temp = Ntlmv2.clientChallenge(0, CLIENT_CHALLENGE, serverInfo);
        byte[] ntProof = NtlmCrypto.hmacMd5(responseKey, SERVER_CHALLENGE, temp);
        assertThat(HEX.formatHex(ntProof)).as("4.2.4.2.2 NTProofStr").isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        byte[] lmv2 = NtlmCrypto.concat(NtlmCrypto.hmacMd5(responseKey, SERVER_CHALLENGE, CLIENT_CHALLENGE), CLIENT_CHALLENGE);
        assertThat(HEX.formatHex(lmv2)).as("4.2.4.2.1 LMv2 response").isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, ntProof);
        assertThat(HEX.formatHex(sessionBaseKey)).as("4.2.4.1.2 session base key").isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
        assertThat(HEX.formatHex(Rc4.once(sessionBaseKey, RANDOM_SESSION_KEY))).as("4.2.4.2.3 encrypted session key")
                .isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
    }

    @Test
    void sealingPlaintextGivesTheDataAndSignatureOfSection4_2_4_4() {
        NtlmSession client = NtlmSession.client(FLAGS_4_2_4, new NtlmPrincipal("Domain", "User"), RANDOM_SESSION_KEY);
        byte[] message = "Plaintext".getBytes(StandardCharsets.UTF_16LE);
        byte[] signature = client.seal(message, 0, message.length, 0, message.length);
        assertThat(HEX.formatHex(message)).isEqualTo("54e50165bf1936dc996020c1811b0f06fb5f");
        assertThat(HEX.formatHex(signature)).isEqualTo("010000007fb38ec5c55d497600000000");
    }

    @Test
    void theServerEndUnsealsWhatTheClientEndSealedInSection4_2_4_4() {
        NtlmSession server = NtlmSession.server(FLAGS_4_2_4, new NtlmPrincipal("Domain", "User"), RANDOM_SESSION_KEY);
        byte[] sealed = HEX.parseHex("54e50165bf1936dc996020c1811b0f06fb5f");
        server.unseal(sealed, 0, sealed.length, 0, sealed.length, HEX.parseHex("010000007fb38ec5c55d497600000000"), 0);
        assertThat(new String(sealed, StandardCharsets.UTF_16LE)).isEqualTo("Plaintext");
    }
}
