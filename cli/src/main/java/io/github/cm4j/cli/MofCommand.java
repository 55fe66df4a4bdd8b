package io.github.cm4j.cli;

import io.github.cm4j.ParseException;
import io.github.cm4j.cim.mof.MofDocument;
import io.github.cm4j.cim.mof.MofParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j mof check FILE...}: parse MOF files and report errors with line:column. */
@Command(name = "mof", description = "Work with MOF files.", subcommands = MofCommand.Check.class)
final class MofCommand {

    /** {@code cm4j mof check}. */
    @Command(name = "check", description = "Parse MOF files; print errors as FILE:LINE:COLUMN: message; exit 1 on any error.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "MOF files to check.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    err.println(file + ": no such file");
                    failed++;
                    continue;
                }
                try {
                    MofDocument doc = MofParser.parse(file);
                    out.println(file + ": ok (" + doc.classes().size() + " classes, " + doc.instances().size() + " instances)");
                } catch (ParseException e) {
                    err.println(file + ":" + e.line() + ":" + e.column() + ": " + e.problem());
                    err.println(e.caretSnippet());
                    failed++;
                } catch (IOException e) {
                    err.println(file + ": cannot read: " + e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : Cm4j.EXIT_FAILED;
        }
    }
}
