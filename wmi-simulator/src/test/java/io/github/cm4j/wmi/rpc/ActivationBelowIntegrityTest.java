package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.dcom.ActivationProperties;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.simulator.WmiServer;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The loopback server refuses DCOM activation below packet integrity, as Windows does since KB5004442: cm4j's own RPC
 * client, lowered to CONNECT level through its package-private test hook (cm4j never offers it otherwise), sends
 * IRemoteSCMActivator::RemoteCreateInstance of CLSID_WbemLevel1Login. (impacket's client shows the same refusal in
 * {@code ImpacketInteropTest}.)
 */
class ActivationBelowIntegrityTest {
    private static final Credentials ADMIN = Credentials.of("LAB\\admin", "Lab-Passw0rd!");
    private static final Duration T = Duration.ofSeconds(10);
    private static final SyntaxId ACTIVATOR = SyntaxId.of(IRemoteScmActivator.IID.toString(), 0, 0);

    private static WmiServer server(AuthLevel minimum) {
        WmiServer server = WmiServer.builder().provider(SimulatedProvider.builder().catalogSize(10).build())
                .account("LAB", "admin", "Lab-Passw0rd!").minimumAuthLevel(minimum).build();
        server.start();
        return server;
    }

    /** Binds at the level and sends the activation; returns what the call threw (null when it returned). */
    private static Throwable activateAt(WmiServer server, AuthLevel level) {
        try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", server.activationPort()).credentials(ADMIN)
                .authLevelForTestsOnly(level).connect()) {
            int ctx = c.bind(ACTIVATOR, T);
            byte[] stub = new IRemoteScmActivator.RemoteCreateInstanceRequest(OrpcThis.of(UUID.randomUUID()), null,
                    ActivationProperties.request(IWbemLevel1Login.CLSID, List.of(IWbemLevel1Login.IID))).encode();
            return catchThrowable(() -> c.call(ctx, IRemoteScmActivator.OPNUM_REMOTE_CREATE_INSTANCE, null, stub, T));
        }
    }

    @Test
    void activationAtConnectLevelIsRefusedWithAccessDeniedAndNeverReachesTheActivator() {
        try (WmiServer server = server(AuthLevel.PKT_INTEGRITY)) {
            assertThat(activateAt(server, AuthLevel.CONNECT)).isInstanceOfSatisfying(RpcFaultException.class,
                    e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(RpcStatus.NCA_S_FAULT_ACCESS_DENIED));
            assertThat(server.callCount("IRemoteSCMActivator", IRemoteScmActivator.OPNUM_REMOTE_CREATE_INSTANCE))
                    .as("activations that reached the activator").isZero();
            assertThat(activateAt(server, AuthLevel.PKT_INTEGRITY)).as("the same activation at packet integrity").isNull();
            assertThat(server.callCount("IRemoteSCMActivator", IRemoteScmActivator.OPNUM_REMOTE_CREATE_INSTANCE)).isEqualTo(1);
        }
    }

    @Test
    void theRefusalIsTheServersLevelRuleOnlyAServerLoweredToConnectLetsTheActivationThrough() {
        try (WmiServer lowered = server(AuthLevel.CONNECT)) {
            Throwable t = activateAt(lowered, AuthLevel.CONNECT);
            // the server answers unprotected at CONNECT level; whatever the hook-lowered client makes of that, the
            // activation was not refused and reached the activator
            assertThat(t).as("no access-denied fault").satisfiesAnyOf(x -> assertThat(x).isNull(),
                    x -> assertThat(x).isNotInstanceOf(RpcFaultException.class));
            assertThat(lowered.callCount("IRemoteSCMActivator", IRemoteScmActivator.OPNUM_REMOTE_CREATE_INSTANCE)).isEqualTo(1);
        }
    }

    @Test
    void theClientsPublicBuilderStillRefusesConnectLevel() {
        assertThatThrownBy(() -> RpcClientConnection.builder("127.0.0.1", 135).authLevel(AuthLevel.CONNECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KB5004442");
    }
}
