package dev.corvid.server.etl.transform;

/** The ETL type a script is written for; it decides the functions the script can call and the validation rules. */
public enum ScriptKind {
    /** Raven ETL: {@code loadTo} targets are collections; {@code addAttachment} and delete behaviours exist. */
    RAVEN,
    /** SQL ETL: {@code loadTo} targets are tables; {@code varchar}/{@code nvarchar} exist. */
    SQL;

    /** How RavenDB names the target in its messages: {@code loadTo<CollectionName>()} or {@code loadTo<TableName>()}. */
    String targetPlaceholder() {
        return this == RAVEN ? "CollectionName" : "TableName";
    }
}
