package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a field has in a document, the way RavenDB indexes them: arrays on the path are searched
 * element by element and arrays at the end contribute each element, so {@code Tags = 'x'} matches
 * {@code "Tags": ["x", "y"]} and {@code Lines.Product} reads every line. A path that ends early gives a
 * {@link MissingNode}; an empty array at the end is kept as it is (the field exists, with no values).
 */
final class FieldValues {
    private FieldValues() {
    }

    static List<JsonNode> of(Field field, DocumentView document) {
        return switch (field) {
            case Field.DocumentId id -> List.of(TextNode.valueOf(document.document().id()));
            case Field.Path path -> {
                List<JsonNode> values = new ArrayList<>(1);
                collect(document.json(), path.segments(), 0, values);
                yield values;
            }
        };
    }

    private static void collect(JsonNode node, List<String> segments, int index, List<JsonNode> out) {
        if (node.isArray()) {
            if (node.isEmpty()) {
                out.add(index == segments.size() ? node : MissingNode.getInstance());
            }
            for (JsonNode element : node) {
                collect(element, segments, index, out);
            }
            return;
        }
        if (index == segments.size()) {
            out.add(node);
            return;
        }
        JsonNode child = node.isObject() ? node.get(segments.get(index)) : null;
        if (child == null) {
            out.add(MissingNode.getInstance());
            return;
        }
        collect(child, segments, index + 1, out);
    }
}
