package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.fuzz.DecoderFuzzer;
import io.github.cm4j.wmi.fuzz.Mutator;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.wbem.IEnumWbemClassObject;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import io.github.cm4j.wmi.wbem.IWbemServices;
import io.github.cm4j.wmi.wbem.IWbemWcoSmartEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Network-level fuzzing of the running loopback server: (1) the PDUs of a real {@code dcom://} session, recorded by a
 * proxy, replayed with mutations on fresh sockets to the activation and exporter endpoints (header, bind, NTLM
 * tokens, sealed requests); (2) on an authenticated privacy connection, mutated stub data of every MS-WMI and DCOM
 * request sent to live IPIDs, so that the server's NDR decoders meet hostile input after the RPC layer accepted it.
 * Afterwards a well-formed client gets its answers, and once the server is closed no thread or socket is left.
 * {@code -Dcm4j.fuzz.iterations} scales both phases (CI: a few hundred connections and calls).
 */
class NetworkFuzzTest {
    private static final int CONNECTIONS = Math.max(50, DecoderFuzzer.iterations(300));
    private static final int CALLS = Math.max(50, DecoderFuzzer.iterations(400));

    /** Splits what a client sent into PDUs by frag_length (C706 12.6.3.1: bytes 8-9, little-endian). */
    private static List<byte[]> pdus(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at + 10 <= stream.length) {
            int len = (stream[at + 8] & 0xFF) | (stream[at + 9] & 0xFF) << 8;
            if (len < 16 || at + len > stream.length) {
                break;
            }
            out.add(Arrays.copyOfRange(stream, at, at + len));
            at += len;
        }
        return out;
    }

    /** Sends the PDUs, half-closes, and drains what the server answers until it closes or goes quiet. */
    private static void replay(int port, List<byte[]> pdus) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(3_000);
            OutputStream out = s.getOutputStream();
            try {
                for (byte[] p : pdus) {
                    out.write(p);
                }
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedByServer) {
                return; // the server refused the connection's input and closed it: allowed
            }
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                while (in.read(buf) > 0) {
                    // drain
                }
            } catch (SocketTimeoutException quiet) {
                // a server waiting for the rest of a fragment whose length was enlarged: allowed, it is bounded by idleTimeout
            } catch (IOException reset) {
                // reset by the server: allowed
            }
        }
    }

    private static long siteCount(WmiServer server) {
        try (ConfigMgr cm = ConfigMgr.builder().uri(LoopbackSites.uri(server, "CAS", "")).credentials(LoopbackSites.ADMIN).connect()) {
            return cm.query("SELECT SiteCode FROM SMS_Site").count();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void mutatedPdusOnFreshConnectionsNeverKillTheServer() throws Exception {
        SimulatedProvider sim = SimulatedProvider.demo();
        try (WmiServer warm = LoopbackSites.start(sim)) {
            siteCount(warm); // class loading opens jar files once: count after it
        }
        ResourceCounts before = ResourceCounts.now(sim);
        WmiServer server = LoopbackSites.start(sim);
        List<CuttingProxy.Recorded> sessions;
        try (CuttingProxy proxy = new CuttingProxy(server);
             ConfigMgr cm = ConfigMgr.builder().uri(CuttingProxy.uri(server, "CAS", "smartenum=true")).credentials(LoopbackSites.ADMIN)
                     .batchSize(3).connect()) {
            cm.query("SELECT CI_ID FROM SMS_SoftwareUpdate").limit(7).count();
            cm.get("SMS_Site.SiteCode=\"CAS\"");
            sessions = proxy.recorded();
        }
        try {
            SplittableRandom random = new SplittableRandom(DecoderFuzzer.SEED);
            for (int i = 0; i < CONNECTIONS; i++) {
                CuttingProxy.Recorded session = sessions.get(random.nextInt(sessions.size()));
                List<byte[]> pdus = new ArrayList<>(pdus(session.bytes().toByteArray()));
                assertThat(pdus).isNotEmpty();
                int victim = random.nextInt(Math.min(pdus.size(), 6)); // mostly bind, auth3 and the first calls
                pdus.set(victim, Mutator.mutate(pdus.get(victim), random, random.nextBoolean() ? 0 : 16));
                replay(session.port(), pdus.subList(0, Math.min(pdus.size(), victim + 3)));
            }
            assertThat(siteCount(server)).as("a well-formed client after %d mutated connections", CONNECTIONS).isEqualTo(3);
        } finally {
            server.close();
        }
        before.assertNothingLeaked(sim);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void mutatedStubDataOnAnAuthenticatedConnectionNeverKillsTheServer() throws Exception {
        SimulatedProvider sim = SimulatedProvider.demo();
        // mutated GetSessionHandle calls that still decode open site control sessions nobody releases: count no handles
        ResourceCounts before = ResourceCounts.now(null);
        WmiServer server = LoopbackSites.start(sim);
        int answered = 0;
        int refused = 0;
        try {
            SplittableRandom random = new SplittableRandom(DecoderFuzzer.SEED);
            RawWmiClient c = RawWmiClient.activate(server.activationPort(), LoopbackSites.ADMIN, AuthLevel.PKT_PRIVACY);
            try {
                for (int i = 0; i < CALLS; i++) {
                    ObjRefStandard services = c.services("root\\sms\\site_CAS");
                    UUID enumerator = ((ObjRefStandard) c.execQuery(services, "SELECT SiteCode FROM SMS_Site", null).value()).std().ipid();
                    OrpcThis orpc = RawWmiClient.orpc();
                    Object[][] calls = {
                        {IWbemLevel1Login.IID, c.login.std().ipid(), new IWbemLevel1Login.NtlmLoginRequest(orpc, "//./root/sms/site_CAS", null, 0,
                                null)},
                        {IWbemServices.IID, services.std().ipid(), IWbemServices.ExecQueryRequest.wql(orpc, "SELECT * FROM SMS_Site", null)},
                        {IWbemServices.IID, services.std().ipid(), new IWbemServices.GetObjectRequest(orpc, "SMS_Site.SiteCode=\"CAS\"", 0, null,
                                true, false)},
                        {IWbemServices.IID, services.std().ipid(), new IWbemServices.ExecMethodRequest(orpc, "SMS_SiteControlFile",
                                "GetSessionHandle", 0, null, null, true, false)},
                        {IEnumWbemClassObject.IID, enumerator, IEnumWbemClassObject.CountRequest.next(orpc, 1000, 2)},
                        {IWbemWcoSmartEnum.IID, enumerator, new IWbemWcoSmartEnum.NextRequest(orpc, new UUID(1, 2), 1000, 2)},
                    };
                    Object[] call = calls[random.nextInt(calls.length)];
                    var request = (io.github.cm4j.wmi.dcom.RpcRequest) call[2];
                    byte[] stub = Mutator.mutate(request.encode(), random, 0);
                    try {
                        c.call((UUID) call[0], (UUID) call[1], request.opnum(), stub);
                        answered++;
                    } catch (ConfigMgrException typed) { // a fault, or a connection the server closed
                        refused++;
                        if (!(typed instanceof io.github.cm4j.wmi.rpc.RpcFaultException)) {
                            c.close(); // the connection is gone: a new client, as a real one would
                            c = RawWmiClient.activate(server.activationPort(), LoopbackSites.ADMIN, AuthLevel.PKT_PRIVACY);
                        }
                    }
                    c.release(enumerator, services.std().ipid());
                }
            } finally {
                c.close();
            }
            System.out.printf("network fuzz: %d mutated calls, %d answered, %d refused%n", CALLS, answered, refused);
            assertThat(answered + refused).isEqualTo(CALLS);
            assertThat(refused).as("mutants refused").isPositive();
            assertThat(siteCount(server)).as("a well-formed client after %d mutated calls", CALLS).isEqualTo(3);
        } finally {
            server.close();
        }
        before.assertNothingLeaked(null);
    }
}
