package dev.corvid.server.etl;

import java.util.List;

/**
 * An ongoing ETL task as stored in the database record: Raven ETL ({@link EtlConfiguration}, in
 * {@code RavenEtls}) or SQL ETL ({@link SqlEtlConfiguration}, in {@code SqlEtls}). Task ids are
 * unique across both kinds. Immutable.
 */
public sealed interface EtlTask permits EtlConfiguration, SqlEtlConfiguration {
    long taskId();

    String name();

    String connectionStringName();

    List<Transformation> transforms();

    boolean disabled();

    String mentorNode();

    boolean pinToMentorNode();

    BatchSettings batchSettings();

    /** {@code Raven} or {@code Sql}, RavenDB's {@code EtlType}. */
    String kind();

    /** {@code RavenEtl} or {@code SqlEtl}, RavenDB's {@code OngoingTaskType}. */
    default String ongoingTaskType() {
        return kind() + "Etl";
    }

    EtlTask withTaskId(long id);

    EtlTask withDisabled(boolean value);

    /** {@code Enabled}, {@code Disabled} or {@code PartiallyEnabled}, as RavenDB reports a task's state. */
    default String taskState() {
        long enabledScripts = transforms().stream().filter(t -> !t.disabled()).count();
        if (disabled() || enabledScripts == 0) {
            return "Disabled";
        }
        return enabledScripts == transforms().size() ? "Enabled" : "PartiallyEnabled";
    }
}
