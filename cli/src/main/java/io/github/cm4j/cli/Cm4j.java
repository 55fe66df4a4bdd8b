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
            QueryCommand.class, WmioCommand.class, UpdatesCommand.class, DeploymentsCommand.class, SyncCommand.class,
            ScheduleCommand.class, ScfCommand.class, SupCommand.class, ServeCommand.class, DoctorCommand.class, Cm4j.Help.class})
public final class Cm4j {
    /** Exit code: the operation failed or the input was invalid. */
    static final int EXIT_FAILED = 1;
    /** Exit code: usage error. */
    static final int EXIT_USAGE = 2;
    /** Exit code: a deadline passed. */
    static final int EXIT_TIMEOUT = 3;

    /** Whether {@code --verbose} was given (per run; the CLI runs one command per JVM, tests run several). */
    private static volatile boolean verbose;

    /** The longest line of an error message printed whole without {@code --verbose}. */
    static final int SHORT_LINE = 240;

    private Cm4j() {
    }

    @picocli.CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print errors in full, with their causes.")
    void verbose(boolean value) {
        verbose = value;
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // Standard output buffered when piped (a line per write costs a system call per row over a million rows),
        // flushed per line on a terminal; a closed pipe surfaces as PrintWriter.checkError(), which Printer polls.
        boolean terminal = Target.interactive();
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), java.nio.charset.Charset.defaultCharset()), 1 << 16),
                terminal);
        System.exit(run(out, new PrintWriter(System.err, true), args));
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
        verbose = false;
        CommandLine cl = new CommandLine(new Cm4j());
        helpEverywhere(cl);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.registerConverter(java.time.LocalDate.class, Cm4j::date);
        cl.setParameterExceptionHandler((ex, a) -> {
            // a few lines, not the whole usage: the message, then where the full help is
            err.println("cm4j: " + ex.getMessage());
            String path = commandPath(ex.getCommandLine());
            err.println("Try 'cm4j" + (path.isEmpty() ? "" : " " + path) + " --help' for the options.");
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
                printError(err, ex);
                return EXIT_TIMEOUT;
            }
            if (ex instanceof ConfigMgrException || ex instanceof IllegalArgumentException
                    || ex instanceof java.util.NoSuchElementException || ex instanceof IllegalStateException) {
                printError(err, ex);
                return EXIT_FAILED;
            }
            throw ex;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Prints an error: whole when short, else its first lines cut to the terminal's habits and a hint to
     * {@code --verbose}, which prints it whole with the messages of its causes.
     */
    static void printError(PrintWriter err, Throwable ex) {
        String message = String.valueOf(ex.getMessage());
        if (verbose) {
            err.println("cm4j: " + message);
            for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                err.println("  caused by: " + c.getClass().getSimpleName() + ": " + c.getMessage());
            }
            return;
        }
        java.util.List<String> lines = message.lines().toList();
        if (lines.size() <= 8 && lines.stream().allMatch(l -> l.length() <= SHORT_LINE)) {
            err.println("cm4j: " + message);
            return;
        }
        int shown = 0;
        for (String line : lines) {
            if (shown == 3) {
                break;
            }
            err.println((shown == 0 ? "cm4j: " : "") + (line.length() > 160 ? line.substring(0, 159) + "…" : line));
            shown++;
        }
        err.println("(" + message.length() + " characters in all: --verbose prints the whole message)");
    }

    /** @return the words of a command below {@code cm4j}, e.g. {@code updates list} */
    static String commandPath(CommandLine cl) {
        java.util.Deque<String> words = new java.util.ArrayDeque<>();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            words.addFirst(c.getCommandName());
        }
        return String.join(" ", words).isEmpty() ? "" : String.join(" ", words);
    }

    /** Parses a date option, {@code yyyy-mm-dd}, with a message about the option's form (not a Java type). */
    static java.time.LocalDate date(String text) {
        try {
            return java.time.LocalDate.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date; write it as yyyy-mm-dd, e.g. 2024-05-01");
        }
    }

    /** Gives every subcommand, at every depth, {@code --help}/{@code -h} (and {@code --version}/{@code -V}). */
    private static void helpEverywhere(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (!spec.mixinStandardHelpOptions() && !spec.helpCommand()) {
                spec.mixinStandardHelpOptions(true);
            }
            // picocli leaves the whole mixin out when one of its names is taken (serve's --version is the provider
            // version): then add --help/-h alone
            if (!spec.helpCommand() && spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            helpEverywhere(sub);
        }
    }

    /**
     * {@code cm4j help [COMMAND [SUBCOMMAND...]]}: the usage of the command the words name, at any depth (picocli's
     * own help command looks at the first word only).
     */
    @Command(name = "help", helpCommand = true, description = "Show the help of a command: cm4j help [COMMAND [SUBCOMMAND]].")
    static final class Help implements CommandLine.IHelpCommandInitializable2, java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and subcommand.")
        String[] words = new String[0];
        private CommandLine self;
        private PrintWriter out;
        private PrintWriter err;

        @Override
        public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
                PrintWriter errWriter) {
            this.self = helpCommandLine;
            this.out = outWriter;
            this.err = errWriter;
        }

        @Override
        public Integer call() {
            CommandLine target = self.getParent();
            for (String w : words) {
                CommandLine next = target.getSubcommands().get(w);
                if (next == null) {
                    // picocli gives a help command's own return value no say in the exit code; a usage error does
                    throw new CommandLine.ParameterException(target, "no command '" + String.join(" ", words)
                            + "'; 'cm4j help' lists the commands");
                }
                target = next;
            }
            target.usage(out);
            return 0;
        }
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
