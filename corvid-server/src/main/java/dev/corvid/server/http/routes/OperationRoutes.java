package dev.corvid.server.http.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.Operations;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;

/** Operation ids, states and cancellation (PROTOCOL.md §10). */
public final class OperationRoutes {
    public void register(Router router) {
        router.database("GET", "/operations/next-operation-id", this::nextId)
                .database("GET", "/operations/state", this::state)
                .database("POST", "/operations/kill", this::kill);
    }

    private void nextId(Exchange ex, Database db) throws Exception {
        ObjectNode body = Json.object();
        body.put("Id", db.operations().nextId());
        body.put("NodeTag", ServerRoutes.NODE_TAG);
        ex.json(200, body);
    }

    private void state(Exchange ex, Database db) throws Exception {
        Operations.State state = db.operations().state(ex.longParam("id", -1));
        ObjectNode body = Json.object();
        body.put("Status", state.status().name());
        state.result().ifPresent(r -> body.set("Result", r));
        state.failure().ifPresent(f -> body.set("Result", failureResult(f)));
        if (state.result().isEmpty() && state.failure().isEmpty()) {
            body.putNull("Result");
        }
        body.putNull("Progress");
        ex.json(200, body);
    }

    private static ObjectNode failureResult(CorvidException failure) {
        ObjectNode result = Json.object();
        result.put("$type", "Raven.Client.Documents.Operations.OperationExceptionResult, Raven.Client");
        result.put("Type", failure.code().ravenType());
        result.put("Message", failure.getMessage());
        result.put("Error", failure.code().ravenType() + ": " + failure.getMessage());
        result.put("StatusCode", failure.code().httpStatus());
        return result;
    }

    private void kill(Exchange ex, Database db) throws Exception {
        db.operations().kill(ex.longParam("id", -1));
        ex.empty(204);
    }
}
