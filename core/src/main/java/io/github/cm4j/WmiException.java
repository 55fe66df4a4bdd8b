package io.github.cm4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The WMI server (the SMS Provider) answered a call with an error HRESULT, usually a {@link WbemStatus}
 * code such as {@link WbemStatus#WBEM_E_NOT_FOUND}.
 *
 * <p>The exception carries the raw {@link #hresult()}, its {@link #status()} when the code is a known
 * WBEMSTATUS and its {@link #statusName()} either way, the {@link #operation()} that failed (for example
 * {@code "ExecQuery"} or {@code "GetObject"}), the {@link #target()} it was applied to (a WQL query, a
 * namespace, a class name or an object path; possibly empty) and, when known, the {@link #host()}. The
 * message has the form
 *
 * <pre>{@code <operation> <target> failed: <NAME> (0x8004xxxx): <description> on <host>}</pre>
 *
 * <p>for example {@code ExecQuery SELECT * FROM Foo failed: WBEM_E_INVALID_CLASS (0x80041010): the class
 * does not exist or its name is not valid}. The description and the host part appear only when known; a
 * code outside the WBEMSTATUS table shows as its hex value alone. In the message, a target longer than
 * {@value #MAX_TARGET_IN_MESSAGE} characters is cut short with {@code "…"} and line breaks become spaces;
 * {@link #target()} keeps the full value.
 *
 * <pre>{@code
 * try {
 *     ...
 * } catch (WmiException e) {
 *     if (e.is(WbemStatus.WBEM_E_NOT_FOUND)) { ... }
 * }
 * }</pre>
 */
public class WmiException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    /** Longest target, in characters, that the message shows before cutting it short. */
    public static final int MAX_TARGET_IN_MESSAGE = 200;

    /** The HRESULT the server answered with. */
    private final int hresult;
    /** The call that failed. */
    private final String operation;
    /** What the call was applied to, in full; never null. */
    private final String target;
    /** The host that answered, or null if not known. */
    private final String host;

    /**
     * Creates the exception from a raw HRESULT.
     *
     * @param hresult the HRESULT the server answered with, e.g. {@code 0x80041002}
     * @param operation the call that failed, e.g. {@code "ExecQuery"}; not blank
     * @param target what the call was applied to (query, namespace, class or object path); {@code null}
     *     is taken as empty
     * @param host the server's host name, or {@code null} if not known
     * @param cause the underlying failure, or {@code null}
     */
    public WmiException(int hresult, String operation, String target, String host, Throwable cause) {
        super(message(hresult, checkOperation(operation), nullToEmpty(target), emptyToNull(host)), cause);
        this.hresult = hresult;
        this.operation = operation;
        this.target = nullToEmpty(target);
        this.host = emptyToNull(host);
    }

    /**
     * Creates the exception for a known status, without host or cause.
     *
     * @param status the status the server answered with
     * @param operation the call that failed, e.g. {@code "GetObject"}
     * @param target what the call was applied to; {@code null} is taken as empty
     * @return the exception (to be thrown by the caller)
     */
    public static WmiException of(WbemStatus status, String operation, String target) {
        Objects.requireNonNull(status, "status");
        return new WmiException(status.code(), operation, target, null, null);
    }

    /**
     * Creates the exception for a known status on a host.
     *
     * @param status the status the server answered with
     * @param operation the call that failed
     * @param target what the call was applied to; {@code null} is taken as empty
     * @param host the server's host name, or {@code null} if not known
     * @return the exception (to be thrown by the caller)
     */
    public static WmiException of(WbemStatus status, String operation, String target, String host) {
        Objects.requireNonNull(status, "status");
        return new WmiException(status.code(), operation, target, host, null);
    }

    /**
     * Creates the exception from a raw HRESULT, without host or cause.
     *
     * @param hresult the HRESULT the server answered with
     * @param operation the call that failed
     * @param target what the call was applied to; {@code null} is taken as empty
     * @return the exception (to be thrown by the caller)
     */
    public static WmiException of(int hresult, String operation, String target) {
        return new WmiException(hresult, operation, target, null, null);
    }

    /**
     * Creates the exception from a raw HRESULT, with host and cause, as a transport sees it.
     *
     * @param hresult the HRESULT the server answered with
     * @param operation the call that failed
     * @param target what the call was applied to; {@code null} is taken as empty
     * @param host the server's host name, or {@code null} if not known
     * @param cause the underlying failure, or {@code null}
     * @return the exception (to be thrown by the caller)
     */
    public static WmiException of(int hresult, String operation, String target, String host, Throwable cause) {
        return new WmiException(hresult, operation, target, host, cause);
    }

    /**
     * The HRESULT the server answered with.
     *
     * @return the code as a 32-bit int, e.g. {@code 0x80041002}
     */
    public int hresult() {
        return hresult;
    }

    /**
     * The HRESULT as a known WBEMSTATUS.
     *
     * @return the status, or empty if the code is not in the {@link WbemStatus} table (for example an
     *     operating system or DCOM error such as {@code 0x80070005})
     */
    public Optional<WbemStatus> status() {
        return WbemStatus.fromCode(hresult);
    }

    /**
     * The symbolic name of the HRESULT.
     *
     * @return e.g. {@code "WBEM_E_NOT_FOUND"}, or the hex form such as {@code "0x80070005"} for a code
     *     outside the {@link WbemStatus} table
     * @see WbemStatus#nameOf(int)
     */
    public String statusName() {
        return WbemStatus.nameOf(hresult);
    }

    /**
     * Whether the server answered with the given status.
     *
     * @param s the status to compare with
     * @return {@code true} if {@link #hresult()} equals {@code s.code()}
     */
    public boolean is(WbemStatus s) {
        return s != null && s.code() == hresult;
    }

    /**
     * The call that failed.
     *
     * @return e.g. {@code "ExecQuery"}, {@code "GetObject"}, {@code "ExecMethod SMS_SoftwareUpdate.SyncNow"}
     */
    public String operation() {
        return operation;
    }

    /**
     * What the call was applied to, in full (the message may show it shortened).
     *
     * @return the WQL query, namespace, class name or object path; empty if there was none
     */
    public String target() {
        return target;
    }

    /**
     * The host that answered.
     *
     * @return the host name, or empty if not known
     */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    private static String message(int hresult, String operation, String target, String host) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(operation);
        if (!target.isEmpty()) {
            sb.append(' ').append(shorten(target));
        }
        sb.append(" failed: ");
        Optional<WbemStatus> status = WbemStatus.fromCode(hresult);
        if (status.isPresent()) {
            WbemStatus s = status.get();
            sb.append(s.name()).append(" (").append(s.hex()).append("): ").append(s.description());
        } else {
            sb.append(WbemStatus.hex(hresult));
        }
        if (host != null) {
            sb.append(" on ").append(host);
        }
        return sb.toString();
    }

    /** Puts the target on one line and cuts it to {@link #MAX_TARGET_IN_MESSAGE} characters. */
    private static String shorten(String target) {
        String oneLine = target.replaceAll("[\\r\\n\\t]+", " ");
        if (oneLine.length() <= MAX_TARGET_IN_MESSAGE) {
            return oneLine;
        }
        int end = MAX_TARGET_IN_MESSAGE - 1;
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--; // do not split a surrogate pair
        }
        return oneLine.substring(0, end) + "…";
    }

    private static String checkOperation(String operation) {
        Objects.requireNonNull(operation, "operation");
        if (operation.isBlank()) {
            throw new IllegalArgumentException("operation must not be blank");
        }
        return operation;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
