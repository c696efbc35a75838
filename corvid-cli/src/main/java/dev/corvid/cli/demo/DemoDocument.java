package dev.corvid.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One RavenDB document ready to be stored: its id, its collection and its JSON body, which already
 * carries {@code "@metadata": {"@collection": ...}}. Callers must not modify the body.
 *
 * @param id         document id, e.g. {@code orders/1-A}
 * @param collection collection name, e.g. {@code Orders}
 * @param body       the document JSON including {@code @metadata}
 */
public record DemoDocument(String id, String collection, ObjectNode body) {
    /** Entities become JSON with PascalCase property names, as RavenDB's own sample data has them. */
    private static final ObjectMapper ENTITY_MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);

    public DemoDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(body, "body");
    }

    /** Serializes {@code entity} (one of the {@link Shop} records, or any bean) as a document of {@code collection}. */
    static DemoDocument of(String id, String collection, Object entity) {
        ObjectNode body = ENTITY_MAPPER.valueToTree(entity);
        body.putObject("@metadata").put("@collection", collection);
        return new DemoDocument(id, collection, body);
    }
}
