package dev.corvid.e2e;

import java.util.Arrays;
import java.util.List;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.GetOngoingTaskInfoOperation;
import net.ravendb.client.documents.operations.connectionStrings.PutConnectionStringOperation;
import net.ravendb.client.documents.operations.etl.AddEtlOperation;
import net.ravendb.client.documents.operations.etl.RavenConnectionString;
import net.ravendb.client.documents.operations.etl.RavenEtlConfiguration;
import net.ravendb.client.documents.operations.etl.Transformation;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskRavenEtl;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskType;

/** Setting up Raven ETL with the official client, as a user would. */
final class Etl {
    private Etl() {
    }

    static void connectionString(IDocumentStore source, String name, String database, String... urls) {
        RavenConnectionString cs = new RavenConnectionString();
        cs.setName(name);
        cs.setDatabase(database);
        cs.setTopologyDiscoveryUrls(urls);
        source.maintenance().send(new PutConnectionStringOperation<>(cs));
    }

    static Transformation script(String name, String script, String... collections) {
        Transformation t = new Transformation();
        t.setName(name);
        t.setCollections(Arrays.asList(collections));
        t.setScript(script);
        return t;
    }

    static RavenEtlConfiguration configuration(String name, String connectionString, Transformation... scripts) {
        RavenEtlConfiguration etl = new RavenEtlConfiguration();
        etl.setName(name);
        etl.setConnectionStringName(connectionString);
        etl.setTransforms(List.of(scripts));
        return etl;
    }

    static long add(IDocumentStore source, RavenEtlConfiguration configuration) {
        return source.maintenance().send(new AddEtlOperation<>(configuration)).getTaskId();
    }

    static OngoingTaskRavenEtl info(IDocumentStore source, long taskId) {
        return (OngoingTaskRavenEtl) source.maintenance().send(new GetOngoingTaskInfoOperation(taskId, OngoingTaskType.RAVEN_ETL));
    }
}
