package io.github.cm4j.cim;

/**
 * The one place that decides what a WMI name (class, property, method, parameter, qualifier) may be:
 * letters, digits and underscores, not starting with a digit (DSP0221 7.7 identifiers; WMI allows the
 * system names starting with {@code __}). Validating names is what keeps a class or property name from
 * smuggling syntax into WQL, MOF or an object path. Static methods only; thread-safe.
 */
public final class WmiNames {
    private static final int MAX_LENGTH = 1024;

    private WmiNames() {
    }

    /**
     * Whether a character may start a WMI name.
     *
     * @param c a character
     * @return whether an identifier may start with it: an ASCII letter, {@code _}, or a letter in
     *         U+0080..U+FFEF (DSP0221 ANNEX A, {@code IDENTIFIER})
     */
    public static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'
                || (c >= '\u0080' && c <= '\uFFEF' && Character.isLetter(c));
    }

    /**
     * Whether a character may follow the first one of a WMI name.
     *
     * @param c a character
     * @return whether an identifier may continue with it: a start character or an ASCII digit
     */
    public static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    /**
     * Whether a text is a valid WMI name (at most 1024 characters).
     *
     * @param name a candidate name, or null
     * @return whether it is a valid WMI identifier
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !isIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a name, for constructors and builders that must reject bad names with a clear message.
     *
     * @param name a class, property, method or parameter name
     * @param kind what the name is of, for the message, e.g. {@code "property"}
     * @return the name
     * @throws IllegalArgumentException when it is not a valid WMI identifier (null included)
     */
    public static String require(String name, String kind) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid " + kind + " name " + describe(name)
                    + ": a WMI name is letters, digits and '_' and does not start with a digit");
        }
        return name;
    }

    /**
     * Qualifier names follow the same rule; checked separately so the message names what failed.
     *
     * @param name a qualifier name
     * @return the name
     * @throws IllegalArgumentException when it is not a valid WMI identifier
     */
    public static String requireQualifierName(String name) {
        return require(name, "qualifier");
    }

    private static String describe(String name) {
        if (name == null) {
            return "null";
        }
        String shown = name.length() > 60 ? name.substring(0, 57) + "..." : name;
        return CimValue.quote(shown);
    }
}
