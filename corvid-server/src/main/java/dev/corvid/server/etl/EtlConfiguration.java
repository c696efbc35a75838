package dev.corvid.server.etl;

import java.util.List;

/**
 * A Raven ETL task as stored in the database record, with RavenDB's fields ({@code RavenEtls}
 * entries). {@code taskId} is assigned by the server and stays stable across updates.
 */
public record EtlConfiguration(long taskId, String name, String connectionStringName, List<Transformation> transforms,
                               boolean disabled, String mentorNode, boolean pinToMentorNode,
                               boolean allowEtlOnNonEncryptedChannel, Integer loadRequestTimeoutInSec,
                               String etlType, BatchSettings batchSettings) implements EtlTask {
    public EtlConfiguration {
        transforms = transforms == null ? List.of() : List.copyOf(transforms);
        etlType = etlType == null ? null : etlType;
        batchSettings = batchSettings == null ? BatchSettings.defaults() : batchSettings.effective();
    }

    @Override
    public String kind() {
        return "Raven";
    }

    @Override
    public EtlConfiguration withTaskId(long id) {
        return new EtlConfiguration(id, name, connectionStringName, transforms, disabled, mentorNode, pinToMentorNode,
                allowEtlOnNonEncryptedChannel, loadRequestTimeoutInSec, etlType, batchSettings);
    }

    @Override
    public EtlConfiguration withDisabled(boolean value) {
        return new EtlConfiguration(taskId, name, connectionStringName, transforms, value, mentorNode, pinToMentorNode,
                allowEtlOnNonEncryptedChannel, loadRequestTimeoutInSec, etlType, batchSettings);
    }
}
