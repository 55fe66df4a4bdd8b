package io.github.cm4j.adminservice.internal;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resource paths of the administration service: an instance is {@code wmi/<Class>(<key>)} (usage.md:
 * {@code SMS_R_System(16777219)}), a compound key {@code (K1=v1,K2=v2)} (OData URL Conventions 4.01 section 4.3.1),
 * string keys quoted with {@code '} doubled inside; percent-encoding of segments and query values (RFC 3986
 * section 2.1). Stateless.
 */
public final class ODataUrls {
    private ODataUrls() {
    }

    /**
     * The key predicate of an instance path, without the class: {@code ('CAS')} or {@code (FileType=2,...)}.
     *
     * @param path the instance path
     * @return the predicate text (not percent-encoded)
     */
    public static String keyPredicate(ObjectPath path) {
        Map<String, Object> keys = path.keys();
        StringBuilder sb = new StringBuilder("(");
        if (keys.size() == 1) {
            Map.Entry<String, Object> e = keys.entrySet().iterator().next();
            if (e.getKey().isEmpty()) {
                sb.append(literal(e.getValue()));
            } else {
                sb.append(e.getKey()).append('=').append(literal(e.getValue()));
            }
        } else {
            boolean first = true;
            for (Map.Entry<String, Object> e : keys.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(e.getKey()).append('=').append(literal(e.getValue()));
            }
        }
        return sb.append(')').toString();
    }

    /**
     * An OData literal of a key or filter value: {@code 'text'} with {@code '} doubled, integers as digits,
     * booleans as {@code true}/{@code false}.
     *
     * @param v the value
     * @return the literal
     */
    public static String literal(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return d.toString();
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }

    /**
     * Parses a key predicate's inside ({@code 'CAS'}, {@code 16777219}, {@code A=1,B='x'}) into an object path.
     *
     * @param className the class
     * @param inside the text between the parentheses, percent-decoded
     * @param wmiClass the class definition, when known (names the single key of an unnamed predicate)
     * @return the path
     * @throws ODataException with {@link WbemStatus#WBEM_E_INVALID_OBJECT_PATH} when malformed
     */
    public static ObjectPath parseKeyPredicate(String className, String inside, Optional<WmiClass> wmiClass) {
        Map<String, Object> keys = new LinkedHashMap<>();
        int i = 0;
        int n = inside.length();
        while (i < n) {
            String name = "";
            int eq = findTopLevel(inside, i, '=');
            int comma = findTopLevel(inside, i, ',');
            if (eq >= 0 && (comma < 0 || eq < comma)) {
                name = inside.substring(i, eq).trim();
                i = eq + 1;
            }
            int end = findTopLevel(inside, i, ',');
            if (end < 0) {
                end = n;
            }
            keys.put(name, parseLiteral(inside.substring(i, end).trim(), inside));
            i = end + 1;
        }
        if (keys.isEmpty()) {
            throw new ODataException(400, WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "an empty key predicate for " + className);
        }
        if (keys.size() == 1 && keys.containsKey("") && wmiClass.isPresent()) {
            List<PropertyDefinition> k = wmiClass.get().keys();
            if (k.size() == 1) {
                Object v = keys.remove("");
                keys.put(k.get(0).name(), v);
            }
        }
        try {
            return ObjectPath.of(className, keys);
        } catch (RuntimeException e) {
            throw new ODataException(400, WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "the key predicate (" + inside + ") of "
                    + className + " is not valid: " + e.getMessage());
        }
    }

    private static int findTopLevel(String s, int from, char c) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i++;
                    continue;
                }
                quoted = !quoted;
            } else if (!quoted && ch == c) {
                return i;
            }
        }
        return -1;
    }

    private static Object parseLiteral(String t, String whole) {
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        try {
            BigInteger b = new BigInteger(t);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        } catch (NumberFormatException e) {
            throw new ODataException(400, WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "'" + t + "' in the key predicate ("
                    + whole + ") is neither a quoted string, a number nor a boolean");
        }
    }

    /**
     * Percent-encodes a path segment or query value: everything but the RFC 3986 unreserved characters and
     * {@code ( ) ' , = $ : @}.
     *
     * @param s the text
     * @param query whether it is a query value (then {@code & + = #} are encoded too)
     * @return the encoded text
     */
    public static String encode(String s, boolean query) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '(' || c == ')' || c == '\'' || c == ','
                    || c == '$' || c == ':' || c == '@' || (!query && c == '=') || (query && c == '/');
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Percent-decodes (RFC 3986 section 2.1; {@code +} is a space only in a query).
     *
     * @param s the text
     * @param query whether it is a query value
     * @return the decoded text
     */
    public static String decode(String s, boolean query) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new ODataException(400, WbemStatus.WBEM_E_INVALID_PARAMETER, "a truncated percent-escape in the URL");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new ODataException(400, WbemStatus.WBEM_E_INVALID_PARAMETER, "a bad percent-escape in the URL");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && query) {
                out.write(' ');
            } else {
                int cp = s.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
