package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.EmbeddedProperty;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.sitecontrol.ScfChange;
import io.github.cm4j.sitecontrol.SiteControlSession;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cm4j scf show|set}: the site control file through {@link SiteControlSession}. */
@Command(name = "scf", description = "The site control file: show components, set an embedded property in a session.",
        subcommands = {ScfCommand.Show.class, ScfCommand.Set.class})
final class ScfCommand {

    /** {@code cm4j scf show}. */
    @Command(name = "show", description = "Show the components of a site's control file (committed copy).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--component", paramLabel = "NAME", description = "Only this component, e.g. SMS_WSUS_SYNC_MANAGER.")
        String component;
        @Option(names = "--json", description = "One JSON object per component (JSON Lines).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect()) {
                String site = cm.site().siteCode();
                List<SciComponent> all = cm.siteControl().components(site).stream()
                        .filter(c -> component == null || c.componentName().equalsIgnoreCase(component)).toList();
                if (all.isEmpty()) {
                    spec.commandLine().getErr().println("cm4j: no component" + (component == null ? "" : " " + component)
                            + " in the site control file of " + site);
                    return Cm4j.EXIT_FAILED;
                }
                for (SciComponent c : all) {
                    if (json) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("siteCode", c.siteCode());
                        m.put("componentName", c.componentName());
                        m.put("itemName", c.itemName());
                        m.put("props", c.props().stream().map(p -> Map.of("name", p.propertyName(),
                                "value", Integer.toUnsignedLong(p.value()), "value1", p.value1(), "value2", p.value2())).toList());
                        m.put("propLists", c.propLists().stream().map(l -> Map.of("name", l.propertyListName(),
                                "values", l.values())).toList());
                        out.println(Json.write(m));
                    } else {
                        out.println(c.componentName() + "  (" + c.itemName() + ", site " + c.siteCode() + ")");
                        List<List<String>> rows = new ArrayList<>();
                        for (EmbeddedProperty p : c.props()) {
                            rows.add(List.of(p.propertyName(), Integer.toUnsignedString(p.value()), p.value1(), p.value2()));
                        }
                        c.propLists().forEach(l -> rows.add(List.of(l.propertyListName() + "[]", "", String.join(", ", l.values()), "")));
                        TextTable.print(out, List.of("  Property", "Value", "Value1", "Value2"),
                                rows.stream().map(r -> List.of("  " + r.get(0), r.get(1), r.get(2), r.get(3))).toList(), 70);
                        out.println();
                    }
                }
            }
            return 0;
        }
    }

    /** {@code cm4j scf set}. */
    @Command(name = "set", description = "Set an embedded property of a component in a site control session; prints the"
            + " diff and commits unless --dry-run.")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--component", required = true, paramLabel = "NAME", description = "e.g. SMS_WSUS_SYNC_MANAGER.")
        String component;
        @Option(names = "--property", required = true, paramLabel = "NAME", description = "e.g. \"Sync ExpressFiles\".")
        String property;
        @Option(names = "--value", required = true, paramLabel = "N", description = "The Value (uint32).")
        long value;
        @Option(names = "--value1", paramLabel = "TEXT", description = "Value1 (kept when not given).")
        String value1;
        @Option(names = "--value2", paramLabel = "TEXT", description = "Value2 (kept when not given).")
        String value2;
        @Option(names = "--dry-run", description = "Show what would change; commit nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("--value must be 0..4294967295 (uint32), not " + value);
            }
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect(); SiteControlSession scf = cm.siteControl().open(cm.site().siteCode())) {
                SciComponent c = scf.component(component);
                EmbeddedProperty old = c.property(property).orElse(EmbeddedProperty.of(property, 0));
                scf.put(c.withProperty(property, (int) value, value1 != null ? value1 : old.value1(),
                        value2 != null ? value2 : old.value2()));
                List<ScfChange> diff = scf.diff();
                if (diff.isEmpty()) {
                    out.println("no change");
                    return 0;
                }
                diff.forEach(out::println);
                if (dryRun) {
                    out.println("(dry run: nothing committed)");
                } else {
                    scf.commit();
                    out.println("committed to the site control file of " + scf.siteCode());
                    target.noteChangesEndWithThisCommand(spec.commandLine().getErr());
                }
            }
            return 0;
        }
    }
}
