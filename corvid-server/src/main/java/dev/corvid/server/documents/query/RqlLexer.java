package dev.corvid.server.documents.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits RQL into tokens. Words start with a letter, {@code _} or {@code @} ({@code @all_docs},
 * {@code @metadata}) and may contain {@code -} when they start with {@code @} ({@code @last-modified}).
 * Strings are quoted with {@code '} or {@code "}; a backslash escapes the next character. Comments
 * ({@code // …} and {@code /* … *}{@code /}) are skipped. Any other character becomes a one-character
 * symbol, so that the parser reports it in context.
 */
final class RqlLexer {
    private static final List<String> TWO_CHAR_SYMBOLS = List.of("==", "!=", "<>", "<=", ">=");

    private final String rql;
    private final List<RqlToken> tokens = new ArrayList<>();
    private int pos;

    private RqlLexer(String rql) {
        this.rql = rql;
    }

    /** The tokens of {@code rql}, ending with an {@link RqlToken.Kind#END} token. */
    static List<RqlToken> tokenize(String rql) {
        RqlLexer lexer = new RqlLexer(rql);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (skipSpaceAndComments()) {
            char c = rql.charAt(pos);
            if (c == '\'' || c == '"') {
                string(c);
            } else if (c == '$') {
                parameter();
            } else if (isDigit(c) || (c == '-' && pos + 1 < rql.length() && isDigit(rql.charAt(pos + 1)))) {
                number();
            } else if (isWordStart(c)) {
                word();
            } else {
                symbol(c);
            }
        }
        tokens.add(new RqlToken(RqlToken.Kind.END, "", rql.length(), rql.length()));
    }

    /** Skips blanks and comments; false at the end of the query. */
    private boolean skipSpaceAndComments() {
        while (pos < rql.length()) {
            char c = rql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (rql.startsWith("//", pos)) {
                int eol = rql.indexOf('\n', pos);
                pos = eol < 0 ? rql.length() : eol + 1;
            } else if (rql.startsWith("/*", pos)) {
                int close = rql.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw QueryErrors.invalid("Unterminated comment starting at position " + pos + ": " + excerpt(pos));
                }
                pos = close + 2;
            } else {
                return true;
            }
        }
        return false;
    }

    private void string(char quote) {
        int start = pos++;
        StringBuilder text = new StringBuilder();
        while (pos < rql.length()) {
            char c = rql.charAt(pos++);
            if (c == quote) {
                tokens.add(new RqlToken(RqlToken.Kind.STRING, text.toString(), start, pos));
                return;
            }
            if (c == '\\' && pos < rql.length()) {
                c = rql.charAt(pos++);
            }
            text.append(c);
        }
        throw QueryErrors.invalid("Unterminated string starting at position " + start + ": " + excerpt(start)
                + "; close it with " + quote + " (escape a quote inside it with \\" + quote + ").");
    }

    private void parameter() {
        int start = pos++;
        while (pos < rql.length() && isWordPart(rql.charAt(pos))) {
            pos++;
        }
        if (pos == start + 1) {
            throw QueryErrors.invalid("Expected a parameter name after '$' at position " + start + ": " + excerpt(start));
        }
        tokens.add(new RqlToken(RqlToken.Kind.PARAMETER, rql.substring(start + 1, pos), start, pos));
    }

    private void number() {
        int start = pos;
        if (rql.charAt(pos) == '-') {
            pos++;
        }
        skipDigits();
        if (pos + 1 < rql.length() && rql.charAt(pos) == '.' && isDigit(rql.charAt(pos + 1))) {
            pos++;
            skipDigits();
        }
        if (pos < rql.length() && (rql.charAt(pos) == 'e' || rql.charAt(pos) == 'E')) {
            int mark = pos++;
            if (pos < rql.length() && (rql.charAt(pos) == '+' || rql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < rql.length() && isDigit(rql.charAt(pos))) {
                skipDigits();
            } else {
                pos = mark;
            }
        }
        tokens.add(new RqlToken(RqlToken.Kind.NUMBER, rql.substring(start, pos), start, pos));
    }

    private void word() {
        int start = pos++;
        boolean dashes = rql.charAt(start) == '@';
        while (pos < rql.length() && (isWordPart(rql.charAt(pos)) || (dashes && rql.charAt(pos) == '-'))) {
            pos++;
        }
        tokens.add(new RqlToken(RqlToken.Kind.WORD, rql.substring(start, pos), start, pos));
    }

    private void symbol(char c) {
        for (String two : TWO_CHAR_SYMBOLS) {
            if (rql.startsWith(two, pos)) {
                tokens.add(new RqlToken(RqlToken.Kind.SYMBOL, two, pos, pos + 2));
                pos += 2;
                return;
            }
        }
        tokens.add(new RqlToken(RqlToken.Kind.SYMBOL, String.valueOf(c), pos, pos + 1));
        pos++;
    }

    private void skipDigits() {
        while (pos < rql.length() && isDigit(rql.charAt(pos))) {
            pos++;
        }
    }

    private String excerpt(int from) {
        return RqlParser.excerpt(rql, from);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }
}
