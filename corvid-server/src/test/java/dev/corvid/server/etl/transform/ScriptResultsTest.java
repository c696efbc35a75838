package dev.corvid.server.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptResultsTest {
    private static final List<String> TARGETS = List.of("Orders", "a:b", "Items");

    /** A result as the runtime returns it: the fields joined with the separator. */
    private static String result(String... fields) {
        return String.join(String.valueOf(ScriptPrelude.SEPARATOR), fields);
    }

    @Test
    void slicesItemsAtTheSeparatorsWhateverTheyContain() throws Exception {
        String first = "{\"a\":\"3:x\\u0001\"}";
        String result = result("2", "1", first, "", "0", "{}", "[[\"photo.png\",\"img.png\"]]", "[\"line 1\",\"2\"]");

        TransformOutcome.Loaded loaded = ScriptResults.read(result, TARGETS);

        assertThat(loaded.items()).extracting(LoadedItem::target).containsExactly("a:b", "Orders");
        assertThat(loaded.items().get(0).json()).isEqualTo(first);
        assertThat(loaded.items().get(0).document().get("a").asText()).isEqualTo("3:x\u0001");
        assertThat(loaded.items().get(0).attachments()).isEmpty();
        assertThat(loaded.items().get(1).attachments()).containsExactly(new AttachmentReference("photo.png", "img.png"));
        assertThat(loaded.output()).containsExactly("line 1", "2");
        assertThat(loaded.size()).isEqualTo(result.length());
    }

    @Test
    void lastItemWithoutAttachmentsAndNoOutput() throws Exception {
        TransformOutcome.Loaded loaded = ScriptResults.read(result("1", "2", "{}", ""), TARGETS);

        assertThat(loaded.items()).extracting(LoadedItem::target).containsExactly("Items");
        assertThat(loaded.output()).isEmpty();
    }

    @Test
    void noItemsAndNoOutput() throws Exception {
        TransformOutcome.Loaded loaded = ScriptResults.read("0", TARGETS);

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
        String result = result("1", "2", deep, "");

        assertThatThrownBy(() -> ScriptResults.read(result, TARGETS)).isInstanceOf(ScriptResults.Unstorable.class)
                .hasMessage("the object given to loadToItems() is nested deeper than 200 levels");
    }
}
