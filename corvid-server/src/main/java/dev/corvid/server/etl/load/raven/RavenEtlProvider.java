package dev.corvid.server.etl.load.raven;

import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.EtlConfiguration;
import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.transform.EtlScript;
import dev.corvid.server.etl.transform.ScriptKind;
import java.time.Duration;

/** Raven ETL: transform into batch commands, load with {@code bulk_docs} into another database. */
public final class RavenEtlProvider implements EtlProvider<RavenItem> {
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final EtlConfiguration configuration;
    private final ConnectionString.Raven connectionString;

    public RavenEtlProvider(EtlConfiguration configuration, ConnectionString.Raven connectionString) {
        this.configuration = configuration;
        this.connectionString = connectionString;
    }

    @Override
    public String kind() {
        return "Raven ETL";
    }

    @Override
    public EtlTransformer<RavenItem> newTransformer(Transformation transformation) {
        return new RavenTransformer(transformation, EtlScript.compile(transformation.name(), transformation.script(), ScriptKind.RAVEN));
    }

    @Override
    public EtlSink<RavenItem> newSink(LoadMetrics metrics) {
        // one bulk_docs request per batch: the batch's performance record already says all there is
        Integer seconds = configuration.loadRequestTimeoutInSec();
        Duration timeout = seconds == null || seconds <= 0 ? DEFAULT_REQUEST_TIMEOUT : Duration.ofSeconds(seconds);
        return new RavenSink(new RavenDestinationClient(connectionString, timeout));
    }

    @Override
    public String destination() {
        return connectionString.destination();
    }

    /** What a script would send for one item, without sending anything: commands, errors, output(). */
    public record TestResult(java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> commands,
                             java.util.List<String> errors, java.util.List<String> output) {
    }

    public static TestResult test(Transformation transformation, dev.corvid.server.storage.ChangeEntry entry,
                                  dev.corvid.server.storage.ReadTxn snapshot) {
        EtlScript script = EtlScript.compile(transformation.name(), transformation.script(), ScriptKind.RAVEN);
        try (RavenTransformer transformer = new RavenTransformer(transformation, script)) {
            return switch (transformer.transform(entry, snapshot)) {
                case dev.corvid.server.etl.TransformedItem.Loaded<RavenItem> loaded ->
                        new TestResult(loaded.value().commands(), java.util.List.of(), loaded.output());
                case dev.corvid.server.etl.TransformedItem.FilteredOut<RavenItem> out ->
                        new TestResult(java.util.List.of(), java.util.List.of(), out.output());
                case dev.corvid.server.etl.TransformedItem.Failed<RavenItem> failed ->
                        new TestResult(java.util.List.of(), java.util.List.of(failed.error()), failed.output());
            };
        }
    }
}
