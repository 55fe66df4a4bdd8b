package io.github.cm4j.wmi.rpc;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import io.github.cm4j.wmi.ntlm.NtlmSession;

/** NTLM session pairs for PDU-level tests, made by a real exchange between our client and server. */
final class TestSessions {
    static final Credentials ALICE = Credentials.of("LAB\\alice", "Alice-pw-1");
    static final NtlmServer SERVER = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ALICE).build();

    private TestSessions() {
    }

    /** Both ends of one session. */
    record Ends(NtlmSession client, NtlmSession server) {
    }

    static Ends pair() {
        NtlmClient.Context c = NtlmClient.of(ALICE).newContext();
        NtlmServer.Context s = SERVER.newContext();
        byte[] challenge = s.challenge(c.negotiate());
        NtlmSession server = s.authenticate(c.authenticate(challenge));
        return new Ends(c.session(), server);
    }
}
