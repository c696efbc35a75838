package dev.corvid.server.etl.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransformersTest {
    private static final Transformation SCRIPT = new Transformation("script", List.of("Orders"), false, "loadToOrders(this);", false);

    /** A transformer that gives each document's id back, noting the threads it ran on; {@code pause} holds each item. */
    private static class RecordingProvider implements EtlProvider<String> {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final Set<Object> usedTransformers = ConcurrentHashMap.newKeySet();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger transformed = new AtomicInteger();
        final AtomicInteger closedWhileRunning = new AtomicInteger();
        volatile CountDownLatch started = new CountDownLatch(0);
        volatile long pauseMillis;

        @Override
        public String kind() {
            return "Test ETL";
        }

        @Override
        public EtlTransformer<String> newTransformer(Transformation transformation) {
            return new EtlTransformer<>() {
                @Override
                public TransformedItem<String> transform(ChangeEntry entry, ReadTxn snapshot) {
                    running.incrementAndGet();
                    try {
                        threads.add(Thread.currentThread());
                        usedTransformers.add(this);
                        started.countDown();
                        if (pauseMillis > 0) {
                            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis);
                            while (System.nanoTime() < until) {
                                Thread.onSpinWait(); // busy, like a script: an interrupt does not stop it
                            }
                        }
                        transformed.incrementAndGet();
                        return new TransformedItem.Loaded<>(entry.id(), 1, List.of());
                    } finally {
                        running.decrementAndGet();
                    }
                }

                @Override
                public void close() {
                    if (running.get() > 0) {
                        closedWhileRunning.incrementAndGet();
                    }
                }
            };
        }

        @Override
        public EtlSink<String> newSink(LoadMetrics metrics) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String destination() {
            return "nowhere";
        }
    }

    private static List<ChangeEntry> documents(int count) {
        List<ChangeEntry> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(new StoredDocument("orders/" + i, "Orders", i + 1, "A:" + (i + 1), Instant.EPOCH, false, "{}".getBytes()));
        }
        return documents;
    }

    @Test
    void transformsOnTheSharedPlatformThreadsAndKeepsTheOrder() throws Exception {
        RecordingProvider provider = new RecordingProvider();
        try (Transformers<String> transformers = new Transformers<>(provider, SCRIPT, 2)) {
            List<TransformedItem<String>> results = transformers.transform(documents(1000), null);

            assertThat(results).extracting(r -> ((TransformedItem.Loaded<String>) r).value())
                    .containsExactlyElementsOf(documents(1000).stream().map(ChangeEntry::id).toList());
            assertThat(provider.threads).isNotEmpty().allSatisfy(thread -> {
                assertThat(thread.isVirtual()).as("never on a virtual thread's carrier").isFalse();
                assertThat(thread.getName()).startsWith("etl-transform-");
            });
        }
    }

    @Test
    void usesOneTransformerFewerWhileTheDestinationIsBusyAndOneMoreWhenItWaited() throws Exception {
        RecordingProvider provider = new RecordingProvider();
        try (Transformers<String> transformers = new Transformers<>(provider, SCRIPT, 2)) {
            transformers.transform(documents(1000), null);
            assertThat(provider.usedTransformers).hasSize(2);

            transformers.destinationWaited(false);
            provider.usedTransformers.clear();
            transformers.transform(documents(1000), null);
            assertThat(provider.usedTransformers).hasSize(1);
            transformers.destinationWaited(false);
            assertThat(transformers.active()).as("never fewer than one").isEqualTo(1);

            transformers.destinationWaited(true);
            provider.usedTransformers.clear();
            transformers.transform(documents(1000), null);
            assertThat(provider.usedTransformers).hasSize(2);
            transformers.destinationWaited(true);
            assertThat(transformers.active()).as("never more than the parallelism").isEqualTo(2);
        }
    }

    @Test
    void aSmallBatchAlsoRunsOnATransformThread() throws Exception {
        RecordingProvider provider = new RecordingProvider();
        try (Transformers<String> transformers = new Transformers<>(provider, SCRIPT, 2)) {
            transformers.transform(documents(3), null);

            assertThat(provider.threads).singleElement().satisfies(thread -> assertThat(thread.getName()).startsWith("etl-transform-"));
        }
    }

    @Test
    void anInterruptedCallerWaitsForTheSlicesWhichStopEarly() throws Exception {
        RecordingProvider provider = new RecordingProvider();
        provider.pauseMillis = 20;
        provider.started = new CountDownLatch(1);
        Transformers<String> transformers = new Transformers<>(provider, SCRIPT, 2);
        List<Throwable> failure = new ArrayList<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                transformers.transform(documents(1000), null);
            } catch (Throwable e) {
                failure.add(e);
            }
            transformers.close();
        });
        assertThat(provider.started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(provider.running.get()).as("no slice still running once transform() returned").isZero();
        assertThat(provider.closedWhileRunning.get()).isZero();
        assertThat(provider.transformed.get()).as("the slices stopped at their next item").isLessThan(100);
    }

    @Test
    void aTransformerFailureReachesTheCaller() {
        EtlProvider<String> failing = new RecordingProvider() {
            @Override
            public EtlTransformer<String> newTransformer(Transformation transformation) {
                return (entry, snapshot) -> {
                    throw new IllegalStateException("storage failed");
                };
            }
        };
        try (Transformers<String> transformers = new Transformers<>(failing, SCRIPT, 2)) {
            assertThatThrownBy(() -> transformers.transform(documents(500), null)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("storage failed");
        }
    }
}
