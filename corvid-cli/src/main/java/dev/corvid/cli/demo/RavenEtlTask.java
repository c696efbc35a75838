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
public record RavenEtlTask(String name, String connectionStringName, List<EtlTransform> transforms) {
    public RavenEtlTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectionStringName, "connectionStringName");
        transforms = List.copyOf(transforms);
        if (transforms.isEmpty()) {
            throw new IllegalArgumentException("an ETL task needs at least one script");
        }
    }
}
