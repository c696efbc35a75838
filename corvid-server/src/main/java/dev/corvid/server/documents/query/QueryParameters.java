package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.server.json.Json;
import java.util.ArrayList;
import java.util.List;

/** The {@code QueryParameters} object of a query request: {@code $name} in the query reads {@code "name"}. */
final class QueryParameters {
    private final JsonNode values;

    private QueryParameters(JsonNode values) {
        this.values = values;
    }

    /** Accepts a JSON object; null, JSON null or a missing node mean no parameters. */
    static QueryParameters of(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return new QueryParameters(Json.object());
        }
        if (!json.isObject()) {
            throw QueryErrors.invalid("QueryParameters must be a JSON object mapping names to values, not " + json.getNodeType() + ".");
        }
        return new QueryParameters(json);
    }

    /** The value of {@code $name}; fails naming the parameter when the request did not send it. */
    JsonNode get(String name) {
        JsonNode value = values.get(name);
        if (value == null) {
            throw QueryErrors.invalid("Parameter '$" + name + "' is used in the query but not given in QueryParameters ("
                    + given() + ").");
        }
        return value;
    }

    private String given() {
        List<String> names = new ArrayList<>();
        values.fieldNames().forEachRemaining(n -> names.add("$" + n));
        return names.isEmpty() ? "QueryParameters is empty" : "given: " + String.join(", ", names);
    }
}
