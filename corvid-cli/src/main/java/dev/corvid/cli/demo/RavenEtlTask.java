package dev.corvid.cli.demo;

import java.util.List;
import java.util.Objects;

/**
 * A Raven ETL task as the demo defines it: a name, the connection string naming the destination
 * database, and one script per source collection. {@link DemoClient#addRavenEtl} sends it in
 * RavenDB's {@code RavenEtlConfiguration} shape, enabled.
 *
 * @param name                 task name, unique among the database's ETL tasks
 * @param connectionStringName a Raven connection string of the source database
 * @param transforms           the scripts, at least one
 */
public record RavenEtlTask(String name, String connectionStringName, List<Transform> transforms) {
    public RavenEtlTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectionStringName, "connectionStringName");
        transforms = List.copyOf(transforms);
        if (transforms.isEmpty()) {
            throw new IllegalArgumentException("an ETL task needs at least one script");
        }
    }

    /**
     * One script of the task; it runs on every document of {@code collection}.
     *
     * @param name       script name, shown in the progress and in errors
     * @param collection source collection, e.g. {@code Orders}
     * @param script     the JavaScript transformation
     */
    public record Transform(String name, String collection, String script) {
        public Transform {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(script, "script");
        }
    }
}
