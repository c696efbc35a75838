package dev.corvid.server.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StorageOptions;
import dev.corvid.server.storage.Tombstone;
import dev.corvid.server.storage.WriteTxn;
import dev.corvid.server.storage.lmdb.LmdbStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorTest {
    @TempDir
    Path dir;
    LmdbStorage storage;

    @BeforeEach
    void seed() {
        storage = LmdbStorage.open(StorageOptions.at(dir).withMapSize(1L << 30));
        // etags: a/1=1 b/1=2 c/1=3 a/2=4 b/2=5 a/3=6 b/3=7, then delete a/1 → tombstone 8
        String[] ids = {"a/1", "b/1", "c/1", "a/2", "b/2", "a/3", "b/3"};
        for (String id : ids) {
            storage.write((WriteTxn w) -> w.put(id, doc(id.substring(0, 1).toUpperCase())));
        }
        storage.write((WriteTxn w) -> w.delete("a/1"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static ObjectNode doc(String collection) {
        ObjectNode node = Json.object();
        node.putObject("@metadata").put("@collection", collection);
        return node;
    }

    private Extractor.ExtractedPage extract(long after, List<String> collections, int max) {
        return storage.read((ReadTxn r) -> Extractor.extract(r, after, collections, max));
    }

    private static List<Long> etags(Extractor.ExtractedPage page) {
        return page.items().stream().map(ChangeEntry::etag).toList();
    }

    @Test
    void mergesSeveralCollectionsInEtagOrderWithTombstones() {
        Extractor.ExtractedPage page = extract(0, List.of("A", "b"), 100);
        assertThat(etags(page)).containsExactly(2L, 4L, 5L, 6L, 7L, 8L);
        assertThat(page.items().get(5)).isInstanceOf(Tombstone.class);
        assertThat(page.complete()).isTrue();
    }

    @Test
    void aTruncatedCollectionBoundsWhatIsSafeToReturn() {
        // A has 4, 6, 8 after etag 0; B has 2, 5, 7. With two per collection, A stops at 6 and B at 5:
        // only changes up to 5 are known to be complete.
        Extractor.ExtractedPage page = extract(0, List.of("A", "B"), 2);
        assertThat(etags(page)).containsExactly(2L, 4L);
        assertThat(page.complete()).isFalse();
        Extractor.ExtractedPage next = extract(4, List.of("A", "B"), 2);
        assertThat(etags(next)).containsExactly(5L, 6L);
    }

    @Test
    void allDocumentsWhenNoCollectionIsGiven() {
        assertThat(etags(extract(5, List.of(), 100))).containsExactly(6L, 7L, 8L);
        assertThat(extract(8, List.of(), 100).items()).isEmpty();
    }
}
