package io.github.cm4j.cli;

import io.github.cm4j.wql.SelectQuery;
import io.github.cm4j.wql.Wql;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j wql check "QUERY"}: parse WQL and print the canonical form, or the error with a caret. */
@Command(name = "wql", description = "Work with WQL queries.", subcommands = WqlCommand.Check.class)
final class WqlCommand {

    /** {@code cm4j wql check}. */
    @Command(name = "check", description = "Parse a WQL query as the SMS Provider accepts it; print its canonical"
            + " form, or the error with a caret under the column (exit 1).")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "QUERY", description = "The query, e.g. \"SELECT * FROM SMS_SoftwareUpdate WHERE IsExpired = 0\"")
        String query;

        @Option(names = "--json", description = "Print the syntax tree as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            SelectQuery parsed = Wql.parse(query);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Json.write(parsed) : parsed.toWql());
            return 0;
        }
    }
}
