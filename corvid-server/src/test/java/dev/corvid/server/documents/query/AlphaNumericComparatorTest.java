package dev.corvid.server.documents.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlphaNumericComparatorTest {
    @Test
    void digitRunsCompareByValueAndTextIgnoresCase() {
        List<String> values = new ArrayList<>(List.of("item10", "Item2", "item1", "item", "b1", "A20", "a3", "item02x", "item2a", "10", "9"));

        values.sort(AlphaNumericComparator.INSTANCE);

        assertThat(values).containsExactly("9", "10", "a3", "A20", "b1", "item", "item1", "Item2", "item2a", "item02x", "item10");
    }

    @Test
    void hugeNumbersDoNotOverflow() {
        assertThat(AlphaNumericComparator.INSTANCE.compare("x99999999999999999999999", "x100000000000000000000000")).isNegative();
        assertThat(AlphaNumericComparator.INSTANCE.compare("x007", "x7")).isZero();
    }
}
