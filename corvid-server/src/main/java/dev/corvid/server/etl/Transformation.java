package dev.corvid.server.etl;

import java.util.List;

/**
 * One script of an ETL task; each runs as its own process with its own progress.
 *
 * @param collections source collections (case-insensitive); empty with {@code applyToAllDocuments}
 */
public record Transformation(String name, List<String> collections, boolean applyToAllDocuments, String script,
                             boolean disabled) {
    public Transformation {
        collections = collections == null ? List.of() : List.copyOf(collections);
        script = script == null ? "" : script;
    }
}
