package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.UpdateCategoryInstance;
import io.github.cm4j.updates.UpdateCategories;
import io.github.cm4j.updates.UpdateCategoryType;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cm4j sup products|classifications list|add|remove}: what the software update point synchronizes, as
 * {@code Set-CMSoftwareUpdatePointComponent -AddProduct/-RemoveProduct/-AddUpdateClassification/
 * -RemoveUpdateClassification}. Names as the console shows them; unknown names are refused with the closest ones.
 */
@Command(name = "sup", description = "The software update point: the products and update classifications it synchronizes.",
        subcommands = {SupCommand.Products.class, SupCommand.Classifications.class})
final class SupCommand {

    /** {@code cm4j sup products list|add|remove}. */
    @Command(name = "products", description = "Products the software update point synchronizes (list, add, remove).",
            subcommands = {ListCategories.class, Add.class, Remove.class})
    static final class Products {
    }

    /** {@code cm4j sup classifications list|add|remove}. */
    @Command(name = "classifications", description = "Update classifications the software update point synchronizes"
            + " (list, add, remove).", subcommands = {ListCategories.class, Add.class, Remove.class})
    static final class Classifications {
    }

    /** @return the type the parent command ({@code products} or {@code classifications}) names */
    static UpdateCategoryType type(CommandSpec spec) {
        return spec.parent().userObject() instanceof Products ? UpdateCategoryType.PRODUCT : UpdateCategoryType.CLASSIFICATION;
    }

    static Map<String, Object> row(UpdateCategoryInstance c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CategoryInstanceID", c.categoryInstanceId());
        m.put("LocalizedCategoryInstanceName", c.localizedCategoryInstanceName());
        m.put("IsSubscribed", c.isSubscribed());
        m.put("AllowSubscription", c.allowSubscription());
        m.put("CategoryInstance_UniqueID", c.categoryInstanceUniqueId());
        return m;
    }

    static final List<String> COLUMNS = List.of("CategoryInstanceID", "LocalizedCategoryInstanceName", "IsSubscribed",
            "AllowSubscription", "CategoryInstance_UniqueID");

    /** {@code list}: every category of the type, subscribed or not. */
    @Command(name = "list", description = "List them with their IDs and whether they are synchronized (one query).")
    static final class ListCategories implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Mixin
        OutputOptions output;
        @Option(names = "--subscribed", description = "Only those synchronized.")
        boolean subscribed;

        @Override
        public Integer call() {
            UpdateCategoryType type = type(spec);
            try (ConfigMgr cm = target.connect()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (UpdateCategoryInstance c : cm.updateCategories().list(type)) {
                    if (!subscribed || c.isSubscribed()) {
                        rows.add(row(c));
                    }
                }
                Printer.print(spec.commandLine().getOut(), output, COLUMNS, rows.iterator(),
                        new String[] {type.label(), type.label() + "s"}, "(no " + type.label() + "s)");
            }
            return 0;
        }
    }

    /** {@code add NAME...}. */
    @Command(name = "add", description = "Synchronize these too, from the next synchronization on (names as listed;"
            + " case is ignored).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Names, e.g. \"Windows 11\" or \"Security Updates\".")
        List<String> names;

        @Override
        public Integer call() {
            return change(spec, target, names, true);
        }
    }

    /** {@code remove NAME...}. */
    @Command(name = "remove", description = "Stop synchronizing these (names as listed; case is ignored).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Names, e.g. \"Windows 10\" or \"Tools\".")
        List<String> names;

        @Override
        public Integer call() {
            return change(spec, target, names, false);
        }
    }

    private static int change(CommandSpec spec, Target target, List<String> names, boolean on) {
        UpdateCategoryType type = type(spec);
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigMgr cm = target.connect()) {
            UpdateCategories c = cm.updateCategories();
            List<UpdateCategoryInstance> changed = on ? c.subscribe(type, names) : c.unsubscribe(type, names);
            for (UpdateCategoryInstance x : changed) {
                out.println((on ? "added " : "removed ") + type.label() + " " + x.localizedCategoryInstanceName()
                        + " (" + x.categoryInstanceId() + ")");
            }
            int unchanged = names.size() - changed.size();
            if (unchanged > 0) {
                out.println(unchanged + " already " + (on ? "synchronized" : "not synchronized") + "; unchanged");
            }
            if (!changed.isEmpty()) {
                out.println("the site applies it from its next synchronization (cm4j sync" + target.sameTargetOptions() + ")");
            }
        }
        return 0;
    }
}
