package dev.corvid.server.documents.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.server.documents.query.RqlToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RqlLexerTest {
    static List<String> describe(String rql) {
        return RqlLexer.tokenize(rql).stream().map(t -> t.kind() + ":" + t.text()).toList();
    }

    @Test
    void tokenKinds() {
        assertThat(describe("from 'Users' where @metadata.@last-modified >= $p0 and n != -1.5e3 or x<>\"a\\\"b\""))
                .containsExactly("WORD:from", "STRING:Users", "WORD:where", "WORD:@metadata", "SYMBOL:.", "WORD:@last-modified",
                        "SYMBOL:>=", "PARAMETER:p0", "WORD:and", "WORD:n", "SYMBOL:!=", "NUMBER:-1.5e3", "WORD:or", "WORD:x",
                        "SYMBOL:<>", "STRING:a\"b", "END:");
    }

    @Test
    void positionsPointIntoTheQuery() {
        List<RqlToken> tokens = RqlLexer.tokenize("from  Users");

        assertThat(tokens.get(1)).isEqualTo(new RqlToken(Kind.WORD, "Users", 6, 11));
        assertThat(tokens.get(2)).isEqualTo(new RqlToken(Kind.END, "", 11, 11));
    }

    @Test
    void dashesBelongToMetadataNamesOnlyAndNumbersEndAtLetters() {
        assertThat(describe("a-1 [] 10x 1.")).containsExactly("WORD:a", "NUMBER:-1", "SYMBOL:[", "SYMBOL:]", "NUMBER:10", "WORD:x",
                "NUMBER:1", "SYMBOL:.", "END:");
    }
}
