package dev.corvid.server.etl.transform;

import dev.corvid.server.etl.transform.ScriptToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits JavaScript into the tokens that {@link ScriptAnalysis} looks at, skipping comments and
 * keeping string, template and regular-expression literals whole, so that a {@code loadToX} inside a
 * comment or a string is not taken for a call. Code inside template substitutions ({@code ${…}}) is
 * tokenized like any other code.
 *
 * <p>Lenient by design: it never fails. Whether the script is valid JavaScript is GraalJS's call;
 * an unterminated literal simply ends at the end of the text.
 */
final class ScriptTokenizer {
    /** Words after which a {@code /} starts a regular expression rather than a division. */
    private static final Set<String> KEYWORDS_BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of",
            "new", "delete", "void", "throw", "case", "do", "else", "yield", "await");

    private final String source;
    private final List<ScriptToken> tokens = new ArrayList<>();
    /** One entry per open template substitution: how many plain braces are open inside it. */
    private final Deque<int[]> templateBraces = new ArrayDeque<>();
    private int pos;
    private int line = 1;

    private ScriptTokenizer(String source) {
        this.source = source;
    }

    static List<ScriptToken> tokenize(String source) {
        ScriptTokenizer tokenizer = new ScriptTokenizer(source);
        tokenizer.run();
        return List.copyOf(tokenizer.tokens);
    }

    private void run() {
        while (skipSpaceAndComments()) {
            char c = source.charAt(pos);
            if (c == '\'' || c == '"') {
                string(c);
            } else if (c == '`') {
                pos++;
                template(false);
            } else if (c == '}' && !templateBraces.isEmpty() && templateBraces.peek()[0] == 0) {
                templateBraces.pop();
                pos++;
                template(true);
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < source.length() && Character.isDigit(source.charAt(pos + 1)))) {
                number();
            } else if (Character.isJavaIdentifierStart(c) || c == '\\') {
                name();
            } else if (c == '/' && regexAllowed()) {
                regex();
            } else {
                symbol(c);
            }
        }
    }

    /** Skips blanks and comments; false at the end of the text. */
    private boolean skipSpaceAndComments() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (source.startsWith("//", pos)) {
                while (pos < source.length() && source.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (source.startsWith("/*", pos)) {
                int close = source.indexOf("*/", pos + 2);
                int end = close < 0 ? source.length() : close + 2;
                while (pos < end) {
                    advance();
                }
            } else {
                return true;
            }
        }
        return false;
    }

    private void string(char quote) {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < source.length() && source.charAt(pos) != quote && source.charAt(pos) != '\n') {
            char c = source.charAt(pos);
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                pos++;
            }
        }
        pos = Math.min(pos + 1, source.length());
        tokens.add(new ScriptToken(Kind.STRING, value.toString(), startLine));
    }

    /**
     * Reads template text after a {@code `} ({@code continuation} false) or after the {@code }} that
     * closes a substitution (true). Only a template without substitutions is a constant string.
     */
    private void template(boolean continuation) {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '`') {
                pos++;
                tokens.add(new ScriptToken(continuation ? Kind.TEMPLATE : Kind.STRING, value.toString(), startLine));
                return;
            }
            if (c == '$' && pos + 1 < source.length() && source.charAt(pos + 1) == '{') {
                pos += 2;
                tokens.add(new ScriptToken(Kind.TEMPLATE, value.toString(), startLine));
                templateBraces.push(new int[] {0});
                return;
            }
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                advance();
            }
        }
        tokens.add(new ScriptToken(Kind.TEMPLATE, value.toString(), startLine));
    }

    private void escape(StringBuilder value) {
        pos++;
        if (pos >= source.length()) {
            return;
        }
        char c = source.charAt(pos);
        switch (c) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000B');
            case '0' -> value.append('\0');
            case 'x' -> {
                value.append(hex(pos + 1, 2));
                pos += 2;
            }
            case 'u' -> {
                if (pos + 1 < source.length() && source.charAt(pos + 1) == '{') {
                    int close = source.indexOf('}', pos);
                    if (close > 0) {
                        value.appendCodePoint(parseHex(source.substring(pos + 2, close)));
                        pos = close;
                    }
                } else {
                    value.append(hex(pos + 1, 4));
                    pos += 4;
                }
            }
            case '\n' -> line++;
            default -> value.append(c);
        }
        pos++;
    }

    private char hex(int from, int digits) {
        int to = Math.min(from + digits, source.length());
        return (char) parseHex(source.substring(from, to));
    }

    private static int parseHex(String digits) {
        try {
            return Integer.parseInt(digits, 16);
        } catch (NumberFormatException e) {
            return '?';
        }
    }

    /** Decimal, exponent, hex/octal/binary and BigInt forms; precision does not matter here. */
    private void number() {
        int start = pos;
        boolean radix = source.startsWith("0x", pos) || source.startsWith("0X", pos) || source.startsWith("0b", pos)
                || source.startsWith("0B", pos) || source.startsWith("0o", pos) || source.startsWith("0O", pos);
        while (pos < source.length()) {
            char c = source.charAt(pos);
            boolean exponentSign = !radix && (c == '+' || c == '-') && pos > start
                    && (source.charAt(pos - 1) == 'e' || source.charAt(pos - 1) == 'E');
            if (Character.isLetterOrDigit(c) || c == '_' || (c == '.' && !radix) || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        add(Kind.NUMBER, source.substring(start, pos));
    }

    private void name() {
        int start = pos;
        pos++;
        while (pos < source.length() && (Character.isJavaIdentifierPart(source.charAt(pos)) || source.charAt(pos) == '\\')) {
            pos++;
        }
        add(Kind.NAME, source.substring(start, pos));
    }

    private boolean regexAllowed() {
        if (tokens.isEmpty()) {
            return true;
        }
        ScriptToken last = tokens.get(tokens.size() - 1);
        return switch (last.kind()) {
            case NAME -> KEYWORDS_BEFORE_EXPRESSION.contains(last.text());
            case NUMBER, STRING, REGEX -> false;
            case TEMPLATE -> true;
            case SYMBOL -> !(last.isSymbol(')') || last.isSymbol(']') || last.isSymbol('}'));
        };
    }

    private void regex() {
        int start = pos;
        pos++;
        boolean inClass = false;
        while (pos < source.length() && source.charAt(pos) != '\n') {
            char c = source.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                break;
            }
        }
        while (pos < source.length() && Character.isLetter(source.charAt(pos))) {
            pos++;
        }
        add(Kind.REGEX, source.substring(start, Math.min(pos, source.length())));
    }

    private void symbol(char c) {
        if (!templateBraces.isEmpty()) {
            if (c == '{') {
                templateBraces.peek()[0]++;
            } else if (c == '}') {
                templateBraces.peek()[0]--;
            }
        }
        pos++;
        add(Kind.SYMBOL, String.valueOf(c));
    }

    private void add(Kind kind, String text) {
        tokens.add(new ScriptToken(kind, text, line));
    }

    private void advance() {
        if (source.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }
}
