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

    @Option(names = "--user", paramLabel = "DOMAIN\\user", description = "Account (DOMAIN\\user for NTLM, user@REALM"
            + " for Kerberos and NTLM); the password comes from the environment variable CM4J_PASSWORD or a prompt."
            + " Without --user and --keytab, dcom:// uses the Kerberos ticket cache (kinit).")
    String user;

    @Option(names = "--record", paramLabel = "FILE", description = "Record every call and answer to FILE (JSON Lines,"
            + " no secrets); replay it with --uri replay:FILE. Same as record=FILE in the URI.")
    java.nio.file.Path record;

    @Option(names = "--redact", paramLabel = "LIST", description = "With --record: replace hosts,users,sites,text by"
            + " stable tokens in the recording.")
    String redact;

    @Option(names = "--authn", paramLabel = "MECHANISM", description = "negotiate (default: Kerberos when the"
            + " credentials can, else NTLM), kerberos or ntlm.")
    String authn;

    @Option(names = "--keytab", paramLabel = "FILE", description = "Kerberos keytab of --principal (instead of a"
            + " password or the ticket cache).")
    java.nio.file.Path keytab;

    @Option(names = "--principal", paramLabel = "P", description = "Kerberos principal of --keytab, e.g."
            + " svc-cm@LAB.TEST.")
    String principal;

    /** @return a builder for the target; {@code --site} goes into the URI (memory: parameter or dcom path) */
    ConfigMgr.Builder builder() {
        ConfigMgr.Builder b = ConfigMgr.builder().uri(withAuthn(siteUri()));
        if (redact != null && record == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--redact applies to a recording: add --record FILE");
        }
        if (record != null) {
            b.record(record);
        }
        if (redact != null) {
            b.redact(redact);
        }
        credentials().ifPresent(b::credentials);
        return b;
    }

    /** The credentials the options name (CLI.md: --user, --keytab/--principal, else the ticket cache for dcom://). */
    java.util.Optional<Credentials> credentials() {
        if ((keytab == null) != (principal == null)) {
            throw new IllegalArgumentException("--keytab and --principal go together: --keytab FILE --principal P");
        }
        if (keytab != null) {
            if (user != null) {
                throw new IllegalArgumentException("give either --user or --keytab/--principal, not both");
            }
            if ("ntlm".equalsIgnoreCase(authn)) {
                throw new IllegalArgumentException("--authn ntlm cannot use a keytab: give --user DOMAIN\\user");
            }
            return java.util.Optional.of(Credentials.kerberosKeytab(principal, keytab));
        }
        if (user != null) {
            boolean kerberos = user.contains("@") && !user.contains("\\") && !"ntlm".equalsIgnoreCase(authn);
            return java.util.Optional.of(kerberos ? Credentials.kerberosPassword(user, password()) : Credentials.of(user, password()));
        }
        if (uri.toLowerCase(Locale.ROOT).startsWith("dcom:")) {
            if ("ntlm".equalsIgnoreCase(authn)) {
                throw new IllegalArgumentException("--authn ntlm needs --user DOMAIN\\user (and CM4J_PASSWORD)");
            }
            return java.util.Optional.of(Credentials.kerberos());
        }
        return java.util.Optional.empty();
    }

    /** Carries {@code --authn} into a dcom:// URI as {@code authn=}. */
    String withAuthn(String target) {
        if (authn == null) {
            return target;
        }
        String a = authn.toLowerCase(Locale.ROOT);
        if (!a.equals("negotiate") && !a.equals("kerberos") && !a.equals("ntlm")) {
            throw new IllegalArgumentException("--authn takes negotiate, kerberos or ntlm, not '" + authn + "'");
        }
        if (!target.toLowerCase(Locale.ROOT).startsWith("dcom:")) {
            throw new IllegalArgumentException("--authn applies to dcom:// targets, not " + target);
        }
        if (target.matches("(?i).*[?&]authn=.*")) {
            throw new IllegalArgumentException("give the mechanism once: --authn " + authn + " or authn= in " + target);
        }
        return target + (target.contains("?") ? "&" : "?") + "authn=" + a;
    }

    /**
     * @return the options that name this target again, for a command the user is told to run next: e.g.
     *     {@code " --uri 'dcom://sccm/CAS' --user 'CORP\\admin'"}; empty for the default target
     */
    String sameTargetOptions() {
        StringBuilder b = new StringBuilder();
        if (!"memory:demo".equals(uri)) {
            b.append(" --uri ").append(shellWord(uri));
        }
        if (site != null) {
            b.append(" --site ").append(shellWord(site));
        }
        if (user != null) {
            b.append(" --user ").append(shellWord(user));
        }
        return b.toString();
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9@%+=:,./_-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
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
