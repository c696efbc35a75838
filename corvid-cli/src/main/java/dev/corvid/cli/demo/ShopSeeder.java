package dev.corvid.cli.demo;

import dev.corvid.cli.Progress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Puts the demo shop into a database over the RavenDB protocol.
 *
 * <p>{@link #existingDocuments} creates the database when it is missing; {@link #load} stores the
 * documents in {@code bulk_docs} transactions of {@link #BATCH_SIZE} documents, reporting progress
 * after each acknowledged batch. A failed batch stops the load with a {@link DemoClientException};
 * batches stored before it stay stored.
 */
public final class ShopSeeder {
    public static final int BATCH_SIZE = 500;

    private final DemoClient client;

    public ShopSeeder(DemoClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Creates {@code database} if it does not exist yet, and returns how many documents it holds. */
    public long existingDocuments(String database) {
        boolean created = client.createDatabase(database);
        return created ? 0 : client.countDocuments(database);
    }

    /** Stores every document of {@code documents} in {@code database}, batch by batch. */
    public void load(String database, Stream<DemoDocument> documents, Progress progress) {
        Iterator<DemoDocument> remaining = documents.iterator();
        List<DemoDocument> batch = new ArrayList<>(BATCH_SIZE);
        while (remaining.hasNext()) {
            batch.add(remaining.next());
            if (batch.size() == BATCH_SIZE || !remaining.hasNext()) {
                client.putDocuments(database, batch);
                progress.advance(batch.size());
                batch = new ArrayList<>(BATCH_SIZE);
            }
        }
    }
}
