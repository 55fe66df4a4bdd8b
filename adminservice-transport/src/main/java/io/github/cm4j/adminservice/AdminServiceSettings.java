package io.github.cm4j.adminservice;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of an {@code adminservice://} URI. Canonical form:
 * {@code adminservice://provider.lab.test[:port][/SITE][?option=value&...]}, which stands for
 * {@code https://provider.lab.test[:port]/AdminService/}; {@code https://host[:port]/AdminService[/SITE]} is
 * accepted as well. Without {@code /SITE} the site namespace is read from the first {@code SMS_Site} answer's
 * {@code __NAMESPACE}. Options:
 * <ul>
 *   <li>{@code tls-ca=FILE}: trust the PEM certificates of FILE instead of the JDK trust store;</li>
 *   <li>{@code tls-pin=sha256:HEX}: trust exactly the server certificate with that SHA-256 fingerprint;</li>
 *   <li>{@code auth=negotiate} (default: Kerberos through SPNEGO) or {@code auth=none} (no Authorization header,
 *       for a loopback service started without authentication);</li>
 *   <li>{@code ntlm=on}: allow NTLM over HTTP for sites before ConfigMgr 2509 (which still accept it), with NTLM
 *       credentials ({@code DOMAIN\\user} and password or NT hash); Kerberos stays preferred when the credentials
 *       can do both; never without this option;</li>
 *   <li>{@code client-filter=on}: evaluate on the client a {@code WHERE} that OData cannot express (reads the
 *       whole class, streamed);</li>
 *   <li>{@code retries=N} (0..5, default 2): retries of a failed idempotent GET.</li>
 * </ul>
 * Host name verification is always on; there is no option to trust every certificate. Immutable.
 *
 * @param host the provider's host name (the SPN is {@code HTTP/host})
 * @param port the HTTPS port
 * @param site the site code, if the URI gives one
 * @param caFile the {@code tls-ca} file, if any
 * @param pin the {@code tls-pin} value, if any
 * @param negotiate whether to authenticate with Kerberos (SPNEGO)
 * @param clientFilter whether WHERE clauses OData cannot say are evaluated on the client
 * @param retries retries of a failed idempotent GET
 * @param ntlm whether NTLM over HTTP is allowed ({@code ntlm=on})
 */
public record AdminServiceSettings(String host, int port, Optional<String> site, Optional<Path> caFile,
                                   Optional<String> pin, boolean negotiate, boolean clientFilter, int retries,
                                   boolean ntlm) {

    /** The scheme of the canonical form. */
    public static final String SCHEME = "adminservice";

    /**
     * Parses a URI.
     *
     * @param uri {@code adminservice://host[:port][/SITE][?options]} or {@code https://host[:port]/AdminService[/SITE]}
     * @return the settings
     * @throws IllegalArgumentException when the URI or an option is invalid (the message names it)
     */
    public static AdminServiceSettings parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        // never the user-info part: it may hold a password
        String shown = uri.getScheme() + "://" + (uri.getHost() == null ? "?" : uri.getHost())
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!scheme.equals(SCHEME) && !scheme.equals("https")) {
            throw new IllegalArgumentException(shown + ": the scheme must be adminservice:// (or https://host/AdminService)");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(shown + ": the URI names no host: adminservice://provider.fqdn[/SITE]");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(shown + ": no credentials in the URI; Kerberos uses the ticket cache or "
                    + "the credentials given to ConfigMgr.connect");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (scheme.equals("https")) {
            if (!path.regionMatches(true, 0, "AdminService", 0, 12)) {
                throw new IllegalArgumentException(shown + ": an https:// URI must be https://host[:port]/AdminService[/SITE]");
            }
            path = path.substring(12).replaceAll("^/+", "");
        }
        Optional<String> site = Optional.empty();
        if (!path.isEmpty()) {
            if (!path.matches("[A-Za-z0-9]{3}")) {
                throw new IllegalArgumentException(shown + ": '" + path + "' is not a site code (three letters or digits)");
            }
            site = Optional.of(path.toUpperCase(Locale.ROOT));
        }
        Map<String, String> options = options(uri, shown);
        Optional<Path> ca = Optional.ofNullable(options.remove("tls-ca")).map(Path::of);
        Optional<String> pin = Optional.ofNullable(options.remove("tls-pin"));
        if (ca.isPresent() && pin.isPresent()) {
            throw new IllegalArgumentException(shown + ": give tls-ca or tls-pin, not both");
        }
        String auth = options.getOrDefault("auth", "negotiate").toLowerCase(Locale.ROOT);
        options.remove("auth");
        if (!auth.equals("negotiate") && !auth.equals("kerberos") && !auth.equals("none")) {
            throw new IllegalArgumentException(shown + ": auth=" + auth + " is not one of negotiate, kerberos, none "
                    + "(Basic is never used)");
        }
        boolean ntlm = onOff(options.remove("ntlm"), "ntlm", shown);
        if (ntlm && auth.equals("none")) {
            throw new IllegalArgumentException(shown + ": ntlm=on authenticates; it does not go with auth=none");
        }
        boolean clientFilter = onOff(options.remove("client-filter"), "client-filter", shown);
        int retries = 2;
        String r = options.remove("retries");
        if (r != null) {
            try {
                retries = Integer.parseInt(r);
            } catch (NumberFormatException e) {
                retries = -1;
            }
            if (retries < 0 || retries > 5) {
                throw new IllegalArgumentException(shown + ": retries=" + r + " must be 0..5");
            }
        }
        if (!options.isEmpty()) {
            throw new IllegalArgumentException(shown + ": unknown option(s) " + options.keySet() + "; known: tls-ca, "
                    + "tls-pin, auth, ntlm, client-filter, retries");
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        return new AdminServiceSettings(host, port, site, ca, pin, !auth.equals("none"), clientFilter, retries, ntlm);
    }

    private static boolean onOff(String v, String name, String shown) {
        if (v == null || v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(shown + ": " + name + "=" + v + " must be on or off");
    }

    private static Map<String, String> options(URI uri, String shown) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(shown + ": the option '" + part + "' has no value (name=value)");
            }
            String k = java.net.URLDecoder.decode(part.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
            String v = java.net.URLDecoder.decode(part.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            if (out.put(k, v) != null) {
                throw new IllegalArgumentException(shown + ": the option " + k + " is given twice");
            }
        }
        return out;
    }

    /** @return the service root, {@code https://host:port/AdminService/} */
    public URI serviceRoot() {
        return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/AdminService/");
    }

    /** @return the default deadline of a retry's backoff start */
    static Duration firstBackoff() {
        return Duration.ofMillis(200);
    }

    @Override
    public String toString() {
        return SCHEME + "://" + host + ":" + port + site.map(s -> "/" + s).orElse("")
                + (caFile.isPresent() ? " tls-ca=" + caFile.get() : "") + (pin.isPresent() ? " tls-pin=" + pin.get() : "")
                + (negotiate ? " auth=negotiate" : " auth=none") + (ntlm ? " ntlm=on" : "") + (clientFilter ? " client-filter=on" : "");
    }
}
