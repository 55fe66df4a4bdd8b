package io.github.cm4j.wql;

import io.github.cm4j.cim.WmiNames;
import java.util.Locale;
import java.util.Set;

/**
 * Identifier rules shared by the lexer, the AST constructors and the builder (not API).
 *
 * <p>A WQL identifier (class, alias or property name) follows the CIM identifier rule: it starts with an ASCII
 * letter, an underscore or a letter in U+0080..U+FFEF, and continues with those or ASCII digits. Reserved words
 * (the WQL keywords this parser knows) are not identifiers, so a name can never smuggle syntax into printed WQL.
 */
final class Names {
    /** Words that are keywords wherever they appear (compared upper-case). */
    static final Set<String> RESERVED = Set.of(
            "SELECT", "DISTINCT", "FROM", "AS", "JOIN", "INNER", "LEFT", "OUTER", "ON", "WHERE", "AND", "OR", "NOT",
            "LIKE", "IS", "ISA", "NULL", "IN", "ORDER", "BY", "TRUE", "FALSE",
            // Reserved by WQL for statements and clauses this parser does not accept (clear error messages).
            "ASSOCIATORS", "REFERENCES", "OF", "GROUP", "HAVING", "WITHIN", "KEYSONLY");

    private Names() {
    }

    static boolean isIdentifierStart(char c) {
        return WmiNames.isIdentifierStart(c);
    }

    static boolean isIdentifierPart(char c) {
        return WmiNames.isIdentifierPart(c);
    }

    static boolean isReserved(String word) {
        return RESERVED.contains(word.toUpperCase(Locale.ROOT));
    }

    /** {@return whether {@code s} is a syntactically valid, non-reserved identifier} */
    static boolean isIdentifier(String s) {
        return WmiNames.isValid(s) && !isReserved(s);
    }

    /**
     * Checks an identifier.
     *
     * @param s the candidate
     * @param what what it names, for the message ("class name", "property name", "alias")
     * @return {@code s}
     * @throws IllegalArgumentException if it is not a valid identifier
     */
    static String requireIdentifier(String s, String what) {
        if (s == null) {
            throw new NullPointerException(what);
        }
        if (!isIdentifier(s)) {
            String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
            String why = isReserved(s) ? " (a WQL keyword)"
                    : " (letters, digits and '_' only, not starting with a digit)";
            throw new IllegalArgumentException("invalid WQL " + what + " '" + shown + "'" + why);
        }
        return s;
    }
}
