package dev.corvid.server.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptResultsTest {
    @Test
    void slicesItemsByTheirLengthsWhateverTheyContain() throws Exception {
        String first = "{\"a\":\"3:x\"}";
        String result = "2:" + "3:a:b" + first.length() + ":" + first + "0:"
                + "6:Orders" + "2:{}" + "25:[[\"photo.png\",\"img.png\"]]"
                + "[\"line 1\",\"2\"]";

        TransformOutcome.Loaded loaded = ScriptResults.read(result);

        assertThat(loaded.items()).extracting(LoadedItem::target).containsExactly("a:b", "Orders");
        assertThat(loaded.items().get(0).json()).isEqualTo(first);
        assertThat(loaded.items().get(0).document().get("a").asText()).isEqualTo("3:x");
        assertThat(loaded.items().get(0).attachments()).isEmpty();
        assertThat(loaded.items().get(1).attachments()).containsExactly(new AttachmentReference("photo.png", "img.png"));
        assertThat(loaded.output()).containsExactly("line 1", "2");
        assertThat(loaded.size()).isEqualTo(result.length());
    }

    @Test
    void noItemsAndNoOutput() throws Exception {
        TransformOutcome.Loaded loaded = ScriptResults.read("0:");

        assertThat(loaded.filteredOut()).isTrue();
        assertThat(loaded.output()).isEmpty();
    }

    @Test
    void countsNestingOutsideStringsOnly() {
        assertThat(ScriptResults.nestingDepth("{}")).isEqualTo(1);
        assertThat(ScriptResults.nestingDepth("{\"a\":[{\"b\":[]}],\"c\":{}}")).isEqualTo(4);
        assertThat(ScriptResults.nestingDepth("{\"a\":\"[[[{{{\\\"]]]\"}")).isEqualTo(1);
    }

    @Test
    void refusesObjectsNestedDeeperThanStoredDocumentsMayBe() {
        int levels = ScriptResults.MAX_NESTING_DEPTH + 1;
        String deep = "{\"n\":".repeat(levels) + "1" + "}".repeat(levels);
        String result = "1:5:Items" + deep.length() + ":" + deep + "0:";

        assertThatThrownBy(() -> ScriptResults.read(result)).isInstanceOf(ScriptResults.Unstorable.class)
                .hasMessage("the object given to loadToItems() is nested deeper than 200 levels");
    }
}
