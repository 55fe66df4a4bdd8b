package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
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
import java.io.Console;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
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

    @Option(names = "--uri", defaultValue = "memory:demo", description = "The provider: memory:demo,"
            + " memory:demo?version=2007, dcom://host/SITE, ... (default: ${DEFAULT-VALUE}).")
    String uri;

    @Option(names = "--site", paramLabel = "CODE", description = "Run in this site's namespace (default: the site the"
            + " URI names, else the top site).")
    String site;

    @Option(names = "--user", paramLabel = "DOMAIN\\user", description = "Account; the password comes from the"
            + " environment variable CM4J_PASSWORD or a prompt.")
    String user;

    @Option(names = "--json", description = "One JSON object per result (JSON Lines).")
    boolean json;

    @Option(names = "--batch-size", defaultValue = "100", description = "Objects per round trip (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        SelectQuery parsed = Wql.parse(wql); // syntax errors with line and column, before connecting
        PrintWriter out = spec.commandLine().getOut();
        ConfigMgr.Builder b = ConfigMgr.builder().uri(uri).batchSize(batchSize);
        if (user != null) {
            b.credentials(Credentials.of(user, password()));
        }
        try (ConfigMgr cm = b.connect()) {
            String namespace = site == null ? cm.namespace() : "root\\sms\\site_" + site.toUpperCase(Locale.ROOT);
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

    private char[] password() {
        String env = System.getenv("CM4J_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("--user needs a password: set CM4J_PASSWORD or run on a terminal");
        }
        return console.readPassword("Password for %s: ", user);
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
        out.println(row(columns, widths));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
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
        return row(cells, widths);
    }

    private static String row(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            if (v.length() > widths[c]) {
                v = v.substring(0, Math.max(0, widths[c] - 1)) + "…";
            }
            sb.append(c == 0 ? "" : "  ").append(v);
            if (c < cells.size() - 1) {
                sb.append(" ".repeat(widths[c] - v.length()));
            }
        }
        return sb.toString();
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
