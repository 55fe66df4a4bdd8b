package io.github.cm4j;

import java.util.Objects;

/**
 * Text that cm4j parses (MOF, WQL, object paths, CIM datetimes, ...) is malformed.
 *
 * <p>Carries the position of the problem: a zero-based character {@link #offset()}, and the one-based
 * {@link #line()} and {@link #column()} computed from it. The message has the form
 * {@code "<what>: <problem> at line L, column C"} and, where the input is short enough to show, a caret
 * line under the offending column is available from {@link #caretSnippet()}.
 */
public class ParseException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SNIPPET = 200;

    /** The kind of text being parsed. */
    private final String what;
    /** The problem, without position. */
    private final String problem;
    /** Zero-based character offset of the problem. */
    private final int offset;
    /** One-based line of the problem. */
    private final int line;
    /** One-based column of the problem. */
    private final int column;
    /** The offending line and a caret line under the column. */
    private final String snippet;

    /**
     * Creates a parse error at a character offset of an input.
     *
     * @param what the kind of text being parsed, e.g. {@code "WQL"} or {@code "MOF file schema.mof"}
     * @param problem what is wrong, e.g. {@code "expected ')' but found 'FROM'"}
     * @param input the whole input (used to compute line and column; not kept beyond a short snippet)
     * @param offset zero-based character offset of the problem, clamped to the input
     */
    public ParseException(String what, String problem, CharSequence input, int offset) {
        this(what, problem, input, offset, null);
    }

    /**
     * Creates a parse error at a character offset of an input, with a cause.
     *
     * @param what the kind of text being parsed
     * @param problem what is wrong
     * @param input the whole input
     * @param offset zero-based character offset of the problem, clamped to the input
     * @param cause the underlying failure, or {@code null}
     */
    public ParseException(String what, String problem, CharSequence input, int offset, Throwable cause) {
        this(what, problem, Position.of(input, offset), cause);
    }

    private ParseException(String what, String problem, Position position, Throwable cause) {
        super(what + ": " + problem + " at line " + position.line + ", column " + position.column, cause);
        this.what = Objects.requireNonNull(what, "what");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.offset = position.offset;
        this.line = position.line;
        this.column = position.column;
        this.snippet = position.snippet;
    }

    /**
     * The kind of text being parsed.
     *
     * @return e.g. {@code "WQL"} or {@code "object path"}
     */
    public String what() {
        return what;
    }

    /**
     * What is wrong, without the position.
     *
     * @return e.g. {@code "unterminated string"}
     */
    public String problem() {
        return problem;
    }

    /**
     * Where the problem is, as an offset.
     *
     * @return zero-based character offset of the problem in the input
     */
    public int offset() {
        return offset;
    }

    /**
     * The line of the problem.
     *
     * @return one-based line of the problem
     */
    public int line() {
        return line;
    }

    /**
     * The column of the problem.
     *
     * @return one-based column of the problem (in characters)
     */
    public int column() {
        return column;
    }

    /**
     * The offending line (shortened around the column when long) followed by a line with a caret under
     * the column, for terminal output.
     *
     * @return two lines separated by {@code '\n'}
     */
    public String caretSnippet() {
        return snippet;
    }

    /** Line/column computation, done once at construction so the input is not retained. */
    private static final class Position {
        final int offset;
        final int line;
        final int column;
        final String snippet;

        private Position(int offset, int line, int column, String snippet) {
            this.offset = offset;
            this.line = line;
            this.column = column;
            this.snippet = snippet;
        }

        static Position of(CharSequence input, int rawOffset) {
            CharSequence text = input == null ? "" : input;
            int offset = Math.max(0, Math.min(rawOffset, text.length()));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                } else if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                    line++;
                    lineStart = i + 1;
                }
            }
            int lineEnd = lineStart;
            while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int column = offset - lineStart + 1;
            int from = lineStart;
            int to = lineEnd;
            if (to - from > MAX_SNIPPET) {
                from = Math.max(lineStart, offset - MAX_SNIPPET / 2);
                to = Math.min(lineEnd, from + MAX_SNIPPET);
            }
            StringBuilder shown = new StringBuilder(to - from);
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                shown.append(Character.isISOControl(c) ? ' ' : c);
            }
            String caret = " ".repeat(offset - from) + "^";
            return new Position(offset, line, column, shown + "\n" + caret);
        }
    }
}
