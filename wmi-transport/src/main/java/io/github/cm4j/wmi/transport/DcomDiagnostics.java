package io.github.cm4j.wmi.transport;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.internal.Doctor;
import io.github.cm4j.internal.SiteChecks;
import io.github.cm4j.internal.kerberos.KerberosIdentity;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.internal.kerberos.ServiceTicket;
import io.github.cm4j.spi.DiagnosticStep;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.ndr.Guids;
import io.github.cm4j.wmi.ntlm.AvPairs;
import io.github.cm4j.wmi.ntlm.NtlmChallengeMessage;
import io.github.cm4j.wmi.ntlm.NtlmFlags;
import io.github.cm4j.wmi.ntlm.NtlmNegotiateMessage;
import io.github.cm4j.wmi.rpc.AuthLevel;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transport-level checks of {@code cm4j doctor} for {@code dcom://}, in the order a connection meets them: name
 * resolution and FQDN; TCP to the object resolver (135); whether the server offers NTLM (a bind with an NTLM
 * NEGOTIATE_MESSAGE whose CHALLENGE_MESSAGE also carries the server's clock, MS-NLMP 2.2.2.1 MsvAvTimestamp, and its
 * DNS name; nothing is authenticated and no credential is sent); the clock skew from that timestamp; a Kerberos ticket
 * for {@code host/<fqdn>} with its encryption type (through core's {@link KerberosLogin}, so it works before the
 * DCE/RPC Kerberos layer); the activation of CLSID_WbemLevel1Login at the requested level, the DCOM hardening
 * (KB5004442) explained when the URI asks for less; TCP to the exporter port the activation names. The session itself
 * (IWbemLevel1Login::NTLMLogin) is core's {@code session} check.
 *
 * <p>Read-only: nothing changes on the server. The activated IWbemLevel1Login is not released explicitly (that needs
 * the exporter, which may be the unreachable part); the server drops it after three missed pings (MS-DCOM 3.2.6.1).
 * One instance per diagnosis; its steps share what they found and run in order on the doctor's threads (state is
 * handed over through volatile fields).
 */
final class DcomDiagnostics {
    /** The levels Windows refuses for activation since the DCOM hardening (KB5004442, CVE-2021-26414). */
    private static final Pattern LOW_LEVEL = Pattern.compile("(?i)(?:^|&)auth=(none|connect|call|pkt)(?:&|$)");
    private static final Pattern AUTH_OPTION = Pattern.compile("(?i)(^|&)auth=[^&]*");
    /** NDR 2.0 transfer syntax (C706 appendix I). */
    private static final UUID NDR20 = UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860");
    private static final int FRAGMENT = 5840;
    /** FILETIME of 1970-01-01 (100 ns units since 1601). */
    private static final long EPOCH_FILETIME = 116_444_736_000_000_000L;

    private final TransportConfig config;
    private final String requestedLevel;
    private final DcomSettings settings;
    private final IllegalArgumentException invalid;
    private volatile boolean resolved;
    private volatile String fqdn;
    private volatile boolean resolverReachable;
    private volatile OptionalLong serverTime = OptionalLong.empty();
    private volatile Instant probeTime;
    private volatile Integer exporterPort;

    DcomDiagnostics(TransportConfig config) {
        this.config = config;
        String query = config.uri().getRawQuery();
        Matcher low = query == null ? null : LOW_LEVEL.matcher(query);
        this.requestedLevel = low != null && low.find() ? low.group(1).toLowerCase(Locale.ROOT) : null;
        DcomSettings s = null;
        IllegalArgumentException bad = null;
        try {
            // a level below integrity is refused by DcomSettings; the other checks run at the default level so that
            // the user learns whether removing the option is all it takes
            s = DcomSettings.parse(requestedLevel == null ? config : withoutAuth(config));
        } catch (IllegalArgumentException e) {
            bad = e;
        }
        this.settings = s;
        this.invalid = bad;
    }

