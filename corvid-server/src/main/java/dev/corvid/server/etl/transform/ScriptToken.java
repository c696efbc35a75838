package dev.corvid.server.etl.transform;

/**
 * One token of an ETL script, as far as the static analysis needs it.
 *
 * @param text for {@link Kind#STRING} the literal's value (escapes resolved); otherwise the source text
 * @param line 1-based line of the token's first character
 */
record ScriptToken(Kind kind, String text, int line) {
    enum Kind {
        /** Identifiers and keywords. */
        NAME,
        /** A quoted string, or a template literal without substitutions. */
        STRING,
        /** A template literal (part) that contains {@code ${…}} substitutions. */
        TEMPLATE,
        NUMBER,
        REGEX,
        /** Any other character, one per token. */
        SYMBOL
    }

    boolean isSymbol(char c) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }
}
