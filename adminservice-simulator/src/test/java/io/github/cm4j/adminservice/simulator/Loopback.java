package io.github.cm4j.adminservice.simulator;

import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.AdminServiceTransportProvider;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Set;
import java.util.stream.Stream;
import javax.security.auth.Subject;

/** Test helper: a loopback AdminService over a simulated provider, and an adminservice:// transport to it. */
final class Loopback {
    private Loopback() {
    }

    static AdminServiceServer start(SimulatedProvider provider, String site, Kdc kdc) {
        try {
            AdminServiceServer.Builder b = AdminServiceServer.builder().backend(provider.openTransport(site));
            if (kdc != null) {
                b.host(Kdc.HOST).kerberos(kdc.serviceKeytab(), kdc.servicePrincipal());
            }
            return b.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The account of {@link #startNtlm} and {@link #openNtlm}. */
    static final Credentials NTLM_ACCOUNT = Credentials.of("LAB\\alice", "Ntlm-loopback-1");

    /** A service that allows NTLM ({@link #NTLM_ACCOUNT}) and has no Kerberos, as a site before ConfigMgr 2509. */
    static AdminServiceServer startNtlm(SimulatedProvider provider, String site) {
        try {
            return AdminServiceServer.builder().backend(provider.openTransport(site))
                    .allowNtlm(java.util.List.of(NTLM_ACCOUNT)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@code ntlm=on} transport with {@link #NTLM_ACCOUNT}; closing it stops the server. */
    static Served openNtlm(AdminServiceServer server) {
        URI uri = URI.create(server.uri());
        return new Served(new AdminServiceTransportProvider().open(TransportConfig.of(uri, NTLM_ACCOUNT)), server);
    }

    /** A transport that owns its server: closing it stops the server. */
    static Served open(AdminServiceServer server, Subject subject, String extraOptions) {
        URI uri = URI.create(server.uri() + (extraOptions.isEmpty() ? "" : "&" + extraOptions));
        WmiTransport t = subject == null ? new AdminServiceTransportProvider().open(TransportConfig.of(uri, Credentials.none()))
                : AdminServiceTransportProvider.open(uri, subject);
        return new Served(t, server);
    }

    /** A transport and the server behind it. */
    record Served(WmiTransport transport, AdminServiceServer server) implements WmiTransport {
        @Override
        public String defaultNamespace() {
            return transport.defaultNamespace();
        }

        @Override
        public Set<Capability> capabilities() {
            return transport.capabilities();
        }

        @Override
        public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
            return transport.query(namespace, wql, options, context);
        }

        @Override
        public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
            return transport.get(namespace, path, options, context);
        }

        @Override
        public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
            return transport.getClass(namespace, className, options, context);
        }

        @Override
        public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
            return transport.put(namespace, instance, mode, options, context);
        }

        @Override
        public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters,
                                CallOptions options, WmiContext context) {
            return transport.invoke(namespace, target, method, inParameters, options, context);
        }

        @Override
        public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
            transport.delete(namespace, path, options, context);
        }

        @Override
        public void close() {
            try {
                transport.close();
            } finally {
                server.close();
            }
        }

        @Override
        public String toString() {
            return transport.toString();
        }
    }
}
