package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrittenDocumentsTest {
    @Test
    void everyAddedDocumentIsFoundWhateverItsCaseAndFewOthersAre() {
        WrittenDocuments written = new WrittenDocuments();
        int documents = 1_000_000;
        for (int i = 0; i < documents; i++) {
            written.add("orders/" + i + "-A");
        }
        for (int i = 0; i < documents; i++) {
            assertThat(written.mayContain("Orders/" + i + "-a")).as("orders/%d-A", i).isTrue();
        }
        int falsePositives = 0;
        for (int i = documents; i < 2 * documents; i++) {
            if (written.mayContain("orders/" + i + "-A")) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("documents never added that would be deleted for nothing").isLessThan(documents / 20);
    }

    @Test
    void aNewFilterKnowsNoDocument() {
        WrittenDocuments written = new WrittenDocuments();
        assertThat(written.mayContain("orders/1")).isFalse();
        written.add("orders/1");
        assertThat(written.mayContain("orders/1")).isTrue();
        assertThat(written.mayContain("orders/2")).isFalse();
    }

    @Test
    void pastItsLimitEveryDocumentMayHaveBeenWritten() {
        WrittenDocuments written = new WrittenDocuments();
        long capacity = WrittenDocuments.MAX_BITS / 10;
        for (long i = 0; i <= capacity; i++) {
            written.add("d" + i);
        }
        assertThat(written.mayContain("never added")).isTrue();
    }
}
