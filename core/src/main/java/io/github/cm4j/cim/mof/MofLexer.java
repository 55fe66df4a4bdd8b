package io.github.cm4j.cim.mof;

import io.github.cm4j.ParseException;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Splits MOF text into tokens (DSP0221 7.x lexical rules as WMI's mofcomp reads them). Comments
 * ({@code //} to end of line, {@code /* ... *}{@code /}) and whitespace are skipped; every malformed
 * token is a {@link ParseException} at the offset of its first character.
 *
 * <p>Bounded work: every token is scanned once; a numeric literal longer than
 * {@link #MAX_NUMBER_LENGTH} characters is rejected as soon as the limit is passed.
 */
final class MofLexer {
    /** The longest numeric literal accepted (a uint64 in binary is 65 characters). */
    static final int MAX_NUMBER_LENGTH = 100;

    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern BINARY = Pattern.compile("[01]+[bB]");
    private static final Pattern OCTAL = Pattern.compile("0[0-7]+");
    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]*|0");
    private static final Pattern REAL = Pattern.compile("([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][+-]?[0-9]+)?");

    /** Token kinds. */
    enum Kind {
        /** An identifier or keyword (keywords are recognized by the parser, case-insensitively). */
        IDENT,
        /** An integer literal; {@link Token#integer} holds its value. */
        INTEGER,
        /** A real literal; {@link Token#text} holds its source text. */
        REAL,
        /** A string literal; {@link Token#text} holds the value with escapes resolved. */
        STRING,
        /** A char16 literal; {@link Token#text} holds the one character. */
        CHAR,
        /** {@code $name}; {@link Token#text} holds the name without {@code $}. */
        ALIAS,
        /** {@code #pragma}. */
        PRAGMA,
        /** One of <code>{ } ( ) [ ] ; , : =</code>. */
        PUNCT,
        /** End of input. */
        EOF
    }

    /** A token with its position. */
    static final class Token {
        final Kind kind;
        final String text;
        final BigInteger integer;
        final int offset;

        Token(Kind kind, String text, BigInteger integer, int offset) {
            this.kind = kind;
            this.text = text;
            this.integer = integer;
            this.offset = offset;
        }

        boolean is(char punct) {
            return kind == Kind.PUNCT && text.charAt(0) == punct;
        }

        boolean isWord(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }

        /** {@return the token as a message shows it, e.g. {@code 'uint32'}, {@code string "abc"}, {@code end of input}} */
        String describe() {
            switch (kind) {
                case EOF:
                    return "end of input";
                case STRING:
                    return "string " + io.github.cm4j.cim.CimValue.quote(shorten(text));
                case CHAR:
                    return "char " + io.github.cm4j.cim.CimValue.char16(text.charAt(0)).toMof();
                case ALIAS:
                    return "'$" + shorten(text) + "'";
                case PRAGMA:
                    return "'#pragma'";
                default:
                    return "'" + shorten(text) + "'";
            }
        }

        private static String shorten(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }

        @Override
        public String toString() {
            return kind + " " + describe() + " @" + offset;
        }
    }

    private final String what;
    private final String text;
    private final int length;
    private int pos;

    MofLexer(String what, String text) {
        this.what = what;
        this.text = text;
        this.length = text.length();
        // A byte order mark decoded as U+FEFF at the start is not part of the MOF text.
        this.pos = length > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    String text() {
        return text;
    }

    ParseException error(String problem, int offset) {
        return new ParseException(what, problem, text, offset);
    }

    /** {@return the next token; {@link Kind#EOF} at the end (repeatedly)} */
    Token next() {
        skipBlanksAndComments();
        if (pos >= length) {
            return new Token(Kind.EOF, "", null, length);
        }
        int start = pos;
        char c = text.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            return new Token(Kind.IDENT, identifier(), null, start);
        }
        if (isDigit(c) || c == '.' && isDigitAt(pos + 1)
                || (c == '-' || c == '+') && (isDigitAt(pos + 1) || charAt(pos + 1) == '.' && isDigitAt(pos + 2))) {
            return number();
        }
        switch (c) {
            case '"':
                return new Token(Kind.STRING, string(), null, start);
            case '\'':
                return new Token(Kind.CHAR, charLiteral(), null, start);
            case '$': {
                pos++;
                if (pos >= length || !(Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    throw error("expected an alias name after '$'", start);
                }
                return new Token(Kind.ALIAS, identifier(), null, start);
            }
            case '#': {
                pos++;
                int wordStart = pos;
                if (pos < length && Character.isLetter(text.charAt(pos))) {
                    String word = identifier();
                    if (word.equalsIgnoreCase("pragma")) {
                        return new Token(Kind.PRAGMA, "#pragma", null, start);
                    }
                }
                pos = wordStart;
                throw error("expected 'pragma' after '#'", start);
            }
            case '{': case '}': case '(': case ')': case '[': case ']': case ';': case ',': case ':': case '=':
                pos++;
                return new Token(Kind.PUNCT, String.valueOf(c), null, start);
            default:
                throw error("unexpected character " + describeChar(c), start);
        }
    }

    private static String describeChar(char c) {
        String hex = String.format("U+%04X", (int) c);
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c) || c == '\uFFFD') {
            return hex;
        }
        return "'" + c + "' (" + hex + ")";
    }

    private void skipBlanksAndComments() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B' || c == '\uFEFF'
                    || Character.isSpaceChar(c)) {
                pos++;
            } else if (c == '/' && charAt(pos + 1) == '/') {
                pos += 2;
                while (pos < length && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && charAt(pos + 1) == '*') {
                int start = pos;
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unterminated comment: '/*' without '*/'", start);
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private String identifier() {
        int start = pos;
        pos++;
        while (pos < length) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private Token number() {
        int start = pos;
        boolean negative = false;
        char first = text.charAt(pos);
        if (first == '-' || first == '+') {
            negative = first == '-';
            pos++;
        }
        int bodyStart = pos;
        boolean hexPrefix = charAt(pos) == '0' && (charAt(pos + 1) == 'x' || charAt(pos + 1) == 'X');
        while (pos < length) {
            char c = text.charAt(pos);
            char prev = pos > bodyStart ? text.charAt(pos - 1) : '\0';
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                    || (c == '+' || c == '-') && !hexPrefix && (prev == 'e' || prev == 'E')) {
                pos++;
                if (pos - start > MAX_NUMBER_LENGTH) {
                    throw error("numeric literal longer than " + MAX_NUMBER_LENGTH + " characters", start);
                }
            } else {
                break;
            }
        }
        String body = text.substring(bodyStart, pos);
        String whole = text.substring(start, pos);
        BigInteger magnitude;
        if (HEX.matcher(body).matches()) {
            magnitude = new BigInteger(body.substring(2), 16);
        } else if (BINARY.matcher(body).matches()) {
            magnitude = new BigInteger(body.substring(0, body.length() - 1), 2);
        } else if (OCTAL.matcher(body).matches()) {
            magnitude = new BigInteger(body.substring(1), 8);
        } else if (DECIMAL.matcher(body).matches()) {
            magnitude = new BigInteger(body);
        } else if (REAL.matcher(body).matches() && !isAllDigits(body)) {
            return new Token(Kind.REAL, whole, null, start);
        } else {
            String hint = body.length() > 1 && body.charAt(0) == '0' && isAllDigits(body)
                    ? " (a leading 0 makes an octal number)" : "";
            throw error("malformed number '" + (whole.length() > 40 ? whole.substring(0, 37) + "..." : whole) + "'" + hint,
                    start);
        }
        return new Token(Kind.INTEGER, whole, negative ? magnitude.negate() : magnitude, start);
    }

    private static boolean isAllDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private String string() {
        int start = pos;
        pos++;
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= length) {
                throw error("unterminated string literal", start);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String value = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                return value;
            }
            if (c == '\n' || c == '\r') {
                throw error("unterminated string literal (a line break inside a string is written \\n)", start);
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
                sb.append(escape());
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    private String charLiteral() {
        int start = pos;
        pos++;
        if (pos >= length || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
            throw error("unterminated char literal", start);
        }
        char value;
        if (text.charAt(pos) == '\\') {
            value = escape();
        } else if (text.charAt(pos) == '\'') {
            throw error("empty char literal", start);
        } else {
            value = text.charAt(pos++);
        }
        if (pos >= length || text.charAt(pos) != '\'') {
            throw error("expected ''' to end the char literal", Math.min(pos, length));
        }
        pos++;
        return String.valueOf(value);
    }

    /** Reads an escape sequence at {@code pos} (a backslash), DSP0221 escapeSequence. */
    private char escape() {
        int start = pos;
        pos++;
        if (pos >= length) {
            throw error("unterminated escape sequence", start);
        }
        char e = text.charAt(pos++);
        switch (e) {
            case 'b': return '\b';
            case 't': return '\t';
            case 'n': return '\n';
            case 'f': return '\f';
            case 'r': return '\r';
            case '"': return '"';
            case '\'': return '\'';
            case '\\': return '\\';
            case 'x':
            case 'X': {
                int digitsStart = pos;
                int value = 0;
                while (pos < length && pos - digitsStart < 4 && Character.digit(text.charAt(pos), 16) >= 0
                        && text.charAt(pos) < 0x80) {
                    value = value * 16 + Character.digit(text.charAt(pos), 16);
                    pos++;
                }
                if (pos == digitsStart) {
                    throw error("expected 1 to 4 hex digits after '\\" + e + "'", start);
                }
                return (char) value;
            }
            default:
                throw error("unknown escape sequence '\\" + (Character.isISOControl(e) ? describeChar(e) : String.valueOf(e))
                        + "' (known: \\b \\t \\n \\f \\r \\\" \\' \\\\ \\xHHHH)", start);
        }
    }

    private char charAt(int i) {
        return i < length ? text.charAt(i) : '\0';
    }

    private boolean isDigitAt(int i) {
        return i < length && isDigit(text.charAt(i));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
