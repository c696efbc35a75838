package dev.corvid.server.etl.process;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads every ETL process transforms on, one per core, shared by all processes of the
 * server. Transforming is long stretches of pure CPU work (a script over thousands of documents);
 * on virtual threads it would hold the carrier threads for the whole stretch, and every virtual
 * thread waiting for one — the HTTP requests, and the ETL processes whose transforms just ended —
 * would wait with it. Here it competes for the cores like any other thread, and the virtual threads
 * keep their carriers.
 */
final class TransformThreads {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            new Factory());

    private TransformThreads() {
    }

    static ExecutorService pool() {
        return POOL;
    }

    private static final class Factory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            return Thread.ofPlatform().daemon().name("etl-transform-" + count.incrementAndGet()).unstarted(work);
        }
    }
}
