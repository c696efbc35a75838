package dev.corvid.server.documents.query;

/**
 * One token of an RQL query.
 *
 * @param kind  what it is
 * @param text  words and symbols as written; strings unquoted and unescaped; parameters without the {@code $}
 * @param start offset of its first character in the query
 * @param end   offset after its last character
 */
record RqlToken(Kind kind, String text, int start, int end) {
    enum Kind { WORD, STRING, NUMBER, PARAMETER, SYMBOL, END }

    /** A bare word equal to {@code keyword}, ignoring case (keywords are case-insensitive). */
    boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isEnd() {
        return kind == Kind.END;
    }
}
