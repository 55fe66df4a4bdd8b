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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cm4j query [--uri URI] [--site CODE] [--json] "WQL"}: runs a query and prints the results as a table,
 * or as JSON Lines with {@code --json}. The query is parsed first, so a syntax error is reported with its
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

    @Option(names = "--json", description = "One JSON object per result (JSON Lines).")
    boolean json;

    @Option(names = "--batch-size", defaultValue = "100", description = "Objects per round trip (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        SelectQuery parsed = Wql.parse(wql); // syntax errors with line and column, before connecting
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigMgr cm = target.builder().batchSize(batchSize).connect()) {
            String namespace = cm.namespace();
            QueryOptions options = new QueryOptions(batchSize, TransportConfig.DEFAULT_CALL_TIMEOUT);
            try (Stream<WmiObject> results = cm.transport().query(namespace, wql, options, WmiContext.empty())) {
                if (json) {
                    results.forEach(o -> out.println(Json.write(toJson(o))));
                } else {
                    table(results.iterator(), out, selectOrder(parsed));
                }
            }
        }
        out.flush();
        return 0;
    }

    // ------------------------------------------------------------------------------------- table

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

    private static void table(Iterator<WmiObject> it, PrintWriter out, List<String> selectOrder) {
        List<WmiObject> sample = new ArrayList<>();
        while (it.hasNext() && sample.size() < WIDTH_SAMPLE) {
            sample.add(it.next());
        }
        if (sample.isEmpty()) {
            out.println("(no results)");
            return;
        }
        List<String> columns = new ArrayList<>();
        for (WmiObject o : sample) {
            // keys the provider added first, then the select list in its order, then anything else
            o.wmiClass().keys().stream().map(PropertyDefinition::name)
                    .filter(k -> selectOrder.stream().noneMatch(k::equalsIgnoreCase) && !columns.contains(k))
                    .forEach(columns::add);
            for (String wanted : selectOrder) {
                o.propertyNames().stream().filter(wanted::equalsIgnoreCase).filter(p -> !columns.contains(p))
                        .forEach(columns::add);
            }
            for (String p : o.propertyNames()) {
                if (!columns.contains(p)) {
                    columns.add(p);
                }
            }
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = Math.min(MAX_COLUMN, columns.get(c).length());
        }
        for (WmiObject o : sample) {
            for (int c = 0; c < columns.size(); c++) {
                widths[c] = Math.max(widths[c], Math.min(MAX_COLUMN, cell(o, columns.get(c)).length()));
            }
        }
        out.println(TextTable.row(columns, widths));
        out.println(TextTable.rule(widths));
        long n = 0;
        for (WmiObject o : sample) {
            out.println(row(o, columns, widths));
            n++;
        }
        while (it.hasNext()) {
            out.println(row(it.next(), columns, widths));
            n++;
        }
        out.println("(" + n + (n == 1 ? " row)" : " rows)"));
    }

    private static String row(WmiObject o, List<String> columns, int[] widths) {
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
            cells.add(cell(o, c));
        }
        return TextTable.row(cells, widths);
    }

    private static String cell(WmiObject o, String column) {
        if (!o.has(column)) {
            return "";
        }
        CimValue v = o.get(column).orElse(null);
        return v == null ? "" : text(v).replace('\n', ' ').replace('\r', ' ');
    }

    private static String text(CimValue v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (Object e : v.asList()) {
                parts.add(scalarText(v.type().elementType(), e));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return scalarText(v.type(), v.value());
    }

    private static String scalarText(CimType type, Object v) {
        switch (type) {
            case UINT64:
                return Long.toUnsignedString((Long) v);
            case DATETIME:
                CimDateTime dt = (CimDateTime) v;
                return dt.isComplete() && !dt.isInterval() ? dt.toInstant().toString() : dt.toString();
            case OBJECT:
                WmiObject w = (WmiObject) v;
                return w.toString();
            case BOOLEAN:
                return ((Boolean) v) ? "True" : "False";
            default:
                return String.valueOf(v);
        }
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
