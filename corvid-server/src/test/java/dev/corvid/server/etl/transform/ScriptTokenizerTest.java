package dev.corvid.server.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTokenizerTest {
    static List<String> describe(String source) {
        return ScriptTokenizer.tokenize(source).stream().map(t -> t.kind() + ":" + t.text()).toList();
    }

    @Test
    void commentsAreSkippedAndStringsKeptWhole() {
        assertThat(describe("a /* loadToX( */ 'b\\'c' // loadToY(\n\"d\\u0041\" 1.5e-3 0x1F"))
                .containsExactly("NAME:a", "STRING:b'c", "STRING:dA", "NUMBER:1.5e-3", "NUMBER:0x1F");
    }

    @Test
    void templateWithoutSubstitutionIsAStringAndSubstitutionsAreCode() {
        assertThat(describe("`Orders` `a${ f({x: 1}) }b`"))
                .containsExactly("STRING:Orders", "TEMPLATE:a", "NAME:f", "SYMBOL:(", "SYMBOL:{", "NAME:x", "SYMBOL::",
                        "NUMBER:1", "SYMBOL:}", "SYMBOL:)", "TEMPLATE:b");
    }

    @Test
    void slashStartsARegexOnlyWhereAnExpressionCanStart() {
        assertThat(describe("x = /a'b[/]/g; y = a / b / c; return /\"/"))
                .containsExactly("NAME:x", "SYMBOL:=", "REGEX:/a'b[/]/g", "SYMBOL:;", "NAME:y", "SYMBOL:=", "NAME:a",
                        "SYMBOL:/", "NAME:b", "SYMBOL:/", "NAME:c", "SYMBOL:;", "NAME:return", "REGEX:/\"/");
    }

    @Test
    void linesAreCounted() {
        List<ScriptToken> tokens = ScriptTokenizer.tokenize("a\n/* x\n y */ b\n`\n` c");

        assertThat(tokens).extracting(ScriptToken::line).containsExactly(1, 3, 4, 5);
    }

    @Test
    void unterminatedLiteralsEndAtTheEndOfTheText() {
        assertThat(describe("a 'open")).containsExactly("NAME:a", "STRING:open");
        assertThat(describe("`open ${ x")).containsExactly("TEMPLATE:open ", "NAME:x");
    }
}
