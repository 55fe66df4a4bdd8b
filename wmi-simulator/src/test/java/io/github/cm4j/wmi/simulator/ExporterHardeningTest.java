package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcClientConnection;
import io.github.cm4j.wmi.rpc.RpcFaultException;
import io.github.cm4j.wmi.rpc.SyntaxId;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 2: IPIDs are bound to the principal that obtained them, ping sets are bounded per principal and
 * removed when empty or expired.
 */
class ExporterHardeningTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final Credentials ALICE = Credentials.of("LAB\\admin", "Secret1!");
    private static final Credentials MALLORY = Credentials.of("LAB\\mallory", "Mallory-pw-1");
    private static final Credentials DENIED = Credentials.of("LAB\\nobody", "Nobody-pw-1");

    private WmiServer server;
    private int port;

    @BeforeEach
    void start() {
        server = WmiServer.builder().provider(SimulatedProvider.demo()).account("LAB", "admin", "Secret1!")
                .account("LAB", "mallory", "Mallory-pw-1").account("LAB", "nobody", "Nobody-pw-1", Access.DENIED).build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anotherPrincipalsIpidIsRefusedForCallsAddRefReleaseAndQueryInterface() {
        try (RawWmiClient alice = RawWmiClient.activate(port, ALICE, AuthLevel.PKT_PRIVACY);
             RawWmiClient mallory = RawWmiClient.activate(port, MALLORY, AuthLevel.PKT_PRIVACY)) {
            ObjRefStandard services = alice.services("root\\sms\\site_CAS");
            java.util.UUID ipid = services.std().ipid();
            assertThatThrownBy(() -> mallory.execQuery(services, "SELECT SiteCode FROM SMS_Site", null))
                    .isInstanceOfSatisfying(RpcFaultException.class, e -> assertThat(e.status()).isEqualTo(ObjectExporter.E_ACCESSDENIED));
            assertThat(mallory.addRef(ipid).results()).containsExactly(ObjectExporter.E_ACCESSDENIED);
            assertThat(mallory.queryInterface(ipid, WmiServer.IID_IUNKNOWN).status()).isEqualTo(ObjectExporter.E_ACCESSDENIED);
            assertThat(mallory.releaseStatus(ipid, ipid, ipid)).isEqualTo(ObjectExporter.E_ACCESSDENIED);
            // the owner's references are intact
            assertThat(alice.execQuery(services, "SELECT SiteCode FROM SMS_Site", null).status()).isZero();
            assertThat(alice.addRef(ipid).results()).containsExactly(0);
        }
    }

    @Test
    void complexPingFromADeniedAccountIsBoundedAndItsEmptySetsAreRemoved() {
        try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", port).credentials(DENIED).authLevel(AuthLevel.PKT_PRIVACY)
                .connect()) {
            int ctx = c.bind(SyntaxId.of(IObjectExporter.IID.toString(), 0, 0), T);
            Random random = new Random(1);
            int created = 0;
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                List<Long> junk = random.longs(500).boxed().toList();
                var req = new IObjectExporter.ComplexPingRequest(0, 0, junk, List.of());
                var reply = IObjectExporter.ComplexPingResponse.decode(c.call(ctx, req.opnum(), null, req.encode(), T));
                if (reply.status() == 0) {
                    created++;
                } else {
                    assertThat(reply.status()).isEqualTo(ObjectExporter.E_OUTOFMEMORY);
                    refused++;
                }
            }
            assertThat(created).isEqualTo(ObjectExporter.DEFAULT_MAX_PING_SETS);
            assertThat(refused).isEqualTo(200 - created);
            ObjectExporter exporter = server.exporterForTests();
            assertThat(exporter.pingSetCount()).isEqualTo(created);
            // junk OIDs never entered the sets: at the next sweep every one is empty and removed
            exporter.sweepNow();
            assertThat(exporter.pingSetCount()).isZero();
        }
    }

    @Test
    void aPingSetOfAnotherPrincipalIsUnknownToTheCaller() {
        try (RawWmiClient alice = RawWmiClient.activate(port, ALICE, AuthLevel.PKT_PRIVACY);
             RpcClientConnection a = RpcClientConnection.builder("127.0.0.1", port).credentials(ALICE).connect();
             RpcClientConnection m = RpcClientConnection.builder("127.0.0.1", port).credentials(MALLORY).connect()) {
            long oid = alice.services("root\\sms\\site_CAS").std().oid();
            int actx = a.bind(SyntaxId.of(IObjectExporter.IID.toString(), 0, 0), T);
            var create = new IObjectExporter.ComplexPingRequest(0, 0, List.of(oid), List.of());
            var made = IObjectExporter.ComplexPingResponse.decode(a.call(actx, create.opnum(), null, create.encode(), T));
            assertThat(made.status()).isZero();
            int mctx = m.bind(SyntaxId.of(IObjectExporter.IID.toString(), 0, 0), T);
            var ping = new IObjectExporter.SimplePingRequest(made.setId());
            assertThat(IObjectExporter.StatusResponse.decode(m.call(mctx, ping.opnum(), null, ping.encode(), T)).status())
                    .isEqualTo(ObjectExporter.OR_INVALID_SET);
            assertThat(IObjectExporter.StatusResponse.decode(a.call(actx, ping.opnum(), null, ping.encode(), T)).status()).isZero();
        }
    }
}
