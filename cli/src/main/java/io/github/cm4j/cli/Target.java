package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import java.io.Console;
import java.net.URI;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The target options every connected subcommand shares (../shared/design/CLI.md): {@code --uri},
 * {@code --site}, {@code --user} (password from {@code CM4J_PASSWORD} or a prompt, never an argument).
 */
final class Target {
    /** The command this mixin belongs to (for usage errors). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--uri", defaultValue = "memory:demo", description = "The provider: memory:demo,"
            + " memory:demo?version=2007, dcom://host/SITE, ... (default: ${DEFAULT-VALUE}).")
    String uri;

    @Option(names = "--site", paramLabel = "CODE", description = "Work in this site's namespace (default: the site the"
            + " URI names, else the top site).")
    String site;

    @Option(names = "--user", paramLabel = "DOMAIN\\user", description = "Account; the password comes from the"
            + " environment variable CM4J_PASSWORD or a prompt.")
    String user;

    /** @return a builder for the target; {@code --site} goes into the URI (memory: parameter or dcom path) */
    ConfigMgr.Builder builder() {
        ConfigMgr.Builder b = ConfigMgr.builder().uri(siteUri());
        if (user != null) {
            b.credentials(Credentials.of(user, password()));
        }
        return b;
    }

    /** @return the connected client */
    ConfigMgr connect() {
        return builder().connect();
    }

    private String siteUri() {
        if (site == null) {
            return uri;
        }
        if (!site.matches("[A-Za-z0-9]{3}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--site takes a three-character site code such as"
                    + " CAS or PS1, not '" + site + "'");
        }
        String code = site.toUpperCase(Locale.ROOT);
        URI parsed = URI.create(uri);
        if ("memory".equalsIgnoreCase(parsed.getScheme())) {
            String ssp = parsed.getSchemeSpecificPart();
            if (ssp.matches("(?i).*[?&]site=.*")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give the site once: --site " + site
                        + " or site= in " + uri);
            }
            return uri + (ssp.contains("?") ? "&" : "?") + "site=" + code;
        }
        if (parsed.getHost() != null) {
            return parsed.getScheme() + "://" + parsed.getRawAuthority() + "/" + code
                    + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
        }
        throw new IllegalArgumentException("--site cannot be applied to " + uri + "; name the site in the URI");
    }

    /**
     * Says, on standard error, that a change made on the embedded simulator lasts only as long as this command: every
     * {@code cm4j} run starts a fresh {@code memory:} hierarchy (docs/simulator.md).
     *
     * @param err standard error
     */
    void noteChangesEndWithThisCommand(java.io.PrintWriter err) {
        if (uri.regionMatches(true, 0, "memory:", 0, 7)) {
            err.println("note: " + uri + " is simulated inside this command, so the change ends with it; to keep state"
                    + " between commands run './cm4j serve' and pass the --uri it prints");
        }
    }

    /** @return whether standard output is a terminal (progress is shown only then) */
    static boolean interactive() {
        return System.console() != null;
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
}
