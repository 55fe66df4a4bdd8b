package io.github.cm4j.cli;

import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.ParseException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cm4j} command. Conventions (../shared/design/CLI.md): human output by default, {@code --json}
 * for machines; errors on standard error; exit 0 success, 1 failure or invalid input, 2 usage error,
 * 3 timeout.
 */
@Command(name = "cm4j", mixinStandardHelpOptions = true, versionProvider = Cm4j.Version.class,
        description = "Command line for the ConfigMgr SMS Provider SDK cm4j.",
        subcommands = {SchemaCommand.class, MofCommand.class, DatetimeCommand.class, WqlCommand.class, LogsCommand.class,
            QueryCommand.class, WmioCommand.class, UpdatesCommand.class, SyncCommand.class, ScheduleCommand.class, ScfCommand.class, ServeCommand.class,
            CommandLine.HelpCommand.class})
public final class Cm4j {
    /** Exit code: the operation failed or the input was invalid. */
    static final int EXIT_FAILED = 1;
    /** Exit code: usage error. */
    static final int EXIT_USAGE = 2;
    /** Exit code: a deadline passed. */
    static final int EXIT_TIMEOUT = 3;

    private Cm4j() {
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command with the given output streams (for tests).
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Cm4j());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("cm4j: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ParseException) {
                ParseException pe = (ParseException) ex;
                err.println("cm4j: " + pe.getMessage());
                err.println(pe.caretSnippet());
                return EXIT_FAILED;
            }
            if (ex instanceof CallTimeoutException) {
                err.println("cm4j: " + ex.getMessage());
                return EXIT_TIMEOUT;
            }
            if (ex instanceof ConfigMgrException || ex instanceof IllegalArgumentException
                    || ex instanceof java.util.NoSuchElementException || ex instanceof IllegalStateException) {
                err.println("cm4j: " + ex.getMessage());
                return EXIT_FAILED;
            }
            throw ex;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cm4j.class.getPackage().getImplementationVersion();
            return new String[] {"cm4j " + (v == null ? "(development build)" : v)};
        }
    }
}
