package io.github.cm4j.wmi.transport;

import io.github.cm4j.Credentials;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.wmi.rpc.AuthLevel;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code dcom://} connection needs, parsed from a {@link TransportConfig}: {@code
 * dcom://host[:port]/SITE} or {@code dcom://host[:port]/root/sms/site_PS1}, with the options as query parameters
 * ({@code auth=privacy|integrity}, {@code batch=N}, {@code smartenum=true|false}). The port is the one of the DCOM
 * object resolver (135 on Windows); the object exporter's port comes back from the activation. {@code toString}
 * shows the account, never the secret.
 *
 * @param host the server's name or address
 * @param port the object resolver's TCP port
 * @param namespace the default namespace, {@code \}-separated (e.g. {@code root\sms\site_PS1})
 * @param authLevel packet privacy (default) or packet integrity
 * @param credentials NTLMv2 credentials (never {@link Credentials#none()})
 * @param connectTimeout the deadline of activation and login
 * @param callTimeout the default deadline of one call
 * @param batchSize objects per enumeration round trip: the URI's {@code batch=N}, else the connection's batch size
 * @param batchInUri whether the URI gave {@code batch=N}; it then applies to every query of the connection (it is the
 *     explicit choice for this provider), otherwise each query's own batch size applies
 * @param smartEnum whether queries read through the smart enumerator (IWbemWCOSmartEnum) instead of
 *     IEnumWbemClassObject::Next
 * @param auth the mechanism ({@code authn=negotiate|kerberos|ntlm}, {@code ntlm=off}, {@code spn=})
 */
record DcomSettings(String host, int port, String namespace, AuthLevel authLevel, Credentials credentials,
                    Duration connectTimeout, Duration callTimeout, int batchSize, boolean batchInUri,
                    boolean smartEnum, ClientAuth auth) {
    /** The port of the DCOM object resolver (endpoint mapper) on Windows. */
    static final int RESOLVER_PORT = 135;
    /** The query parameters a {@code dcom://} URI may carry. */
    static final Set<String> PARAMETERS = Set.of("auth", "batch", "smartenum", "authn", "ntlm", "spn");
    /** A ConfigMgr site code: three letters or digits. */
    private static final Pattern SITE_CODE = Pattern.compile("[A-Za-z0-9]{3}");
    private static final Pattern NAMESPACE_SEGMENT = Pattern.compile("[A-Za-z0-9_]+");

    /** Validates. */
    DcomSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(authLevel, "authLevel");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /**
     * @param config the URI, credentials, deadlines and batch size
     * @return the settings
     * @throws IllegalArgumentException when the URI is not a valid {@code dcom://} URI, an option is unknown or
     *     out of range, the level is below packet integrity, or no credentials are given (the message says which)
     */
    static DcomSettings parse(TransportConfig config) {
        URI uri = config.uri();
        String shown = redact(uri);
        if (!"dcom".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(shown + ": not a dcom:// URI");
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(shown + ": a dcom URI names a host: dcom://host[:port]/SITE, e.g. dcom://sccm01/PS1");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(redact(uri) + ": credentials do not belong in the URI; pass them with "
                    + "ConfigMgr.builder().credentials(...)");
        }
        int port = uri.getPort() == -1 ? RESOLVER_PORT : uri.getPort();
        String namespace = namespace(uri.getPath(), shown);
        Map<String, String> options = options(uri.getRawQuery(), shown);
        AuthLevel level = authLevel(options.getOrDefault("auth", "privacy"), shown);
        int batch = options.containsKey("batch") ? batch(options.get("batch"), shown) : config.batchSize();
        boolean smartEnum = options.containsKey("smartenum") && bool(options.get("smartenum"), "smartenum", shown);
        if (config.credentials().isNone()) {
            throw new IllegalArgumentException(shown + ": the dcom transport authenticates (Kerberos or NTLMv2) and needs"
                    + " credentials: Credentials.kerberos() (the kinit ticket cache), Credentials.kerberosKeytab(...),"
                    + " Credentials.of(\"DOMAIN\\\\user\", password) or Credentials.ofNtHash(...)");
        }
        ClientAuth.Authn authn = ClientAuth.parseAuthn(options.getOrDefault("authn", "negotiate"), shown);
        boolean ntlmAllowed = !options.containsKey("ntlm") || onOff(options.get("ntlm"), "ntlm", shown);
        if (authn == ClientAuth.Authn.NTLM && !ntlmAllowed) {
            throw new IllegalArgumentException(shown + ": authn=ntlm and ntlm=off contradict each other");
        }
        if (authn == ClientAuth.Authn.KERBEROS && !config.credentials().supports(Credentials.Mechanism.KERBEROS)) {
            throw new IllegalArgumentException(shown + ": authn=kerberos needs Kerberos credentials (Credentials.kerberos(),"
                    + " kerberosKeytab(...) or kerberosPassword(...)); " + config.credentials() + " serves NTLM only");
        }
        String host = uri.getHost();
        String spn = options.containsKey("spn") ? options.get("spn") : "host/" + host.toLowerCase(Locale.ROOT);
        ClientAuth auth = new ClientAuth(authn, ntlmAllowed, spn, config.credentials(), config.connectTimeout(), host);
        if (auth.usesKerberos() && !options.containsKey("spn") && isIpLiteral(host)) {
            throw new IllegalArgumentException(shown + ": Kerberos needs the server's DNS name, not the address " + host
                    + " (the SPN is host/<fqdn>): use dcom://<fully qualified name>/..., or give spn=host/<fqdn>,"
                    + " or authn=ntlm");
        }
        return new DcomSettings(host, port, namespace, level, config.credentials(), config.connectTimeout(),
                config.callTimeout(), batch, options.containsKey("batch"), smartEnum, auth);
    }

    /** {@code /PS1} is the site namespace {@code root\sms\site_PS1}; a longer path is a namespace as it stands. */
    private static String namespace(String path, String shown) {
        String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
        if (p.isEmpty()) {
            throw new IllegalArgumentException(shown + ": the URI names no site or namespace: dcom://host/SITE "
                    + "(e.g. dcom://sccm01/PS1) or dcom://host/root/sms/site_PS1");
        }
        String[] segments = p.split("/+");
        if (segments.length == 1 && SITE_CODE.matcher(p).matches()) {
            return "root\\sms\\site_" + p.toUpperCase(Locale.ROOT);
        }
        for (String s : segments) {
            if (!NAMESPACE_SEGMENT.matcher(s).matches()) {
                throw new IllegalArgumentException(shown + ": '" + s + "' is not a namespace name (letters, digits, underscore)");
            }
        }
        return String.join("\\", segments);
    }

    private static Map<String, String> options(String rawQuery, String shown) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!PARAMETERS.contains(key)) {
                throw new IllegalArgumentException(shown + ": unknown option '" + key + "'; known: auth, batch, smartenum, authn, ntlm, spn "
                        + "(deadlines and credentials are set on ConfigMgr.builder())");
            }
            if (options.put(key, value) != null) {
                throw new IllegalArgumentException(shown + ": option '" + key + "' is given twice");
            }
        }
        return options;
    }

    private static AuthLevel authLevel(String value, String shown) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "privacy":
            case "pkt_privacy":
                return AuthLevel.PKT_PRIVACY;
            case "integrity":
            case "pkt_integrity":
                return AuthLevel.PKT_INTEGRITY;
            case "none":
            case "connect":
            case "call":
            case "pkt":
                throw new IllegalArgumentException(shown + ": auth=" + value + " is refused: cm4j speaks DCOM at packet privacy "
                        + "(default) or packet integrity only; Windows itself rejects activation below packet integrity "
                        + "since the DCOM hardening (KB5004442, CVE-2021-26414)");
            default:
                throw new IllegalArgumentException(shown + ": auth=" + value + " is not a level; use auth=privacy (default) "
                        + "or auth=integrity");
        }
    }

    private static int batch(String value, String shown) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 100_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(shown + ": batch=" + value + " is not a batch size (1..100000)");
    }

    private static boolean bool(String value, String name, String shown) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(shown + ": " + name + "=" + value + " is neither true nor false");
    }

    private static boolean onOff(String value, String name, String shown) {
        if (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(shown + ": " + name + "=" + value + " is neither on nor off");
    }

    /** An IPv4 or IPv6 literal (the URI keeps IPv6 in brackets). */
    static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URI without any user information, for messages. */
    private static String redact(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://***@" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** @return {@code host:port} */
    String endpoint() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "DcomSettings[" + endpoint() + ", " + namespace + ", " + authLevel + ", " + credentials.account() + ", " + auth + ", batch "
                + batchSize + (smartEnum ? ", smart enumeration" : "") + "]";
    }
}
