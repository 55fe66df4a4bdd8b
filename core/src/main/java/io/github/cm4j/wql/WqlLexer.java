package io.github.cm4j.wql;

import io.github.cm4j.ParseException;
import java.util.Locale;

/**
 * Tokenizer for WQL (not API). Produces tokens on demand, so a hostile input fails at the first problem without
 * being tokenized as a whole.
 */
final class WqlLexer {

    enum Kind {
        IDENTIFIER, KEYWORD, STRING, INTEGER, REAL,
        STAR, COMMA, DOT, LPAREN, RPAREN, MINUS,
        EQ, NE, LT, LE, GT, GE,
        EOF
    }

    /**
     * A token.
     *
     * @param kind what it is
     * @param text the keyword upper-cased, the identifier as written, the string's value, or the number's digits
     * @param start offset of its first character
     * @param end offset after its last character
     */
    record Token(Kind kind, String text, int start, int end) {
        boolean is(Kind k) {
            return kind == k;
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.KEYWORD && text.equals(keyword);
        }
    }

    private final String input;
    private int pos;

    WqlLexer(String input) {
        this.input = input;
    }

    String input() {
        return input;
    }

    ParseException error(String problem, int offset) {
        return new ParseException("WQL", problem, input, offset);
    }

    Token next() {
        int n = input.length();
        while (pos < n && isWhitespace(input.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= n) {
            return new Token(Kind.EOF, "", n, n);
        }
        char c = input.charAt(pos);
        switch (c) {
            case '*':
                return symbol(Kind.STAR, 1);
            case ',':
                return symbol(Kind.COMMA, 1);
            case '.':
                return symbol(Kind.DOT, 1);
            case '(':
                return symbol(Kind.LPAREN, 1);
            case ')':
                return symbol(Kind.RPAREN, 1);
            case '-':
                return symbol(Kind.MINUS, 1);
            case '=':
                return symbol(Kind.EQ, 1);
            case '<':
                if (peekChar(1) == '>') {
                    return symbol(Kind.NE, 2);
                }
                if (peekChar(1) == '=') {
                    return symbol(Kind.LE, 2);
                }
                return symbol(Kind.LT, 1);
            case '>':
                if (peekChar(1) == '=') {
                    return symbol(Kind.GE, 2);
                }
                return symbol(Kind.GT, 1);
            case '!':
                if (peekChar(1) == '=') {
                    return symbol(Kind.NE, 2);
                }
                throw error("unexpected character '!' (did you mean '!=' or '<>'?)", start);
            case '\'':
            case '"':
                return string(c);
            default:
                break;
        }
        if (c >= '0' && c <= '9') {
            return number();
        }
        if (Names.isIdentifierStart(c)) {
            pos++;
            while (pos < n && Names.isIdentifierPart(input.charAt(pos))) {
                pos++;
            }
            String word = input.substring(start, pos);
            String upper = word.toUpperCase(Locale.ROOT);
            if (Names.RESERVED.contains(upper)) {
                return new Token(Kind.KEYWORD, upper, start, pos);
            }
            return new Token(Kind.IDENTIFIER, word, start, pos);
        }
        throw error("unexpected character " + describeChar(input, start), start);
    }

    private Token symbol(Kind kind, int length) {
        int start = pos;
        pos += length;
        return new Token(kind, input.substring(start, pos), start, pos);
    }

    private char peekChar(int ahead) {
        int i = pos + ahead;
        return i < input.length() ? input.charAt(i) : '\0';
    }

    private Token string(char quote) {
        int start = pos;
        int n = input.length();
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= n) {
                throw error("unterminated string (missing closing " + quote + ")", start);
            }
            char c = input.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Kind.STRING, value.toString(), start, pos);
            }
            if (c == '\\') {
                if (pos + 1 >= n) {
                    throw error("unterminated string (missing closing " + quote + ")", start);
                }
                char e = input.charAt(pos + 1);
                if (e != '\\' && e != '\'' && e != '"') {
                    throw error("invalid escape sequence '\\" + printable(e) + "' in string: only \\\\, \\' and"
                            + " \\\" are allowed (write \\\\ for a backslash)", pos);
                }
                value.append(e);
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
    }

    private Token number() {
        int start = pos;
        int n = input.length();
        boolean real = false;
        while (pos < n && isDigit(input.charAt(pos))) {
            pos++;
        }
        if (pos - start == 1 && input.charAt(start) == '0' && pos < n
                && (input.charAt(pos) == 'x' || input.charAt(pos) == 'X')) {
            throw error("hexadecimal numbers are not supported; write the number in decimal", start);
        }
        if (pos + 1 < n && input.charAt(pos) == '.' && isDigit(input.charAt(pos + 1))) {
            real = true;
            pos++;
            while (pos < n && isDigit(input.charAt(pos))) {
                pos++;
            }
        }
        if (pos < n && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            int save = pos;
            int p = pos + 1;
            if (p < n && (input.charAt(p) == '+' || input.charAt(p) == '-')) {
                p++;
            }
            if (p < n && isDigit(input.charAt(p))) {
                real = true;
                pos = p;
                while (pos < n && isDigit(input.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos - start > WqlParser.MAX_NUMBER_LENGTH) {
            throw error("number too long (more than " + WqlParser.MAX_NUMBER_LENGTH + " characters)", start);
        }
        if (pos < n && Names.isIdentifierPart(input.charAt(pos))) {
            throw error("unexpected character " + describeChar(input, pos) + " after number '"
                    + input.substring(start, pos) + "'", pos);
        }
        return new Token(real ? Kind.REAL : Kind.INTEGER, input.substring(start, pos), start, pos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B'
                || (c > 127 && Character.isWhitespace(c)) || c == '\u00A0' || c == '\uFEFF';
    }

    static String describeChar(String s, int at) {
        int cp = s.codePointAt(at);
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || !Character.isDefined(cp)
                || Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.FORMAT) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private static String printable(char c) {
        if (Character.isISOControl(c) || Character.isSurrogate(c)) {
            return String.format("u%04X", (int) c);
        }
        return String.valueOf(c);
    }
}
