package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.wql.PropertyRef;
import io.github.cm4j.wql.SelectItem;
import io.github.cm4j.wql.SelectQuery;
import io.github.cm4j.wql.Wql;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cm4j query [--uri URI] [--site CODE] [--format table|list|json|csv] "WQL"}: runs a query and prints the
 * results (a table fitted to the terminal by default, JSON Lines with {@code --json}). The query is parsed first, so a syntax error is reported with its
 * position (exit 1) before anything is sent.
 */
@Command(name = "query", description = "Run a WQL query against an SMS Provider (default: the embedded simulator"
        + " memory:demo) and print the results.")
final class QueryCommand implements Callable<Integer> {
    /** Rows read before the table's column widths are fixed. */
    static final int WIDTH_SAMPLE = 200;
    static final int MAX_COLUMN = 60;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WQL", description = "The query, e.g. \"SELECT ArticleID, LocalizedDisplayName FROM"
            + " SMS_SoftwareUpdate WHERE Severity = 10\"")
    String wql;

    @Mixin
    Target target;

    @Mixin
    OutputOptions output;

    @Option(names = "--batch-size", defaultValue = "100", description = "Objects per round trip (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        SelectQuery parsed = Wql.parse(wql); // syntax errors with line and column, before connecting
        if (batchSize < 1 || batchSize > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size takes 1..10000, not " + batchSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigMgr cm = target.builder().batchSize(batchSize).connect()) {
            String namespace = cm.namespace();
            QueryOptions options = new QueryOptions(batchSize, TransportConfig.DEFAULT_CALL_TIMEOUT);
            // closing the stream (also when standard output was closed early) releases the enumerator at once
            try (Stream<WmiObject> results = cm.transport().query(namespace, wql, options, WmiContext.empty())) {
                List<String> order = selectOrder(parsed);
                Iterator<Map<String, Object>> rows = results.map(o -> toJson(o, order)).iterator();
                Printer.print(out, output, List.of(), rows, new String[] {"row", "rows"}, "(no results)");
            }
        }
        out.flush();
        return 0;
    }

    /** @return the property names of the select list in their order (empty for {@code *} and joins) */
    private static List<String> selectOrder(SelectQuery q) {
        List<String> names = new ArrayList<>();
        for (SelectItem item : q.items()) {
            if (!(item instanceof PropertyRef)) {
                return List.of();
            }
            names.add(((PropertyRef) item).name());
        }
        return names;
    }

    /**
     * An object as a JSON-ready row: the keys the provider added first, then the select list in its order, then
     * every other property of the result's class.
     */
    private static Map<String, Object> toJson(WmiObject o, List<String> selectOrder) {
        Map<String, Object> all = toJson(o);
        if (selectOrder.isEmpty()) {
            return all;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__CLASS", all.get("__CLASS"));
        for (PropertyDefinition k : o.wmiClass().keys()) {
            if (selectOrder.stream().noneMatch(k.name()::equalsIgnoreCase) && o.has(k.name())) {
                m.put(k.name(), all.get(k.name()));
            }
        }
        for (String wanted : selectOrder) {
            for (String p : o.propertyNames()) {
                if (p.equalsIgnoreCase(wanted)) {
                    m.put(p, all.get(p));
                }
            }
        }
        for (String p : o.propertyNames()) {
            m.putIfAbsent(p, all.get(p));
        }
        return m;
    }

    // -------------------------------------------------------------------------------------- json

    static Map<String, Object> toJson(WmiObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__CLASS", o.className());
        for (PropertyDefinition p : o.wmiClass().properties()) {
            CimValue v = o.get(p.name()).orElse(null);
            m.put(p.name(), v == null ? null : Json.cimValue(v, QueryCommand::toJson));
        }
        return m;
    }
}
