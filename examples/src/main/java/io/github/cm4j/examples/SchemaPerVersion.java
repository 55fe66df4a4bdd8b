package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.SiteVersion;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.updates.UpdateQuery;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One schema per provider version: what {@code SMS_SoftwareUpdate} has on ConfigMgr 2007 and on current branch,
 * and how a typed model reads a property the connected version lacks (an empty {@code Optional}).
 *
 * <pre>
 * SchemaPerVersion                                   (memory:demo?version=2007)
 * SchemaPerVersion --uri memory:demo                 (current branch)
 * </pre>
 */
public final class SchemaPerVersion {
    private SchemaPerVersion() {
    }

    /** @param args {@code [--uri URI] [--user DOMAIN\\user]} */
    public static void main(String[] args) {
        String[] withDefault = args.length == 0 ? new String[] {"--uri", "memory:demo?version=2007"} : args;
        ExampleArgs a = ExampleArgs.parse(SchemaPerVersion.class, withDefault);
        WmiClass v2007 = Schema.forVersion(SiteVersion.CM2007_SP2).classNamed("SMS_SoftwareUpdate");
        WmiClass current = Schema.forVersion(SiteVersion.CURRENT_BRANCH).classNamed("SMS_SoftwareUpdate");
        System.out.println("SMS_SoftwareUpdate on ConfigMgr 2007: " + v2007.properties().size() + " properties, methods "
                + v2007.methods().stream().map(m -> m.name()).sorted().toList());
        System.out.println("SMS_SoftwareUpdate on current branch: " + current.properties().size() + " properties, methods "
                + current.methods().stream().map(m -> m.name()).sorted().toList());
        System.out.println("Only on 2007: " + minus(v2007, current));
        System.out.println("Only on current branch: " + minus(current, v2007));

        try (ConfigMgr cm = a.connect()) {
            SiteVersion version = cm.site().version();
            System.out.println("Connected to " + version + ": its schema has "
                    + Schema.forVersion(version).classNamed("SMS_SoftwareUpdate").properties().size() + " properties");
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
                SoftwareUpdate u = s.findFirst().orElseThrow();
                System.out.println("  " + u.articleId() + " isLegacyEnabled() = " + u.isLegacyEnabled()
                        + (u.isLegacyEnabled().isEmpty() ? " (no such property on this version)" : ""));
            }
        }
    }

    private static Set<String> minus(WmiClass a, WmiClass b) {
        return a.properties().stream().map(PropertyDefinition::name).filter(n -> b.property(n).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
