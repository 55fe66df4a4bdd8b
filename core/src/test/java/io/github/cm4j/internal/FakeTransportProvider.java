package io.github.cm4j.internal;

import io.github.cm4j.WmiException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.util.Set;
import java.util.stream.Stream;

/** A test transport registered for the scheme {@code fake:} through META-INF/services. */
public class FakeTransportProvider implements WmiTransportProvider {
    static volatile TransportConfig lastConfig;

    @Override
    public String scheme() {
        return "fake";
    }

    @Override
    public WmiTransport open(TransportConfig config) {
        lastConfig = config;
        return new WmiTransport() {
            @Override
            public String defaultNamespace() {
                return "root\\sms\\site_" + config.uri().getSchemeSpecificPart();
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
                return Stream.of(WmiObject.builder("Echo").set("Wql", io.github.cm4j.cim.CimValue.string(wql))
                        .set("BatchSize", io.github.cm4j.cim.CimValue.sint32(options.batchSize())).build());
            }

            @Override
            public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
                throw WmiException.of(WbemStatus.WBEM_E_NOT_FOUND, "GetObject", path.toString());
            }

            @Override
            public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
                return WmiClass.builder(className).build();
            }

            @Override
            public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
                return instance.path();
            }

            @Override
            public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters,
                                    CallOptions options, WmiContext context) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
            }

            @Override
            public void close() {
            }
        };
    }
}
