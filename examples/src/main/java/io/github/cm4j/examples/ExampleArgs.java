package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.Credentials;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.io.Console;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command line every example shares: where to connect ({@code --uri}, default {@code memory:demo}, the
 * embedded simulator), as whom ({@code --user DOMAIN\\user}, the password from the environment variable
 * {@code CM4J_PASSWORD} or a prompt, never an argument: it would show in process listings), and the few
 * options of the example itself, declared as they appear in its usage line — among them {@code --ci-id N}, the
 * software update to work on ({@link #updateOrFirst}).
 *
 * <pre>{@code
 * ExampleArgs a = ExampleArgs.parse(MyExample.class, args, "--limit N", "--dry-run");
 * try (ConfigMgr cm = a.connect()) { ... a.intOption("--limit", 10) ... a.flag("--dry-run") ... }
 * }</pre>
 *
 * <p>Exit statuses follow the {@code cm4j} command: {@code --help} prints the usage and exits 0; a bad command
 * line prints what is wrong and the usage on standard error and exits 2. The examples themselves exit 1 when the
 * operation failed and 3 at a timeout.
 */
public final class ExampleArgs {
    /** The target when no {@code --uri} is given: the embedded simulator's demo hierarchy. */
    public static final String DEFAULT_URI = "memory:demo";
    /** Exit status of a bad command line. */
    public static final int USAGE_ERROR = 2;

    private static final String PASSWORD_VARIABLE = "CM4J_PASSWORD";

    private final String program;
    private final Map<String, String> values;
    private final List<String> specs;

    private ExampleArgs(String program, Map<String, String> values, List<String> specs) {
        this.program = program;
        this.values = values;
        this.specs = specs;
    }

    /**
     * Parses the command line, or exits: with 0 after printing the usage for {@code --help}, with
     * {@value #USAGE_ERROR} for an unknown option or a missing value.
     *
     * @param example the example's class (its simple name is the program name in the usage line)
     * @param args the arguments of {@code main}
     * @param options the example's own options as the usage shows them: {@code "--limit N"} takes a value,
     *                {@code "--dry-run"} is a flag
     * @return the parsed command line
     */
    public static ExampleArgs parse(Class<?> example, String[] args, String... options) {
        List<String> specs = new ArrayList<>(List.of("--uri URI", "--user DOMAIN\\user"));
        specs.addAll(List.of(options));
        String program = example.getSimpleName();
        try {
            return new ExampleArgs(program, read(args, specs), specs);
        } catch (HelpRequested e) {
            System.out.println(usage(program, specs));
            System.exit(0);
            throw e; // not reached
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.err.println(usage(program, specs));
            System.exit(USAGE_ERROR);
            throw e; // not reached
        }
    }

    private static Map<String, String> read(String[] args, List<String> specs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new HelpRequested();
            }
            String spec = specs.stream().filter(s -> s.split(" ")[0].equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown option '" + name + "'"));
            boolean takesValue = spec.contains(" ");
            if (!takesValue) {
                values.put(name, "");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(name + " needs a value (" + spec + ")");
            }
        }
        return values;
    }

    private static String usage(String program, List<String> specs) {
        StringBuilder sb = new StringBuilder("usage: ").append(program);
        specs.forEach(s -> sb.append(" [").append(s).append(']'));
        return sb.append("\n  --uri defaults to ").append(DEFAULT_URI).append("; with --user the password comes from ")
                .append(PASSWORD_VARIABLE).append(" or a prompt").toString();
    }

    /** @return the connection URI, {@value #DEFAULT_URI} unless {@code --uri} was given */
    public String uri() {
        return values.getOrDefault("--uri", DEFAULT_URI);
    }

    /**
     * Connects to {@link #uri()}, with credentials when {@code --user} was given, or exits: with
     * {@value #USAGE_ERROR} when the URI is malformed or names no known hierarchy, with 1 when connecting fails
     * (no transport for the scheme, host unreachable, access denied — the message says which).
     *
     * @return the connected client; close it
     */
    public ConfigMgr connect() {
        return connectTo(uri());
    }

    /**
     * Connects as {@link #connect()} does, to another URI (built from {@link #uri()}, say).
     *
     * @param target the URI
     * @return the connected client; close it
     */
    public ConfigMgr connectTo(String target) {
        try {
            ConfigMgr.Builder builder = ConfigMgr.builder().uri(target);
            Optional<String> user = option("--user");
            user.ifPresent(account -> builder.credentials(Credentials.of(account, password(account))));
            return builder.connect();
        } catch (IllegalArgumentException e) {
            throw usageError("--uri " + target + ": " + e.getMessage());
        } catch (ConfigMgrException e) {
            System.err.println(program + ": cannot connect to " + target + ": " + e.getMessage());
            System.exit(1);
            throw e; // not reached
        }
    }

    private char[] password(String account) {
        String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw usageError("--user needs a password: set " + PASSWORD_VARIABLE + " or run on a terminal");
        }
        return console.readPassword("Password for %s: ", account);
    }

    /**
     * @param name an option with a value, e.g. {@code --title}
     * @return its value, when given
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * @param name an option with a value
     * @param defaultValue the value when it is not given
     * @return the value
     */
    public String option(String name, String defaultValue) {
        return option(name).orElse(defaultValue);
    }

    /**
     * @param name an option with a whole-number value, e.g. {@code --limit}
     * @param defaultValue the value when it is not given
     * @return the value (exits with the usage when it is not a number)
     */
    public long longOption(String name, long defaultValue) {
        Optional<String> v = option(name);
        try {
            return v.isEmpty() ? defaultValue : Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw usageError(name + " takes a whole number, not '" + v.get() + "'");
        }
    }

    /**
     * @param name an option with a duration value: {@code 90s}, {@code 10m}, {@code 2h} or ISO-8601 ({@code PT10M})
     * @param defaultValue the value when it is not given
     * @return the value (exits with the usage when it is not a duration)
     */
    public Duration durationOption(String name, Duration defaultValue) {
        Optional<String> v = option(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String text = v.get().trim().toUpperCase(Locale.ROOT);
        try {
            return Duration.parse(text.matches("\\d+[SMH]") ? "PT" + text : text);
        } catch (DateTimeParseException e) {
            throw usageError(name + " takes a duration such as 90s, 10m, 2h or PT10M, not '" + v.get() + "'");
        }
    }

    /**
     * The software update an example works on: the one {@code --ci-id N} names, read with its lazy properties
     * (one GetObject), or else the first that matches the criteria.
     *
     * @param updates the software updates of the connection
     * @param otherwise the criteria when no {@code --ci-id} was given
     * @return the update
     * @throws IllegalStateException when nothing matches (the message asks for {@code --ci-id})
     */
    public SoftwareUpdate updateOrFirst(SoftwareUpdates updates, UpdateQuery otherwise) {
        if (option("--ci-id").isPresent()) {
            return updates.get(longOption("--ci-id", 0));
        }
        try (Stream<SoftwareUpdate> s = updates.find(otherwise)) {
            return s.findFirst().orElseThrow(() -> new IllegalStateException("no update matches " + otherwise
                    + "; name one with --ci-id N"));
        }
    }

    /**
     * @param name a flag, e.g. {@code --dry-run}
     * @return whether it was given
     */
    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /**
     * Prints the problem and the usage on standard error and exits with {@value #USAGE_ERROR}; for checks of
     * option values an example makes itself.
     *
     * @param message what is wrong with the command line
     * @return never returns; declared so that callers can write {@code throw args.usageError(...)}
     */
    public IllegalArgumentException usageError(String message) {
        System.err.println(program + ": " + message);
        System.err.println(usage(program, specs));
        System.exit(USAGE_ERROR);
        return new IllegalArgumentException(message); // not reached
    }

    /** @return the program and the options given, e.g. {@code ListUpdatesMatchingCriteria{--limit=5}} */
    @Override
    public String toString() {
        return program + values;
    }

    /** {@code --help}: the usage goes to standard output and the program ends normally. */
    private static final class HelpRequested extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
    }
}
