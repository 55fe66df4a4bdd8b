package io.github.cm4j.wmi.simulator;

import io.github.cm4j.testkit.EnumerationProbe;
import io.github.cm4j.Credentials;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testing.TestKdc;
import io.github.cm4j.wmi.transport.DcomTransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Test helpers: a loopback {@link WmiServer} over a simulated hierarchy, and {@code dcom://} transports to it. */
final class LoopbackSites {
    static final String DOMAIN = "LAB";
    static final String USER = "admin";
    static final String PASSWORD = "Lab-Passw0rd!";
    static final Credentials ADMIN = Credentials.of(DOMAIN + "\\" + USER, PASSWORD);

    private LoopbackSites() {
    }

    /** @return a started server over that provider, with the {@link #ADMIN} account */
    static WmiServer start(SimulatedProvider provider) {
        WmiServer server = WmiServer.builder().provider(provider).account(DOMAIN, USER, PASSWORD).build();
        server.start();
        return server;
    }

    /**
     * @return a started server over that provider accepting Kerberos for {@link TestKdc#SERVICE} (keytab from the
     *     shared in-process KDC) and NTLM for {@link #ADMIN}; {@link TestKdc#ALICE} is a Kerberos account with full access
     */
    static WmiServer startKerberos(SimulatedProvider provider, boolean refuseNtlm) {
        TestKdc kdc = TestKdc.shared();
        WmiServer server = WmiServer.builder().provider(provider).account(DOMAIN, USER, PASSWORD)
                .kerberosAccount(TestKdc.ALICE, Access.FULL).kerberos(TestKdc.SERVICE, kdc.serviceKeytab())
                .refuseNtlm(refuseNtlm).build();
        server.start();
        return server;
    }

    /** @return a Kerberos transport (alice's password, SPN host/cas.lab.test) to a {@link #startKerberos} server */
    static ServedTransport openKerberos(WmiServer server, String site, String options, Credentials credentials) {
        TransportConfig config = new TransportConfig(URI.create(uri(server, site, "spn=host/cas.lab.test"
                + (options.isEmpty() ? "" : "&" + options))), credentials, Duration.ofSeconds(20), Duration.ofSeconds(30),
                TransportConfig.DEFAULT_BATCH_SIZE);
        return new ServedTransport(new DcomTransportProvider().open(config), server);
    }

    /** Alice's Kerberos credentials in the shared KDC's realm (principal and password; they also serve NTLM). */
    static Credentials kerberosAlice() {
        return Credentials.kerberosPassword(TestKdc.ALICE, TestKdc.ALICE_PASSWORD);
    }

    /** @return {@code dcom://127.0.0.1:<activation port>/<site>?<options>} */
    static String uri(WmiServer server, String site, String options) {
        return "dcom://127.0.0.1:" + server.activationPort() + "/" + site + (options.isEmpty() ? "" : "?" + options);
    }

    /** @return a transport opened by the ServiceLoader-registered provider, closing the server when it is closed */
    static ServedTransport open(WmiServer server, String site, String options) {
        TransportConfig config = new TransportConfig(URI.create(uri(server, site, options)), ADMIN, Duration.ofSeconds(20),
                Duration.ofSeconds(30), TransportConfig.DEFAULT_BATCH_SIZE);
        return new ServedTransport(new DcomTransportProvider().open(config), server);
    }

    /**
     * @param transport a {@link ServedTransport}
     * @return the contract kit's view of its server's enumerators (open ones, objects sent)
     */
    static Optional<EnumerationProbe> enumerationProbe(WmiTransport transport) {
        WmiServer server = ((ServedTransport) transport).server();
        return Optional.of(new EnumerationProbe() {
            @Override
            public int openEnumerators() {
                return server.openEnumeratorCount();
            }

            @Override
            public long objectsSent() {
                return server.enumeratedObjectCount();
            }
        });
    }

    /** A {@code dcom://} transport and the loopback server it talks to, closed together (transport first). */
    static final class ServedTransport implements WmiTransport {
        private final WmiTransport dcom;
        private final WmiServer server;

        ServedTransport(WmiTransport dcom, WmiServer server) {
            this.dcom = dcom;
            this.server = server;
        }

        WmiServer server() {
            return server;
        }

        /** @return the dcom:// transport alone (closing it leaves the server running) */
        WmiTransport dcomOnly() {
            return dcom;
        }

        @Override
        public String defaultNamespace() {
            return dcom.defaultNamespace();
        }

        @Override
        public Set<Capability> capabilities() {
            return dcom.capabilities();
        }

        @Override
        public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
            return dcom.query(namespace, wql, options, context);
        }

        @Override
        public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
            return dcom.get(namespace, path, options, context);
        }

        @Override
        public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
            return dcom.getClass(namespace, className, options, context);
        }

        @Override
        public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
            return dcom.put(namespace, instance, mode, options, context);
        }

        @Override
        public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters, CallOptions options,
                                WmiContext context) {
            return dcom.invoke(namespace, target, method, inParameters, options, context);
        }

        @Override
        public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
            dcom.delete(namespace, path, options, context);
        }

        @Override
        public void close() {
            try {
                dcom.close();
            } finally {
                server.close();
            }
        }
    }
}
