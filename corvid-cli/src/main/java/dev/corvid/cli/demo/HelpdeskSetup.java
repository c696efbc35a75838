package dev.corvid.cli.demo;

import dev.corvid.cli.Progress;
import dev.corvid.cli.demo.FirstRunWatch.FirstRun;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sets up the demo's ETL task ({@link HelpdeskEtl}) over the RavenDB protocol and follows its first
 * full run.
 *
 * <p>{@link #ensureTask} can be repeated: it adds the task only when the source database has no task
 * of that name, so running the demo again keeps the task (and its progress) as it is. Thread-safe as
 * long as each thread waits with its own {@link Progress}.
 */
public final class HelpdeskSetup {
    private final DemoClient client;
    private final FirstRunWatch watch;

    public HelpdeskSetup(DemoClient client) {
        this(client, new FirstRunWatch(client));
    }

    public HelpdeskSetup(DemoClient client, FirstRunWatch watch) {
        this.client = Objects.requireNonNull(client, "client");
        this.watch = Objects.requireNonNull(watch, "watch");
    }

    /**
     * Creates the {@code helpdesk} database when it is missing, points the connection string
     * {@code helpdesk} of {@code sourceDatabase} at it on the server at {@code serverUrl}, and adds the
     * ETL task unless {@code sourceDatabase} has a task of that name. The connection string is written
     * every time, because the demo may run on another port than before.
     *
     * @return true when the task was added, false when it existed already
     */
    public boolean ensureTask(String sourceDatabase, URI serverUrl) {
        client.createDatabase(HelpdeskEtl.DESTINATION_DATABASE);
        client.putRavenConnectionString(sourceDatabase, HelpdeskEtl.CONNECTION_STRING,
                HelpdeskEtl.DESTINATION_DATABASE, serverUrl);
        boolean exists = client.ongoingTaskNames(sourceDatabase).stream().anyMatch(HelpdeskEtl.TASK_NAME::equalsIgnoreCase);
        if (exists) {
            return false;
        }
        client.addRavenEtl(sourceDatabase, HelpdeskEtl.task());
        return true;
    }

    /** Where each script of the task stands now; their {@code totalDocuments} add up to the work of a full run. */
    public List<EtlScriptProgress> progress(String sourceDatabase) {
        return watch.progress(sourceDatabase, HelpdeskEtl.TASK_NAME);
    }

    /** Follows the task's first full run; see {@link FirstRunWatch#await}. Does not finish {@code progress}. */
    public FirstRun awaitFirstRun(String sourceDatabase, Progress progress) throws InterruptedException {
        return watch.await(sourceDatabase, HelpdeskEtl.TASK_NAME, progress);
    }

    /** How many documents each collection of {@code helpdesk} holds. */
    public Map<String, Long> destinationCounts() {
        return client.collectionCounts(HelpdeskEtl.DESTINATION_DATABASE);
    }
}
