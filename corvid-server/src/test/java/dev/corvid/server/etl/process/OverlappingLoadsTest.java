package dev.corvid.server.etl.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.etl.BatchSettings;
import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.load.TransientLoadException;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StorageOptions;
import dev.corvid.server.storage.WriteTxn;
import dev.corvid.server.storage.lmdb.LmdbStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process with a sink that takes two loads at once (as SQL ETL to PostgreSQL does): a real
 * source database and a fake sink that "commits" a batch only after the one before it did, as the
 * {@link EtlSink#load(List, EtlSink.Checkpoint, Future)} contract asks.
 */
class OverlappingLoadsTest {
    private static final Transformation SCRIPT = new Transformation("script", List.of("Orders"), false, "", false);

    @TempDir
    Path dir;
    LmdbStorage storage;
    EtlProcess<String> process;

    /** Records the loads: how many ran at once, and what was committed in which order. */
    private static final class TwoAtOnceSink implements EtlSink<String> {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<Long> committed = Collections.synchronizedList(new ArrayList<>());
        final List<String> committedIds = Collections.synchronizedList(new ArrayList<>());
        /** The load that brings the destination up to this etag fails once. */
        volatile long failOnceAt = -1;
        volatile boolean shareDocuments;

        @Override
        public String load(List<String> items, Checkpoint upTo) {
            return load(items, upTo, null);
        }

        @Override
        public String load(List<String> items, Checkpoint upTo, Future<?> previous) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30); // the deletes and writes, meanwhile
                if (upTo.etag() == failOnceAt) {
                    failOnceAt = -1;
                    throw new TransientLoadException("target down", null);
                }
                if (previous != null) {
                    previous.get();
                }
                committed.add(upTo.etag());
                committedIds.addAll(items);
                return "fake";
            } catch (ExecutionException e) {
                throw new TransientLoadException("Not loaded: the batch before it was not loaded", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientLoadException("interrupted", e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public int loadsInFlight() {
            return 2;
        }

        @Override
        public boolean independent(List<String> earlier, List<String> later) {
            return !shareDocuments && Collections.disjoint(new HashSet<>(earlier), later);
        }
    }

    private final TwoAtOnceSink sink = new TwoAtOnceSink();

    private final EtlProvider<String> provider = new EtlProvider<>() {
        @Override
        public String kind() {
            return "Test ETL";
        }

        @Override
        public EtlTransformer<String> newTransformer(Transformation transformation) {
            return (entry, snapshot) -> new TransformedItem.Loaded<>(entry.id(), 1, List.of());
        }

        @Override
        public EtlSink<String> newSink(LoadMetrics metrics) {
            return sink;
        }

        @Override
        public String destination() {
            return "fake";
        }
    };

    @BeforeEach
    void openSource() {
        storage = LmdbStorage.open(StorageOptions.at(dir.resolve("source")).withMapSize(1L << 28));
        for (int i = 0; i < 200; i++) {
            ObjectNode document = Json.MAPPER.createObjectNode().put("Number", i);
            document.putObject("@metadata").put("@collection", "Orders");
            String id = "orders/" + i;
            storage.write((WriteTxn w) -> w.put(id, document));
        }
    }

    @AfterEach
    void close() {
        if (process != null) {
            process.stop();
        }
        storage.close();
    }

    private void runUntilCaughtUp() {
        long last = storage.read(ReadTxn::lastEtag);
        process = new EtlProcess<>("source", "task", SCRIPT, provider, storage, new EtlStateStore(storage),
                new BatchSettings(10, 0, 0), Clock.systemUTC(), new ProcessStatistics());
        process.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> process.statistics().snapshot().lastProcessedEtag() == last);
    }

    private List<String> allIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add("orders/" + i);
        }
        return ids;
    }

    @Test
    void independentBatchesLoadTwoAtOnceAndCommitInOrder() {
        runUntilCaughtUp();

        assertThat(sink.mostAtOnce.get()).isEqualTo(2);
        assertThat(sink.committed).hasSize(20).isSorted().doesNotHaveDuplicates();
        assertThat(sink.committedIds).containsExactlyElementsOf(allIds());
    }

    @Test
    void batchesThatShareADocumentLoadOneAfterTheOther() {
        sink.shareDocuments = true;
        runUntilCaughtUp();

        assertThat(sink.mostAtOnce.get()).isEqualTo(1);
        assertThat(sink.committedIds).containsExactlyElementsOf(allIds());
    }

    @Test
    void whenALoadFailsTheOneAfterItIsNotCommittedAndBothAreLoadedAgainInOrder() {
        long fifthBatch = storage.read(ReadTxn::lastEtag) - 150; // documents have etags 1..200, batches of 10
        sink.failOnceAt = fifthBatch;
        runUntilCaughtUp();

        assertThat(sink.committed).isSorted().doesNotHaveDuplicates().contains(fifthBatch, fifthBatch + 10);
        assertThat(sink.committedIds).as("every document committed exactly once, in order").containsExactlyElementsOf(allIds());
        assertThat(process.statistics().snapshot().loadErrors()).as("the failure was reported, once").isEqualTo(1);
    }
}
