package io.github.cm4j.wmi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.Credentials;
import io.github.cm4j.TransportException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.wmi.dcom.ActivationProperty;
import io.github.cm4j.wmi.dcom.ComVersion;
import io.github.cm4j.wmi.dcom.DualStringArray;
import io.github.cm4j.wmi.dcom.StringBinding;
import io.github.cm4j.wmi.ndr.NdrFormatException;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcFaultException;
import io.github.cm4j.wmi.rpc.RpcStatus;
import io.github.cm4j.wmi.transport.DcomErrors.Op;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DcomErrorsTest {
    private static final Op QUERY = new Op("ExecQuery", "SELECT * FROM SMS_Site");
    private static final Op ACTIVATION = new Op("IRemoteSCMActivator::RemoteCreateInstance", "CLSID_WbemLevel1Login on h:135");

    @Test
    void aWbemHresultBecomesAWmiExceptionWithOperationTargetAndHost() {
        RuntimeException e = DcomErrors.fault(WbemStatus.WBEM_E_INVALID_QUERY.code(), QUERY, "sccm01", false, null);
        assertThat(e).isInstanceOf(WmiException.class);
        WmiException w = (WmiException) e;
        assertThat(w.status()).contains(WbemStatus.WBEM_E_INVALID_QUERY);
        assertThat(w.operation()).isEqualTo("ExecQuery");
        assertThat(w.target()).isEqualTo("SELECT * FROM SMS_Site");
        assertThat(w.host()).contains("sccm01");
    }

    @Test
    void accessDeniedAtActivationExplainsPermissionsAndTheHardening() {
        for (int status : new int[] {RpcStatus.NCA_S_FAULT_ACCESS_DENIED, DcomErrors.E_ACCESSDENIED}) {
            RuntimeException e = DcomErrors.map(new RpcFaultException(status, "opnum 4"), ACTIVATION, "sccm01", Duration.ofSeconds(1), true);
            assertThat(e).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("access denied").hasMessageContaining("Remote Activation")
                    .hasMessageContaining("KB5004442").hasMessageContaining("sccm01");
        }
        RuntimeException later = DcomErrors.fault(DcomErrors.E_ACCESSDENIED, QUERY, "sccm01", false, null);
        assertThat(later).isInstanceOf(AuthenticationException.class).hasMessageNotContaining("KB5004442");
    }

    @Test
    void otherRpcFaultsAreTransportFailuresNamingTheStatus() {
        RuntimeException e = DcomErrors.map(new RpcFaultException(RpcStatus.NCA_S_OP_RNG_ERROR, "opnum 99"), QUERY, "h",
                Duration.ofSeconds(1), false);
        assertThat(e).isExactlyInstanceOf(TransportException.class).hasMessageContaining("nca_s_op_rng_error")
                .hasMessageContaining("ExecQuery");
    }

    @Test
    void deadlinesNameTheOperationAndTheDeadline() {
        RuntimeException e = DcomErrors.map(new CallTimeoutException("opnum 4 of x", Duration.ofMillis(300), "h", null), QUERY, "h",
                Duration.ofMillis(300), false);
        assertThat(e).isInstanceOf(CallTimeoutException.class).hasMessageContaining("ExecQuery SELECT * FROM SMS_Site");
        assertThat(((CallTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void brokenAndMalformedExchangesAreConnectionFailures() {
        assertThat(DcomErrors.map(new ConnectionException("cannot connect to h:135: refused", "h", null), QUERY, "h", Duration.ofSeconds(1), false))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("ExecQuery").hasMessageContaining("refused");
        assertThat(DcomErrors.map(new NdrFormatException("ORPCTHAT", 4, "truncated"), QUERY, "h", Duration.ofSeconds(1), false))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("malformed");
    }

    private static ActivationProperty.ScmReplyInfo reply(String... bindings) {
        List<StringBinding> b = java.util.Arrays.stream(bindings).map(a -> new StringBinding(StringBinding.NCACN_IP_TCP, a)).toList();
        return new ActivationProperty.ScmReplyInfo(1, new DualStringArray(b, List.of()), UUID.randomUUID(), 5, ComVersion.V5_7);
    }

    private static DcomSettings settings(String host) {
        return new DcomSettings(host, 135, "root\\sms\\site_PS1", AuthLevel.PKT_PRIVACY, Credentials.of("a", "b"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 10, false, false,
                new ClientAuth(ClientAuth.Authn.NTLM, true, "host/" + host, Credentials.of("a", "b"), Duration.ofSeconds(1), host));
    }

    @Test
    void theExporterPortComesFromTheBindingOfTheNamedHostElseTheFirst() {
        assertThat(DcomConnection.exporterPort(reply("SCCM01[49667]", "10.0.0.5[49668]"), settings("10.0.0.5"), ACTIVATION)).isEqualTo(49668);
        assertThat(DcomConnection.exporterPort(reply("SCCM01[49667]", "10.0.0.5[49668]"), settings("sccm01.lab"), ACTIVATION)).isEqualTo(49667);
        assertThat(DcomConnection.exporterPort(reply("no-port", "h[1234]"), settings("x"), ACTIVATION)).isEqualTo(1234);
        assertThatThrownBy(() -> DcomConnection.exporterPort(reply("no-port"), settings("x"), ACTIVATION))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("ncacn_ip_tcp");
    }
}