    private static TransportConfig withoutAuth(TransportConfig c) {
        URI u = c.uri();
        String q = AUTH_OPTION.matcher(u.getRawQuery()).replaceAll("").replaceAll("^&+|&+$", "").replaceAll("&&+", "&");
        String s = u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath())
                + (q.isEmpty() ? "" : "?" + q);
        return new TransportConfig(URI.create(s), c.credentials(), c.connectTimeout(), c.callTimeout(), c.batchSize());
    }

    /** @return the steps, in order */
    List<DiagnosticStep> steps() {
        List<DiagnosticStep> steps = new ArrayList<>();
        steps.add(DiagnosticStep.of("dns", "Name resolution and FQDN", this::dns));
        steps.add(DiagnosticStep.of("tcp-resolver", "TCP to the DCOM object resolver", this::tcpResolver));
        steps.add(DiagnosticStep.of("ntlm", "NTLM offered by the server", this::ntlm));
        steps.add(DiagnosticStep.of("clock", "Clock skew (the server's NTLM timestamp)", this::clock));
        steps.add(DiagnosticStep.of("kerberos", "Kerberos ticket for the SPN, encryption type", this::kerberos));
        steps.add(DiagnosticStep.of("activation", "DCOM activation at the requested level", this::activation));
        steps.add(DiagnosticStep.of("tcp-exporter", "TCP to the object exporter port the server names", this::tcpExporter));
        return steps;
    }


    private String host() {
        return config.uri().getHost();
    }

    private Check dns(Duration deadline) {
        String id = "dns";
        String title = "Name resolution and FQDN";
        String host = host();
        if (host == null || host.isEmpty()) {
            return Check.fail(id, title, "the URI names no host", "use --uri dcom://HOST/SITE, e.g. dcom://sccm01.corp.example/PS1");
        }
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (!literal && host.contains(".")) {
                // Kerberos needs the name, not its address: the SPN check can still run
                fqdn = host.toLowerCase(Locale.ROOT);
            }
            return Check.fail(id, title, "'" + host + "' does not resolve (" + Doctor.evidence(e) + ")",
                    "check the spelling and the DNS suffix search list; use the site server's fully qualified name");
        }
        resolved = true;
        String canonical = all[0].getCanonicalHostName();
        String addresses = Arrays.stream(all).map(InetAddress::getHostAddress).limit(4).reduce((a, b) -> a + ", " + b).orElse("");
        if (literal) {
            if (!canonical.equals(all[0].getHostAddress()) && canonical.contains(".")) {
                fqdn = canonical;
            }
            return Check.warn(id, title, host + " is an address" + (fqdn != null ? " (reverse lookup: " + fqdn + ")" : ""),
                    "NTLM works with an address; Kerberos needs the DNS name (SPN host/<fqdn>): use --uri dcom://"
                            + (fqdn != null ? fqdn : "<fqdn>") + "/...");
        }
        if (!host.contains(".")) {
            fqdn = canonical.contains(".") ? canonical : null;
            return Check.warn(id, title, host + " resolves to " + addresses + " but is not fully qualified"
                    + (fqdn != null ? " (canonical name " + fqdn + ")" : ""), "Kerberos needs the FQDN: use --uri dcom://"
                    + (fqdn != null ? fqdn : host + ".<domain>") + "/...");
        }
        fqdn = host.toLowerCase(Locale.ROOT);
        return Check.pass(id, title, host + " resolves to " + addresses);
    }

    private Check tcpResolver(Duration deadline) {
        String id = "tcp-resolver";
        String title = "TCP to the DCOM object resolver";
        if (!resolved) {
            return Check.skipped(id, title, "the host did not resolve (see check dns)");
        }
        int port = config.uri().getPort() == -1 ? DcomSettings.RESOLVER_PORT : config.uri().getPort();
        String err = tcp(host(), port, deadline);
        if (err == null) {
            resolverReachable = true;
            return Check.pass(id, title, host() + ":" + port + " accepts connections");
        }
        return Check.fail(id, title, host() + ":" + port + " " + err, "the RPC endpoint mapper listens on TCP 135 of the site"
                + " server: check the host, that it is up, and that firewalls (Windows Defender Firewall included) pass TCP 135");
    }

    /** @return null when connected, else what happened (refused, timed out, ...) */
    private static String tcp(String host, int port, Duration deadline) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, deadline.toMillis()));
            return null;
        } catch (SocketTimeoutException e) {
            return "did not answer within " + Doctor.seconds(deadline) + " (a firewall drops the packets)";
        } catch (IOException e) {
            return "refused the connection (" + Doctor.evidence(e) + ")";
        }
    }

    private Check ntlm(Duration deadline) {
        String id = "ntlm";
        String title = "NTLM offered by the server";
        if (!resolverReachable) {
            return Check.skipped(id, title, "the object resolver is not reachable (see check tcp-resolver)");
        }
        int port = config.uri().getPort() == -1 ? DcomSettings.RESOLVER_PORT : config.uri().getPort();
        AuthLevel level = settings != null ? settings.authLevel() : AuthLevel.PKT_PRIVACY;
        byte[] reply;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host(), port), (int) Math.max(1, deadline.toMillis()));
            s.setSoTimeout((int) Math.max(1, deadline.toMillis()));
            byte[] negotiate = new NtlmNegotiateMessage(NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.REQUEST_TARGET
                    | NtlmFlags.NEGOTIATE_SIGN | NtlmFlags.NEGOTIATE_SEAL | NtlmFlags.NEGOTIATE_NTLM | NtlmFlags.NEGOTIATE_ALWAYS_SIGN
                    | NtlmFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY | NtlmFlags.NEGOTIATE_TARGET_INFO | NtlmFlags.NEGOTIATE_128
                    | NtlmFlags.NEGOTIATE_KEY_EXCH | NtlmFlags.NEGOTIATE_56, "", "", Optional.empty()).encode();
            s.getOutputStream().write(bindWithNtlm(IRemoteScmActivator.IID, level, negotiate));
            s.getOutputStream().flush();
            probeTime = Instant.now();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[16];
            in.readFully(header);
            int fragLength = (header[8] & 0xFF) | (header[9] & 0xFF) << 8;
            // C706 12.6.1: frag_length covers the header; bound it before allocating (a bind reply is small)
            if (fragLength < 16 || fragLength > FRAGMENT) {
                return Check.fail(id, title, "the server's reply to a bind is malformed (frag_length " + fragLength + ")",
                        "is port " + port + " really the DCOM object resolver of a Windows server?");
            }
            reply = Arrays.copyOf(header, fragLength);
            in.readFully(reply, 16, fragLength - 16);
        } catch (SocketTimeoutException e) {
            return Check.fail(id, title, "no answer to a bind within " + Doctor.seconds(deadline),
                    "the server accepts TCP but does not speak DCE/RPC on this port");
        } catch (IOException e) {
            return Check.fail(id, title, "the connection broke during the bind (" + Doctor.evidence(e) + ")",
                    "the server closed the connection: an RPC filter or an NTLM policy may refuse the client");
        }
        int type = reply[2] & 0xFF;
        if (type == 13) {
            int reason = reply.length >= 18 ? (reply[16] & 0xFF) | (reply[17] & 0xFF) << 8 : -1;
            String why = reason == 8 ? "authentication_type_not_recognized" : reason == 9 ? "invalid_checksum" : "reason " + reason;
            return Check.fail(id, title, "the server refuses a bind with NTLM (bind_nak " + why + ")",
                    "NTLM is denied by the server's policy (Restrict NTLM: Incoming NTLM traffic); use Kerberos: --authn"
                            + " kerberos with --user user@REALM, a keytab or the ticket cache, and the host's FQDN in --uri");
        }
        if (type != 12) {
            return Check.fail(id, title, "the server answered a bind with PDU type " + type, "is port " + port
                    + " really the DCOM object resolver?");
        }
        int authLength = (reply[10] & 0xFF) | (reply[11] & 0xFF) << 8;
        if (authLength == 0 || authLength > reply.length - 24) {
            return Check.fail(id, title, "the bind_ack carries no NTLM challenge", "the server did not take up NTLM; use Kerberos");
        }
        NtlmChallengeMessage challenge;
        try {
            challenge = NtlmChallengeMessage.decode(Arrays.copyOfRange(reply, reply.length - authLength, reply.length));
        } catch (RuntimeException e) {
            return Check.fail(id, title, "the NTLM challenge is malformed (" + Doctor.evidence(e) + ")", "report it with a capture");
        }
        AvPairs info = challenge.targetInfo();
        serverTime = info.timestamp();
        Optional<String> dns = info.string(AvPairs.DNS_COMPUTER_NAME);
        if (fqdn == null && dns.isPresent() && dns.get().contains(".")) {
            fqdn = dns.get().toLowerCase(Locale.ROOT);
        }
        String who = info.string(AvPairs.NB_DOMAIN_NAME).orElse("?") + "\\" + info.string(AvPairs.NB_COMPUTER_NAME).orElse("?")
                + dns.map(d -> " (" + d + ")").orElse("");
        String flags = NtlmFlags.describe(challenge.flags());
        boolean ess = (challenge.flags() & NtlmFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY) != 0;
        boolean seal = (challenge.flags() & NtlmFlags.NEGOTIATE_SEAL) != 0;
        if (!ess || (level == AuthLevel.PKT_PRIVACY && !seal)) {
            return Check.fail(id, title, "the server offers NTLM as " + who + " without " + (!ess ? "extended session security"
                    : "sealing") + " (" + flags + ")", "cm4j speaks NTLMv2 with extended session security only; check the"
                    + " server's LmCompatibilityLevel and NTLM policies");
        }
        if (!config.credentials().supports(Credentials.Mechanism.NTLM)) {
            return Check.pass(id, title, "the server offers NTLM as " + who + " (not used: the credentials are Kerberos only)");
        }
        return Check.pass(id, title, "the server offers NTLMv2 as " + who + "; challenge received, nothing authenticated");
    }

    /** A bind PDU (C706 12.6.4.3) for one interface v0.0 over NDR 2.0 with an NTLM auth trailer (MS-RPCE 2.2.2.11). */
    static byte[] bindWithNtlm(UUID iface, AuthLevel level, byte[] token) {
        int body = 16 + 8 + 4 + 44;
        int total = body + 8 + token.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 5).put((byte) 0).put((byte) 11).put((byte) 0x03);
        b.put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0);
        b.putShort((short) total).putShort((short) token.length).putInt(1);
        b.putShort((short) FRAGMENT).putShort((short) FRAGMENT).putInt(0);
        b.put((byte) 1).put((byte) 0).putShort((short) 0);
        b.putShort((short) 0).put((byte) 1).put((byte) 0);
        b.put(Guids.bytes(iface)).putShort((short) 0).putShort((short) 0);
        b.put(Guids.bytes(NDR20)).putShort((short) 2).putShort((short) 0);
        b.put((byte) 10).put((byte) level.wire()).put((byte) 0).put((byte) 0).putInt(0);
        b.put(token);
        return b.array();
    }

    private Check clock(Duration deadline) {
        String id = "clock";
        String title = "Clock skew (the server's NTLM timestamp)";
        OptionalLong t = serverTime;
        if (t.isEmpty()) {
            return Check.skipped(id, title, "no NTLM challenge with a timestamp was received (see check ntlm)");
        }
        Instant server = Instant.ofEpochSecond((t.getAsLong() - EPOCH_FILETIME) / 10_000_000L,
                ((t.getAsLong() - EPOCH_FILETIME) % 10_000_000L) * 100);
        return SiteChecks.skew(id, title, Duration.between(probeTime, server), "MsvAvTimestamp of the NTLM challenge");
    }

    private Check kerberos(Duration deadline) {
        String id = "kerberos";
        String title = "Kerberos ticket for the SPN, encryption type";
        Credentials c = config.credentials();
        if (!c.supports(Credentials.Mechanism.KERBEROS)) {
            return Check.skipped(id, title, "the credentials are NTLM only; give --user user@REALM, --keytab or --authn kerberos"
                    + " to check Kerberos");
        }
        String name = fqdn;
        if (name == null) {
            return Check.fail(id, title, "no DNS name for " + host() + ": Kerberos needs the host's FQDN for the SPN host/<fqdn>",
                    "use --uri dcom://<fqdn>/SITE");
        }
        String spn = "host/" + name;
        KerberosIdentity identity;
        try {
            identity = KerberosLogin.login(c, deadline, host());
        } catch (AuthenticationException | IllegalArgumentException e) {
            return Check.fail(id, title, "Kerberos login of " + c.account() + " failed: " + Doctor.evidence(e),
                    "check krb5.conf (default_realm, kdc), the keytab or `kinit`, and the clock skew");
        }
        try {
            ServiceTicket ticket = identity.serviceTicket(spn, host());
            try {
                String enc = enctype(ticket.enctype());
                String ev = "ticket for " + ticket.server() + " as " + ticket.client() + ", session key " + enc + ", valid until "
                        + ticket.endTime();
                if (ticket.enctype() == 23 || ticket.enctype() < 17) {
                    return Check.warn(id, title, ev, "RC4/DES session keys are being phased out by Windows: enable AES for the"
                            + " account (msDS-SupportedEncryptionTypes) and the server");
                }
                return Check.pass(id, title, ev);
            } finally {
                ticket.destroy();
            }
        } catch (AuthenticationException e) {
            return Check.fail(id, title, "no ticket for " + spn + ": " + Doctor.evidence(e),
                    "register the SPN (setspn -S host/" + name + " <computer account>) or use the name the SPN is registered under");
        }
    }

    private static String enctype(int e) {
        return switch (e) {
            case 17 -> "aes128-cts-hmac-sha1-96 (17)";
            case 18 -> "aes256-cts-hmac-sha1-96 (18)";
            case 19 -> "aes128-cts-hmac-sha256-128 (19)";
            case 20 -> "aes256-cts-hmac-sha384-192 (20)";
            case 23 -> "rc4-hmac (23)";
            default -> "enctype " + e;
        };
    }

    private Check activation(Duration deadline) {
        String id = "activation";
        String title = "DCOM activation at the requested level";
        if (settings == null) {
            return Check.fail(id, title, Doctor.evidence(invalid), "correct --uri");
        }
        if (!resolverReachable) {
            return Check.skipped(id, title, "the object resolver is not reachable (see check tcp-resolver)");
        }
        DcomSettings s = settings.withConnectTimeout(deadline);
        String at;
        try {
            DcomConnection.Activation a = DcomConnection.activate(s, Deadline.in(deadline));
            a.resolver().close();
            exporterPort = a.exporterPort();
            at = "CLSID_WbemLevel1Login activated at " + s.authLevel() + "; the object exporter is at port " + a.exporterPort();
        } catch (AuthenticationException e) {
            if (requestedLevel != null) {
                return lowLevel(id, title, "and at " + s.authLevel() + " it was refused too: " + Doctor.evidence(e));
            }
            // A refused NTLM logon looks the same on the wire whether the password is wrong or the server denies NTLM
            // by policy (the challenge is sent, the AUTHENTICATE refused, the call answered access denied).
            return Check.fail(id, title, "activation refused: " + Doctor.evidence(e), "check --user and the password"
                    + " (CM4J_PASSWORD); the account needs DCOM Remote Launch and Remote Activation (Distributed COM Users or"
                    + " SMS Admins); if the server denies NTLM (Restrict NTLM: Incoming NTLM traffic), use Kerberos:"
                    + " --user user@REALM or --keytab, and the host's FQDN in --uri");
        }
        if (requestedLevel != null) {
            return lowLevel(id, title, "at " + s.authLevel() + " instead: " + at);
        }
        return Check.pass(id, title, at);
    }

    private Check lowLevel(String id, String title, String then) {
        return Check.fail(id, title, "--uri asks for auth=" + requestedLevel + "; cm4j never activates below packet integrity"
                + " and Windows refuses it since the DCOM hardening of March 2023 (KB5004442, CVE-2021-26414: E_ACCESSDENIED,"
                + " event 10036 on the server); " + then, "remove auth=" + requestedLevel + " from --uri (privacy is the default;"
                + " auth=integrity is allowed); a client that can only activate at CONNECT level (j-Interop 2.0.x) cannot"
                + " talk to a patched server");
    }

    private Check tcpExporter(Duration deadline) {
        String id = "tcp-exporter";
        String title = "TCP to the object exporter port the server names";
        Integer port = exporterPort;
        if (port == null) {
            return Check.skipped(id, title, "no activation reply named the exporter (see check activation)");
        }
        String err = tcp(host(), port, deadline);
        if (err == null) {
            return Check.pass(id, title, host() + ":" + port + " accepts connections");
        }
        return Check.fail(id, title, "the server names port " + port + " for WMI, but " + host() + ":" + port + " " + err,
                "firewalls between here and the site server must pass the dynamic RPC range (TCP 49152-65535 by default) or"
                        + " the fixed port WMI was given (winmgmt /standalonehost and a firewall rule)");
    }
}
