package dev.corvid.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.lmdb.LmdbStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbStorageTest {
    @TempDir
    Path dir;
    LmdbStorage storage;

    @BeforeEach
    void open() {
        storage = LmdbStorage.open(StorageOptions.at(dir).withMapSize(1L << 30));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    static ObjectNode doc(String collection, String field, Object value) {
        ObjectNode node = Json.object();
        node.put(field, String.valueOf(value));
        node.putObject("@metadata").put("@collection", collection);
        return node;
    }

    @Test
    void putAssignsStrictlyIncreasingEtagsAndSystemMetadata() {
        StoredDocument a = storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "name", "a")));
        StoredDocument b = storage.write((WriteTxn w) -> w.put("users/2", doc("Users", "name", "b")));
        StoredDocument a2 = storage.write((WriteTxn w) -> w.put("USERS/1", doc("Users", "name", "a2")));

        assertThat(List.of(a.etag(), b.etag(), a2.etag())).containsExactly(1L, 2L, 3L);
        assertThat(a2.id()).as("original casing is kept").isEqualTo("users/1");
        ObjectNode json = Json.parseStored(a2.json());
        assertThat(json.path("@metadata").path("@id").asText()).isEqualTo("users/1");
        assertThat(json.path("@metadata").path("@collection").asText()).isEqualTo("Users");
        assertThat(json.path("@metadata").path("@change-vector").asText()).isEqualTo(a2.changeVector()).startsWith("A:3-");
        assertThat(json.path("@metadata").path("@last-modified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(storage.read((ReadTxn r) -> r.get("Users/1")).map(StoredDocument::jsonText).orElseThrow()).contains("a2");
    }

    @Test
    void etagScanReturnsLatestVersionsInEtagOrderPerCollectionAndOverall() {
        storage.write((WriteTxn w) -> {
            w.put("users/1", doc("Users", "n", 1));
            w.put("orders/1", doc("Orders", "n", 1));
            w.put("users/2", doc("Users", "n", 2));
            return null;
        });
        storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "n", "1b")));

        List<String> users = new ArrayList<>();
        storage.read((ReadTxn r) -> {
            r.forEachChange(0, Optional.of("users"), e -> users.add(e.id() + "@" + e.etag()));
            return null;
        });
        assertThat(users).containsExactly("users/2@3", "users/1@4");

        List<Long> all = new ArrayList<>();
        storage.read((ReadTxn r) -> {
            r.forEachChange(1, Optional.empty(), e -> all.add(e.etag()));
            return null;
        });
        assertThat(all).containsExactly(2L, 3L, 4L);
    }

    @Test
    void deleteLeavesTombstoneInTheChangeLogUntilPurged() {
        storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "n", 1)));
        Tombstone t = storage.write((WriteTxn w) -> w.delete("users/1")).orElseThrow();

        assertThat(t.collection()).isEqualTo("Users");
        assertThat(t.etag()).isEqualTo(2);
        List<ChangeEntry> changes = new ArrayList<>();
        storage.read((ReadTxn r) -> {
            r.forEachChange(0, Optional.of("Users"), changes::add);
            return null;
        });
        assertThat(changes).singleElement().isInstanceOf(Tombstone.class);
        assertThat(storage.read((ReadTxn r) -> r.stats())).satisfies(s -> {
            assertThat(s.documents()).isZero();
            assertThat(s.tombstones()).isEqualTo(1);
        });

        assertThat(storage.write((WriteTxn w) -> w.purgeTombstones(2))).isEqualTo(1);
        assertThat(storage.read((ReadTxn r) -> r.tombstone("users/1"))).isEmpty();
        assertThat(storage.write((WriteTxn w) -> w.delete("users/1"))).isEmpty();
    }

    @Test
    void recreatingADocumentRemovesItsTombstone() {
        storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "n", 1)));
        storage.write((WriteTxn w) -> w.delete("users/1"));
        storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "n", 2)));
        assertThat(storage.read((ReadTxn r) -> r.tombstone("users/1"))).isEmpty();
        assertThat(storage.read((ReadTxn r) -> r.stats().tombstones())).isZero();
        assertThat(storage.read((ReadTxn r) -> r.stats().documentsByCollection())).containsEntry("Users", 1L);
    }

    @Test
    void failingWorkRollsBackAloneWhileMergedNeighboursCommit() throws Exception {
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = storage.submit(w -> {
            writerBusy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        writerBusy.await();
        CompletableFuture<StoredDocument> good1 = storage.submit(w -> w.put("a/1", doc("A", "n", 1)));
        CompletableFuture<StoredDocument> bad = storage.submit(w -> {
            w.put("a/2", doc("A", "n", 2));
            throw new CorvidException(dev.corvid.server.ErrorCode.CONCURRENCY, "conflict");
        });
        CompletableFuture<StoredDocument> good2 = storage.submit(w -> w.put("a/3", doc("A", "n", 3)));
        release.countDown();
        blocker.get();

        assertThat(good1.get().etag()).isEqualTo(1);
        assertThat(good2.get().etag()).as("the rolled-back etag is reused, etags stay gap-free and increasing").isEqualTo(2);
        assertThatThrownBy(bad::get).hasCauseInstanceOf(CorvidException.class);
        assertThat(storage.read((ReadTxn r) -> r.get("a/2"))).isEmpty();
        assertThat(storage.read((ReadTxn r) -> r.stats().documents())).isEqualTo(2);
    }

    @Test
    void snapshotNeverSeesHalfATransactionUnderAConcurrentWriter() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            int round = 0;
            while (!stop.get()) {
                int r = round++;
                storage.write((WriteTxn w) -> {
                    for (int i = 0; i < 20; i++) {
                        w.put("pairs/" + i, doc("Pairs", "round", r));
                    }
                    return null;
                });
            }
        });
        try {
            for (int check = 0; check < 200; check++) {
                List<String> rounds = storage.read((ReadTxn r) -> {
                    List<String> seen = new ArrayList<>();
                    r.forEachDocument(0, Optional.of("Pairs"), d -> seen.add(Json.parseStored(d.json()).path("round").asText()));
                    return seen;
                });
                assertThat(rounds.stream().distinct().count()).as("one round per snapshot").isLessThanOrEqualTo(1);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void attachmentsAreStoredOnceByHashAndListedInMetadata() {
        storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "n", 1)));
        storage.write((WriteTxn w) -> w.put("users/2", doc("Users", "n", 2)));
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        StoredDocument withAttachment = storage.write((WriteTxn w) -> w.putAttachment("users/1", "a.txt", "text/plain", content));
        storage.write((WriteTxn w) -> w.putAttachment("users/2", "b.txt", "text/plain", content));

        assertThat(withAttachment.hasAttachments()).isTrue();
        ObjectNode meta = (ObjectNode) Json.parseStored(withAttachment.json()).get("@metadata");
        assertThat(meta.path("@flags").asText()).isEqualTo("HasAttachments");
        assertThat(meta.path("@attachments").get(0).path("Name").asText()).isEqualTo("a.txt");
        assertThat(meta.path("@attachments").get(0).path("Size").asLong()).isEqualTo(5);
        assertThat(storage.read((ReadTxn r) -> r.stats())).satisfies(s -> {
            assertThat(s.attachments()).isEqualTo(2);
            assertThat(s.uniqueAttachments()).isEqualTo(1);
        });

        StoredDocument updated = storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "n", "changed")));
        assertThat(updated.hasAttachments()).as("an update keeps attachments").isTrue();
        assertThat(storage.read((ReadTxn r) -> r.attachment("users/1", "A.TXT")).orElseThrow().content()).isEqualTo(content);

        storage.write((WriteTxn w) -> w.delete("users/2"));
        storage.write((WriteTxn w) -> w.deleteAttachment("users/1", "a.txt"));
        assertThat(storage.read((ReadTxn r) -> r.stats())).satisfies(s -> {
            assertThat(s.attachments()).isZero();
            assertThat(s.uniqueAttachments()).isZero();
        });
        assertThat(storage.read((ReadTxn r) -> r.get("users/1")).orElseThrow().hasAttachments()).isFalse();
    }

    @Test
    void deletePrefixedRemovesOnlyMatchingIds() {
        storage.write((WriteTxn w) -> {
            w.put("orders/1/lines/1", doc("Lines", "n", 1));
            w.put("orders/1/lines/2", doc("Lines", "n", 2));
            w.put("orders/10/lines/1", doc("Lines", "n", 3));
            return null;
        });
        assertThat(storage.write((WriteTxn w) -> w.deletePrefixed("ORDERS/1/"))).isEqualTo(2);
        assertThat(storage.read((ReadTxn r) -> r.stats().documents())).isEqualTo(1);
    }

    @Test
    void everythingSurvivesReopenAndEtagsKeepIncreasingAfterPurge() {
        storage.write((WriteTxn w) -> w.put("users/1", doc("Users", "n", 1)));
        storage.write((WriteTxn w) -> w.delete("users/1"));
        storage.write((WriteTxn w) -> w.purgeTombstones(Long.MAX_VALUE));
        storage.write((WriteTxn w) -> {
            w.putSystemValue("hilo/users", new byte[] {7});
            return w.put("users/2", doc("Users", "n", 2));
        });
        String databaseId = storage.read(ReadTxn::databaseId);
        storage.close();

        storage = LmdbStorage.open(StorageOptions.at(dir).withMapSize(1L << 30));
        assertThat(storage.read(ReadTxn::databaseId)).isEqualTo(databaseId);
        assertThat(storage.read(ReadTxn::lastEtag)).isEqualTo(3);
        assertThat(storage.read((ReadTxn r) -> r.systemValue("hilo/users")).orElseThrow()).containsExactly(7);
        assertThat(storage.write((WriteTxn w) -> w.put("users/3", doc("Users", "n", 3))).etag()).isEqualTo(4);
    }

    @Test
    void tooLongIdsAreRejectedClearly() {
        String id = "x".repeat(600);
        assertThatThrownBy(() -> storage.write((WriteTxn w) -> w.put(id, doc("X", "n", 1))))
                .isInstanceOf(CorvidException.class)
                .hasMessageContaining("limit is 511 bytes");
    }
}
