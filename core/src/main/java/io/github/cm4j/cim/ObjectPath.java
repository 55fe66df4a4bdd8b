package io.github.cm4j.cim;

import io.github.cm4j.ParseException;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A WMI object path, as the SMS Provider returns it in {@code __PATH} and {@code __RELPATH} and accepts
 * in {@code GetObject}, {@code ExecMethod} and reference properties.
 *
 * <h2>Forms</h2>
 * <pre>
 *   full                 \\server\root\sms\site_PS1:SMS_SCI_Component.FileType=2,ItemType="Component",...
 *   namespace-relative   root\sms\site_PS1:SMS_Collection.CollectionID="PS100020"
 *   relative             SMS_Collection.CollectionID="PS100020"
 *   class path           SMS_SoftwareUpdate
 *   singleton            SMS_Identification=@
 *   single unnamed key   SMS_Collection="PS100020"     (the key name may be omitted when the class has one key)
 * </pre>
 * The server may be {@code .} (the local computer), a host name, an address, or a bracketed name such as
 * {@code [SMSProvider]} or {@code [fe80::1]}. As the WMI page "WMI Object Path Requirements" allows,
 * {@code /} is accepted in place of {@code \} as the separator before the class name (formatting always
 * writes {@code \}), and no white space is allowed anywhere outside quoted strings. The URL notation for
 * non-printing characters ({@code %20}) that the same page mentions is not decoded: {@code %} is an ordinary
 * character of a quoted value. A path that names a namespace but no class ({@code \\server\root\sms}) is
 * not supported.
 *
 * <h2>Key values</h2>
 * Key values are plain Java objects, normalized so that equal values are equal objects:
 * <ul>
 *   <li>{@link String} &mdash; written {@code "..."} with {@code \"} and {@code \\} as the only escapes
 *       (WMI "WMI Object Path Requirements"; KB 242507 "Using Backslash in WMI Strings"). Strings in single
 *       quotes ({@code SiteCode='PS1'}, as the ConfigMgr SDK samples write them) are read literally up to
 *       the next {@code '}: a backslash inside them is an ordinary character. That is what the SDK sample
 *       for {@code SMS_SCI_SysResUse} relies on, whose single-quoted {@code ItemName} holds a NAL path with
 *       raw backslashes ({@code ["Display=\\SERVER\"]MSWNET:["SMS_SITE=PS1"]\\SERVER\}). Any other
 *       character, including control characters and non-ASCII text, is kept as is.</li>
 *   <li>{@link Long} for integers in the signed 64-bit range, and {@link BigInteger} only for the values
 *       above {@link Long#MAX_VALUE} up to 2<sup>64</sup>-1 that {@code uint64} keys may take. Integers are
 *       decimal, optionally negative; {@code 0x} hexadecimal is accepted on input and formatted back as
 *       decimal. Factories also accept {@link Integer}, {@link Short} and {@link Byte} and convert them to
 *       {@code Long}.</li>
 *   <li>{@link Boolean} &mdash; {@code TRUE} / {@code FALSE} in any case, formatted {@code TRUE} /
 *       {@code FALSE}.</li>
 *   <li>References (key properties of association classes) are strings holding an object path, escaped
 *       like any string: read one with {@code ObjectPath.parse((String) path.key("Antecedent").get())};
 *       factories accept an {@code ObjectPath} as value and store its {@link #toString()}.</li>
 * </ul>
 *
 * <h2>Names and equality</h2>
 * Class and key names must be WMI identifiers: a letter or {@code _} followed by letters, digits or
 * {@code _} (system names such as {@code __NAMESPACE} included; non-ASCII letters are allowed as in
 * DSP0004's MOF grammar). Namespace segments hold the same characters and may start with a digit. So no
 * name can smuggle path or query syntax.
 *
 * <p>WMI compares names case-insensitively, and so does this class: {@link #keys()} looks names up
 * ignoring case, and {@link #equals(Object)} ignores the case of the server, namespace, class name and key
 * names and the order of the keys. String key <em>values</em> are compared case-sensitively, although the
 * provider usually compares them case-insensitively (WMI treats object paths as case-insensitive strings):
 * two paths that differ only in the case of a value are not equal here but may name the same object there.
 * Paths with different servers or namespaces are not equal; compare {@link #relative()} forms to ignore the
 * location. The unnamed-key form {@code Class="v"} is not equal to {@code Class.Name="v"}, because which key
 * is meant depends on the class schema.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ObjectPath {

    /** The name under which {@link #keys()} holds the single unnamed key of a {@code Class=value} path. */
    public static final String UNNAMED_KEY = "";

    private static final String WHAT = "object path";
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final String INTEGER_RANGE = "-9223372036854775808..18446744073709551615 (sint64..uint64)";
    private static final int MAX_SHOWN = 60;

    private final String server;
    private final String namespace;
    private final String className;
    private final boolean singleton;
    private final Keys keys;

    private ObjectPath(String server, String namespace, String className, boolean singleton, Keys keys) {
        this.server = server;
        this.namespace = namespace;
        this.className = className;
        this.singleton = singleton;
        this.keys = keys;
    }

    // ------------------------------------------------------------------------------------------------
    // Factories

    /**
     * Parses an object path in any of the forms listed in the class comment.
     *
     * <p>Never throws anything but {@link ParseException}, whatever the input, in time linear in its
     * length and without recursion. The exception's {@link ParseException#what() what} is
     * {@code "object path"} and its {@link ParseException#offset() offset} points at the offending
     * character (for an unterminated string, at its opening quote).
     *
     * @param path the path text
     * @return the parsed path
     * @throws ParseException if {@code path} is {@code null} or not a valid object path
     */
    public static ObjectPath parse(String path) {
        if (path == null) {
            throw new ParseException(WHAT, "input is null", "", 0);
        }
        return new Parser(path).parse();
    }

    /**
     * A class path (no keys), e.g. {@code SMS_SoftwareUpdate}.
     *
     * @param className a WMI identifier
     * @return the relative class path
     * @throws IllegalArgumentException if {@code className} is not a WMI identifier
     */
    public static ObjectPath ofClass(String className) {
        return new ObjectPath(null, null, checkName(className, "class name"), false, Keys.EMPTY);
    }

    /**
     * The path of the single instance of a singleton class, {@code Class=@}.
     *
     * @param className a WMI identifier
     * @return the relative singleton path
     * @throws IllegalArgumentException if {@code className} is not a WMI identifier
     */
    public static ObjectPath singleton(String className) {
        return new ObjectPath(null, null, checkName(className, "class name"), true, Keys.EMPTY);
    }

    /**
     * A relative instance path with the given keys, in the map's iteration order (use a
     * {@link java.util.LinkedHashMap} to control it). An empty map gives a class path; a single entry named
     * {@link #UNNAMED_KEY} gives {@code Class=value}.
     *
     * @param className a WMI identifier
     * @param keys key names to values; values as described in the class comment
     * @return the relative path
     * @throws IllegalArgumentException if a name is not a WMI identifier, two names differ only in case, a
     *     value is null or of an unsupported type or range, or the unnamed key is not the only key
     */
    public static ObjectPath of(String className, Map<String, ?> keys) {
        String name = checkName(className, "class name");
        List<Map.Entry<String, Object>> entries = new ArrayList<>(keys.size());
        Map<String, Integer> seen = new HashMap<>();
        for (Map.Entry<String, ?> e : keys.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "key name");
            if (key.equals(UNNAMED_KEY)) {
                if (keys.size() != 1) {
                    throw new IllegalArgumentException("the unnamed key must be the only key of " + name
                            + " (got " + keys.size() + " keys)");
                }
            } else {
                checkName(key, "key name");
            }
            if (seen.put(fold(key), entries.size()) != null) {
                throw new IllegalArgumentException("duplicate key " + show(key) + " of " + name
                        + " (key names are case-insensitive)");
            }
            entries.add(new AbstractMap.SimpleImmutableEntry<>(key, normalize(key, e.getValue())));
        }
        return new ObjectPath(null, null, name, false, new Keys(entries));
    }

    // ------------------------------------------------------------------------------------------------
    // Accessors

    /** {@return the server ({@code .} for the local computer) of a full path; empty otherwise} */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /** {@return the namespace, {@code \}-separated (e.g. {@code root\sms\site_PS1}); empty for a relative path} */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** {@return the class name as written} */
    public String className() {
        return className;
    }

    /**
     * The keys in path order, unmodifiable. {@code get} and {@code containsKey} ignore the case of the name
     * (like a {@code TreeMap} with {@link String#CASE_INSENSITIVE_ORDER}), iteration keeps the order of the
     * path. Values are {@code String}, {@code Long}, {@code BigInteger} (above {@code Long.MAX_VALUE}) or
     * {@code Boolean}; the unnamed key of {@code Class=value} is held under {@link #UNNAMED_KEY}.
     *
     * @return the keys; empty for class paths and singletons
     */
    public Map<String, Object> keys() {
        return keys;
    }

    /**
     * One key value, by name, ignoring case.
     *
     * @param name the key name ({@link #UNNAMED_KEY} for the unnamed key)
     * @return the value, or empty if the path has no such key
     */
    public Optional<Object> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** {@return whether this is the path of a singleton instance, {@code Class=@}} */
    public boolean isSingleton() {
        return singleton;
    }

    /** {@return whether this is a class path: no keys and not a singleton} */
    public boolean isClassPath() {
        return !singleton && keys.isEmpty();
    }

    // ------------------------------------------------------------------------------------------------
    // Derived paths

    /**
     * This path with one key set: an existing key of the same name (ignoring case) is replaced in place,
     * otherwise the key is appended. On a class path this makes an instance path.
     *
     * @param name a WMI identifier, or {@link #UNNAMED_KEY} on a path with no named keys
     * @param value the value, as described in the class comment
     * @return the new path
     * @throws IllegalArgumentException if the name or value is invalid, or named and unnamed keys would mix
     * @throws IllegalStateException if this is a singleton path, which has no keys
     */
    public ObjectPath withKey(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (singleton) {
            throw new IllegalStateException("singleton path " + this + " has no keys");
        }
        boolean unnamed = name.equals(UNNAMED_KEY);
        if (!unnamed) {
            checkName(name, "key name");
        }
        if (!keys.isEmpty() && unnamed != keys.containsKey(UNNAMED_KEY)) {
            throw new IllegalArgumentException("cannot add " + (unnamed ? "an unnamed key" : "key " + show(name))
                    + " to " + this + ": the unnamed key must be the only key");
        }
        Object normalized = normalize(name, value);
        List<Map.Entry<String, Object>> entries = new ArrayList<>(keys.entries);
        Map.Entry<String, Object> entry = new AbstractMap.SimpleImmutableEntry<>(name, normalized);
        Integer index = keys.index.get(fold(name));
        if (index == null) {
            entries.add(entry);
        } else {
            entries.set(index, entry);
        }
        return new ObjectPath(server, namespace, className, false, new Keys(entries));
    }

    /**
     * This path in a namespace (keeping the server, if any).
     *
     * @param namespace segments separated by {@code \} or {@code /}, e.g. {@code root\sms\site_PS1};
     *     stored with {@code \}
     * @return the new path
     * @throws IllegalArgumentException if a segment is empty or holds characters other than letters, digits
     *     and {@code _}
     */
    public ObjectPath withNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        StringBuilder normalized = new StringBuilder(namespace.length());
        int segmentStart = 0;
        for (int i = 0; i <= namespace.length(); i++) {
            char c = i < namespace.length() ? namespace.charAt(i) : '\\';
            if (isSeparator(c)) {
                if (i == segmentStart) {
                    throw new IllegalArgumentException("invalid namespace " + show(namespace)
                            + ": empty segment at offset " + i);
                }
                if (i < namespace.length()) {
                    normalized.append('\\');
                }
                segmentStart = i + 1;
            } else if (isNamePart(c)) {
                normalized.append(c);
            } else {
                throw new IllegalArgumentException("invalid namespace " + show(namespace) + ": character "
                        + CimDateTime.describe(c) + " at offset " + i
                        + " (segments hold letters, digits and '_')");
            }
        }
        return new ObjectPath(server, normalized.toString(), className, singleton, keys);
    }

    /**
     * This path on a server. The path must already have a namespace, because a full path always names one.
     *
     * @param server {@code .}, a host name or address (letters, digits, {@code .}, {@code -}, {@code _}), or a
     *     bracketed name such as {@code [fe80::1]}
     * @return the new path
     * @throws IllegalArgumentException if {@code server} is not a valid server name
     * @throws IllegalStateException if this path has no namespace
     */
    public ObjectPath withServer(String server) {
        Objects.requireNonNull(server, "server");
        if (namespace == null) {
            throw new IllegalStateException("path " + this + " has no namespace; call withNamespace(...) before"
                    + " withServer(...)");
        }
        int end = serverEnd(server, 0);
        if (end <= 0 || end != server.length()) {
            throw new IllegalArgumentException("invalid server " + show(server) + ": expected '.', a host name,"
                    + " an address or a bracketed name such as [fe80::1]");
        }
        return new ObjectPath(server, namespace, className, singleton, keys);
    }

    /** {@return this path without server and namespace (the {@code __RELPATH} form, keys in path order)} */
    public ObjectPath relative() {
        if (server == null && namespace == null) {
            return this;
        }
        return new ObjectPath(null, null, className, singleton, keys);
    }

    /**
     * The relative path with its keys sorted by name ignoring case, the form of WMI's {@code __RELPATH}
     * (e.g. {@code SMS_PackageStatus.PackageID="ABC00003",Personality=0,PkgServer="...",SiteCode="ABC",...}).
     *
     * @return the canonical relative path; equal to {@link #relative()}, differing only in key order
     */
    public ObjectPath canonical() {
        List<Map.Entry<String, Object>> sorted = new ArrayList<>(keys.entries);
        sorted.sort(Comparator.comparing(Map.Entry::getKey, String.CASE_INSENSITIVE_ORDER));
        return new ObjectPath(null, null, className, singleton, new Keys(sorted));
    }

    // ------------------------------------------------------------------------------------------------
    // Text

    /**
     * The path text: {@code \\server\namespace:Class.Key=value,...} with the parts present, strings in
     * double quotes with {@code "} and {@code \} escaped, integers in decimal, booleans as {@code TRUE} /
     * {@code FALSE}. {@code parse(path.toString())} equals {@code path}.
     *
     * @return the formatted path
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (server != null) {
            b.append("\\\\").append(server).append('\\');
        }
        if (namespace != null) {
            b.append(namespace).append(':');
        }
        b.append(className);
        if (singleton) {
            b.append("=@");
        } else if (keys.containsKey(UNNAMED_KEY)) {
            b.append('=');
            appendValue(b, keys.get(UNNAMED_KEY));
        } else {
            char separator = '.';
            for (Map.Entry<String, Object> e : keys.entries) {
                b.append(separator).append(e.getKey()).append('=');
                appendValue(b, e.getValue());
                separator = ',';
            }
        }
        return b.toString();
    }

    private static void appendValue(StringBuilder b, Object value) {
        if (value instanceof String) {
            String s = (String) value;
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            b.append('"');
        } else if (value instanceof Boolean) {
            b.append((Boolean) value ? "TRUE" : "FALSE");
        } else {
            b.append(value); // Long or BigInteger: decimal
        }
    }

    /**
     * Equal when server, namespace, class name and key names are equal ignoring case, the singleton flag is
     * the same, and the same keys have equal values (strings case-sensitively), in any order.
     *
     * @param o the other object
     * @return whether {@code o} names the same object in the sense above
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ObjectPath)) {
            return false;
        }
        ObjectPath other = (ObjectPath) o;
        if (singleton != other.singleton || !equalsIgnoreCase(server, other.server)
                || !equalsIgnoreCase(namespace, other.namespace) || !className.equalsIgnoreCase(other.className)
                || keys.size() != other.keys.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : keys.entries) {
            if (!e.getValue().equals(other.keys.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** {@return a hash consistent with {@link #equals(Object)}} */
    @Override
    public int hashCode() {
        int h = Objects.hash(fold(server), fold(namespace), fold(className), singleton);
        int keyHash = 0;
        for (Map.Entry<String, Object> e : keys.entries) {
            keyHash += fold(e.getKey()).hashCode() ^ e.getValue().hashCode();
        }
        return 31 * h + keyHash;
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    /**
     * Case folding consistent with {@link String#equalsIgnoreCase}: two strings are equal ignoring case iff
     * their folds are equal, so the fold can key hash maps.
     */
    private static String fold(String s) {
        if (s == null) {
            return null;
        }
        char[] chars = new char[s.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(Character.toUpperCase(s.charAt(i)));
        }
        return new String(chars);
    }

    // ------------------------------------------------------------------------------------------------
    // Validation shared by the parser and the factories

    private static boolean isSeparator(char c) {
        return c == '\\' || c == '/';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** First character of a WMI identifier (DSP0004 MOF grammar: letter, '_' or U+0080..U+FFEF; we take letters). */
    private static boolean isNameStart(char c) {
        return c == '_' || isAsciiLetter(c) || (c >= 0x80 && Character.isLetter(c));
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isAsciiDigit(c) || (c >= 0x80 && Character.isDigit(c));
    }

    private static boolean isHostChar(char c) {
        return isAsciiLetter(c) || isAsciiDigit(c) || c == '.' || c == '-' || c == '_'
                || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    /**
     * End (exclusive) of a server name starting at {@code start}: a run of host characters, or a bracketed
     * name; {@code start} if there is none, {@code -1} if a bracket is not closed.
     */
    private static int serverEnd(String s, int start) {
        if (start < s.length() && s.charAt(start) == '[') {
            int i = start + 1;
            while (i < s.length() && s.charAt(i) != ']') {
                char c = s.charAt(i);
                if (isSeparator(c) || c == '"' || c == '[' || c <= ' ' || Character.isWhitespace(c)
                        || Character.isISOControl(c)) {
                    return -1;
                }
                i++;
            }
            if (i >= s.length() || i == start + 1) {
                return -1;
            }
            return i + 1;
        }
        int i = start;
        while (i < s.length() && isHostChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String checkName(String name, String kind) {
        Objects.requireNonNull(name, kind);
        boolean ok = !name.isEmpty() && isNameStart(name.charAt(0));
        for (int i = 1; ok && i < name.length(); i++) {
            ok = isNamePart(name.charAt(i));
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid " + kind + " " + show(name) + ": a WMI name starts with"
                    + " a letter or '_' and continues with letters, digits or '_'");
        }
        return name;
    }

    private static Object normalize(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("key " + show(name) + " is null; WMI key values cannot be NULL");
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.compareTo(LONG_MIN) < 0 || big.compareTo(UINT64_MAX) > 0) {
                throw new IllegalArgumentException("key " + show(name) + " = " + abbreviate(big.toString())
                        + " is out of range " + INTEGER_RANGE);
            }
            return big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
        }
        if (value instanceof ObjectPath) {
            return value.toString();
        }
        throw new IllegalArgumentException("key " + show(name) + " has a value of type "
                + value.getClass().getName() + "; supported: String, Boolean, Long, Integer, Short, Byte,"
                + " BigInteger (" + INTEGER_RANGE + "), ObjectPath (a reference)");
    }

    /** Quotes a name for a message, abbreviated and with control characters made visible. */
    private static String show(String s) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        if (s.length() > MAX_SHOWN) {
            b.append("...");
        }
        return b.append('\'').toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "... (" + s.length() + " characters)";
    }

    // ------------------------------------------------------------------------------------------------
    // Parser

    /**
     * Single-pass, non-recursive parser. Grammar (MS-WMI object paths as described in the WMI SDK pages
     * "Describing the Location of a WMI Object" and "WMI Object Path Requirements"):
     * <pre>
     *   path      = [ ( sep sep server sep namespace | namespace ) ":" ] class [ keys ]
     *   namespace = segment *( sep segment )            sep = "\" / "/"
     *   keys      = "=@" / "=" value / "." name "=" value *( "," name "=" value )
     *   value     = dq-string / sq-string / integer / "TRUE" / "FALSE"   (booleans ignore case)
     * </pre>
     * References are strings, so there is no nesting to recurse into.
     */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        ObjectPath parse() {
            if (text.isEmpty()) {
                throw error("empty object path", 0);
            }
            String server = null;
            String namespace = null;
            if (isSeparator(text.charAt(0))) {
                if (text.length() < 2 || !isSeparator(text.charAt(1))) {
                    throw error("a full path starts with two separators and a server name, e.g. \\\\server\\root",
                            Math.min(1, text.length()));
                }
                pos = 2;
                int end = serverEnd(text, pos);
                if (end < 0) {
                    throw error("unterminated or invalid bracketed server name", pos);
                }
                if (end == pos) {
                    throw error(at() + " where a server name ('.' or a host name) is expected", pos);
                }
                server = text.substring(pos, end);
                pos = end;
                if (pos >= text.length() || !isSeparator(text.charAt(pos))) {
                    throw error("expected '\\' and a namespace after the server name but found " + at(), pos);
                }
                pos++;
                namespace = namespace();
                expectColon();
            } else {
                // A namespace and a class name start alike; what follows the first name decides.
                int i = 0;
                while (i < text.length() && isNamePart(text.charAt(i))) {
                    i++;
                }
                if (i > 0 && i < text.length() && (isSeparator(text.charAt(i)) || text.charAt(i) == ':')) {
                    namespace = namespace();
                    expectColon();
                }
            }
            String className = name("class name");
            if (pos == text.length()) {
                return new ObjectPath(server, namespace, className, false, Keys.EMPTY);
            }
            char c = text.charAt(pos);
            if (c == '=') {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '@') {
                    pos++;
                    if (pos != text.length()) {
                        throw error("unexpected " + at() + " after '=@' (a singleton path ends there)", pos);
                    }
                    return new ObjectPath(server, namespace, className, true, Keys.EMPTY);
                }
                Object value = value(className);
                if (pos != text.length()) {
                    throw error("unexpected " + at() + " after the unnamed key value; a path with an unnamed"
                            + " key has exactly one key", pos);
                }
                List<Map.Entry<String, Object>> one = List.of(new AbstractMap.SimpleImmutableEntry<>(UNNAMED_KEY,
                        value));
                return new ObjectPath(server, namespace, className, false, new Keys(one));
            }
            if (c != '.') {
                throw error("expected '.', '=' or the end of the path after the class name but found " + at(),
                        pos);
            }
            pos++;
            List<Map.Entry<String, Object>> entries = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            while (true) {
                int nameStart = pos;
                String key = name("key name");
                if (seen.put(fold(key), entries.size()) != null) {
                    throw error("duplicate key " + show(key) + " (key names are case-insensitive)", nameStart);
                }
                if (pos >= text.length() || text.charAt(pos) != '=') {
                    throw error("expected '=' after key name " + show(key) + " but found " + at(), pos);
                }
                pos++;
                entries.add(new AbstractMap.SimpleImmutableEntry<>(key, value(key)));
                if (pos == text.length()) {
                    break;
                }
                if (text.charAt(pos) != ',') {
                    throw error("expected ',' or the end of the path after the value of key " + show(key)
                            + " but found " + at(), pos);
                }
                pos++;
            }
            return new ObjectPath(server, namespace, className, false, new Keys(entries));
        }

        private String namespace() {
            StringBuilder b = new StringBuilder();
            while (true) {
                int start = pos;
                while (pos < text.length() && isNamePart(text.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw error("expected a namespace name (letters, digits, '_') but found " + at(), pos);
                }
                b.append(text, start, pos);
                if (pos < text.length() && isSeparator(text.charAt(pos))) {
                    b.append('\\');
                    pos++;
                } else {
                    return b.toString();
                }
            }
        }

        private void expectColon() {
            if (pos >= text.length() || text.charAt(pos) != ':') {
                throw error("expected ':' and a class name after the namespace but found " + at()
                        + " (namespace paths without a class are not supported)", pos);
            }
            pos++;
        }

        private String name(String kind) {
            int start = pos;
            if (pos >= text.length() || !isNameStart(text.charAt(pos))) {
                throw error("expected a " + kind + " (a letter or '_', then letters, digits or '_') but found "
                        + at(), pos);
            }
            pos++;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private Object value(String key) {
            if (pos >= text.length()) {
                throw error("expected a value for key " + show(key) + " but the input ends", pos);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                return doubleQuoted();
            }
            if (c == '\'') {
                return singleQuoted();
            }
            if (c == '-' || isAsciiDigit(c)) {
                return integer();
            }
            if (isAsciiLetter(c)) {
                int start = pos;
                while (pos < text.length() && isNamePart(text.charAt(pos))) {
                    pos++;
                }
                String word = text.substring(start, pos);
                if (word.equalsIgnoreCase("TRUE")) {
                    return Boolean.TRUE;
                }
                if (word.equalsIgnoreCase("FALSE")) {
                    return Boolean.FALSE;
                }
                throw error("expected a value (a quoted string, an integer, TRUE or FALSE) for key " + show(key)
                        + " but found " + show(word), start);
            }
            if (c == '@') {
                throw error("'@' is only allowed as the whole key part of a singleton path, Class=@", pos);
            }
            throw error("expected a value (a quoted string, an integer, TRUE or FALSE) for key " + show(key)
                    + " but found " + at(), pos);
        }

        private String doubleQuoted() {
            int open = pos++;
            StringBuilder b = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return b.toString();
                }
                if (c == '\\') {
                    if (pos + 1 >= text.length()) {
                        break;
                    }
                    char n = text.charAt(pos + 1);
                    if (n != '"' && n != '\\') {
                        throw error("unsupported escape '\\' followed by " + CimDateTime.describe(n)
                                + " in a double-quoted string; only \\\" and \\\\ are escapes", pos);
                    }
                    b.append(n);
                    pos += 2;
                } else {
                    b.append(c);
                    pos++;
                }
            }
            throw error("unterminated string: no closing '\"' for the quote opened here", open);
        }

        private String singleQuoted() {
            int open = pos;
            int close = text.indexOf('\'', open + 1);
            if (close < 0) {
                throw error("unterminated string: no closing \"'\" for the quote opened here", open);
            }
            pos = close + 1;
            return text.substring(open + 1, close);
        }

        private Object integer() {
            int start = pos;
            boolean negative = text.charAt(pos) == '-';
            if (negative) {
                pos++;
            }
            if (!negative && pos + 1 < text.length() && text.charAt(pos) == '0'
                    && (text.charAt(pos + 1) == 'x' || text.charAt(pos + 1) == 'X')) {
                return hex(start);
            }
            int digits = pos;
            while (pos < text.length() && isAsciiDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                throw error("expected digits after '-' but found " + at(), pos);
            }
            return toInteger(start, digits, 10);
        }

        private Object hex(int start) {
            pos += 2;
            int digits = pos;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0
                    && text.charAt(pos) < 0x80) {
                pos++;
            }
            if (pos == digits) {
                throw error("expected hexadecimal digits after '0x' but found " + at(), pos);
            }
            return toInteger(start, digits, 16);
        }

        /** Converts the digits [digits, pos) without letting a huge literal reach BigInteger. */
        private Object toInteger(int start, int digits, int radix) {
            int significant = digits;
            while (significant < pos - 1 && text.charAt(significant) == '0') {
                significant++;
            }
            int maxDigits = radix == 10 ? 20 : 16; // 2^64-1 has 20 decimal, 16 hexadecimal digits
            BigInteger value = null;
            if (pos - significant <= maxDigits) {
                value = new BigInteger(text.substring(significant, pos), radix);
                if (text.charAt(start) == '-') {
                    value = value.negate();
                }
            }
            if (value == null || value.compareTo(LONG_MIN) < 0 || value.compareTo(UINT64_MAX) > 0) {
                throw error("integer " + abbreviate(text.substring(start, pos)) + " out of range " + INTEGER_RANGE,
                        start);
            }
            return value.compareTo(LONG_MAX) <= 0 ? (Object) value.longValue() : value;
        }

        /** The character at {@link #pos}, for messages. */
        private String at() {
            return pos >= text.length() ? "the end of the input" : CimDateTime.describe(text.charAt(pos));
        }

        private ParseException error(String problem, int offset) {
            return new ParseException(WHAT, problem, text, offset);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Key map

    /**
     * Unmodifiable, insertion-ordered map whose lookups ignore the case of the name, as WMI does. Built
     * once per path; iteration follows the path's key order.
     */
    private static final class Keys extends AbstractMap<String, Object> {
        static final Keys EMPTY = new Keys(List.of());

        final List<Map.Entry<String, Object>> entries;
        final Map<String, Integer> index;

        Keys(List<Map.Entry<String, Object>> entries) {
            this.entries = List.copyOf(entries);
            this.index = new HashMap<>();
            for (int i = 0; i < this.entries.size(); i++) {
                index.put(fold(this.entries.get(i).getKey()), i);
            }
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return entries.iterator();
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public boolean containsKey(Object name) {
            return name instanceof String && index.containsKey(fold((String) name));
        }

        @Override
        public Object get(Object name) {
            if (!(name instanceof String)) {
                return null;
            }
            Integer i = index.get(fold((String) name));
            return i == null ? null : entries.get(i).getValue();
        }
    }
}
