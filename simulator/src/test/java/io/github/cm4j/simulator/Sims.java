package io.github.cm4j.simulator;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers over the public transport API. */
final class Sims {
    static final CallOptions CALL = CallOptions.defaults();
    static final QueryOptions QUERY = QueryOptions.defaults();

    private Sims() {
    }

    static List<WmiObject> query(WmiTransport t, String ns, String wql) {
        return query(t, ns, wql, WmiContext.empty());
    }

    static List<WmiObject> query(WmiTransport t, String ns, String wql, WmiContext ctx) {
        try (Stream<WmiObject> s = t.query(ns, wql, QUERY, ctx)) {
            return s.toList();
        }
    }

    static long count(WmiTransport t, String ns, String wql) {
        return query(t, ns, wql).get(0).getLong("Count");
    }

    /** Invokes a method, building the in-parameters from the class definition. */
    static WmiObject invoke(WmiTransport t, String ns, String path, String method, Map<String, Object> args,
                            WmiContext ctx) {
        ObjectPath target = ObjectPath.parse(path);
        WmiClass cls = t.getClass(ns, target.className(), CALL, ctx);
        MethodDefinition m = cls.method(method).orElseThrow();
        WmiObject in = null;
        if (!m.inParameters().isEmpty() || !args.isEmpty()) {
            WmiObject.Builder b = WmiObject.builder(m.inParametersClass());
            args.forEach((k, v) -> {
                if (v instanceof CimValue) {
                    b.set(k, (CimValue) v);
                } else {
                    b.set(k, v);
                }
            });
            in = b.build();
        }
        return t.invoke(ns, target, method, in, CALL, ctx);
    }

    static WmiObject invoke(WmiTransport t, String ns, String path, String method, Map<String, Object> args) {
        return invoke(t, ns, path, method, args, WmiContext.empty());
    }

    static String ns(String site) {
        return "root\\sms\\site_" + site;
    }
}
