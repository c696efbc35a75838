package dev.corvid.cli.demo;

import java.util.Objects;

/**
 * One script of a demo ETL task; it runs on every document of {@code collection}.
 *
 * @param name       script name, shown in the progress and in errors
 * @param collection source collection, e.g. {@code Orders}
 * @param script     the JavaScript transformation
 */
public record EtlTransform(String name, String collection, String script) {
    public EtlTransform {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(script, "script");
    }
}
