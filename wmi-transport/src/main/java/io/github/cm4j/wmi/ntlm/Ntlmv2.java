package io.github.cm4j.wmi.ntlm;

/** The NTLMv2 structures both ends compute: the client challenge blob (MS-NLMP 2.2.2.7) and the MIC (3.1.5.1.2). */
final class Ntlmv2 {
    /** NTProofStr (16) + RespType, HiRespType, Reserved1/2 (8) + TimeStamp (8) + ChallengeFromClient (8) + Reserved3 (4). */
    static final int MIN_RESPONSE = 16 + 28;

    private Ntlmv2() {
    }

    /**
     * The {@code temp} of MS-NLMP 3.3.2: {@code Responserversion (1), HiResponserversion (1), Z(6), Time,
     * ClientChallenge, Z(4), ServerName (the AV pairs), Z(4)}.
     */
    static byte[] clientChallenge(long time, byte[] clientChallenge, AvPairs pairs) {
        byte[] avPairs = pairs.encode();
        byte[] temp = new byte[28 + avPairs.length + 4];
        temp[0] = 1;
        temp[1] = 1;
        for (int i = 0; i < 8; i++) {
            temp[8 + i] = (byte) (time >>> (8 * i));
        }
        System.arraycopy(clientChallenge, 0, temp, 16, 8);
        System.arraycopy(avPairs, 0, temp, 28, avPairs.length);
        return temp;
    }

    /** {@code MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with MIC zeroed)}. */
    static byte[] mic(byte[] exportedSessionKey, byte[] negotiate, byte[] challenge, byte[] authenticate) {
        byte[] zeroed = authenticate.clone();
        for (int i = 0; i < 16; i++) {
            zeroed[NtlmAuthenticateMessage.MIC_OFFSET + i] = 0;
        }
        return NtlmCrypto.hmacMd5(exportedSessionKey, negotiate, challenge, zeroed);
    }

    /** The parts of an NTLMv2_RESPONSE (MS-NLMP 2.2.2.8) the server checks. */
    record Response(byte[] ntProof, byte[] temp, long time, AvPairs pairs) {
    }

    /** Parses an NtChallengeResponse that is known to be at least {@link #MIN_RESPONSE} bytes. */
    static Response parse(byte[] ntResponse) {
        NtlmReader r = new NtlmReader(ntResponse, "AUTHENTICATE_MESSAGE/NtChallengeResponse/NTLMv2_CLIENT_CHALLENGE");
        int type = r.u8("RespType", 16);
        int hiType = r.u8("HiRespType", 17);
        if (type != 1 || hiType != 1) {
            throw r.fail("RespType", 16, "RespType " + type + " / HiRespType " + hiType + ", expected 1 / 1");
        }
        long time = r.u64("TimeStamp", 24);
        AvPairs pairs = AvPairs.decode(r, 44, ntResponse.length);
        byte[] proof = r.bytes("NTProofStr", 0, 16);
        byte[] temp = r.bytes("NTLMv2_CLIENT_CHALLENGE", 16, ntResponse.length - 16);
        return new Response(proof, temp, time, pairs);
    }
}
