package dev.corvid.server.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.BatchCommand;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.ExpectedChangeVector;
import dev.corvid.server.documents.query.CollectionQuery;
import dev.corvid.server.documents.query.QueryExecutor;
import dev.corvid.server.documents.query.QueryResult;
import dev.corvid.server.documents.query.RqlParser;
import dev.corvid.server.http.DocumentJson;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Collection queries in RQL (PROTOCOL.md §7), and delete by query as an operation. */
public final class QueryRoutes {
    private static final int DELETE_BATCH = 1_000;

    public void register(Router router) {
        router.database("POST", "/queries", this::query)
                .database("GET", "/queries", this::query)
                .database("DELETE", "/queries", this::deleteByQuery);
    }

    private static CollectionQuery parse(Exchange ex) throws Exception {
        if (ex.method().equals("GET")) {
            return RqlParser.parse(ex.requiredParam("query"), Json.object());
        }
        ObjectNode body = ex.jsonObjectBody();
        JsonNode text = body.get("Query");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new CorvidException(ErrorCode.INVALID_QUERY, "Body must be {\"Query\": \"from ...\", \"QueryParameters\": {...}}.");
        }
        return RqlParser.parse(text.asText(), body.get("QueryParameters"));
    }

    private void query(Exchange ex, Database db) throws Exception {
        CollectionQuery query = parse(ex);
        boolean metadataOnly = ex.booleanParam("metadataOnly");
        long started = System.nanoTime();
        QueryResult result = db.storage().read((ReadTxn r) -> QueryExecutor.execute(r, query));
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        ex.setHeader("ETag", "\"" + result.resultEtag() + "\"");
        ex.json(200, out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("Results");
            for (StoredDocument document : result.results()) {
                DocumentJson.write(out, document, metadataOnly);
            }
            out.writeEndArray();
            out.writeObjectFieldStart("Includes");
            out.writeEndObject();
            out.writeArrayFieldStart("IncludedPaths");
            out.writeEndArray();
            out.writeNumberField("TotalResults", result.totalResults());
            out.writeNumberField("SkippedResults", result.skippedResults());
            out.writeNullField("CappedMaxResults");
            out.writeBooleanField("IsStale", false);
            out.writeStringField("IndexTimestamp", Json.NO_DATE);
            out.writeStringField("IndexName", result.indexName());
            out.writeNumberField("ResultEtag", result.resultEtag());
            out.writeStringField("LastQueryTime", Json.NO_DATE);
            out.writeStringField("NodeTag", ServerRoutes.NODE_TAG);
            out.writeNumberField("DurationInMs", durationMs);
            out.writeEndObject();
        });
    }

    /** Deletes what the query matches, in batches, as a background operation the client polls. */
    private void deleteByQuery(Exchange ex, Database db) throws Exception {
        CollectionQuery query = parse(ex);
        long operationId = db.operations().nextId();
        AtomicBoolean cancelled = new AtomicBoolean();
        db.operations().started(operationId, () -> cancelled.set(true));
        Thread.ofVirtual().name("delete-by-query-" + operationId).start(() -> {
            try {
                List<String> ids = db.storage().read((ReadTxn r) -> {
                    List<String> matches = new ArrayList<>();
                    QueryExecutor.execute(r, query.withoutPaging()).results().forEach(d -> matches.add(d.id()));
                    return matches;
                });
                for (int from = 0; from < ids.size() && !cancelled.get(); from += DELETE_BATCH) {
                    List<BatchCommand> deletes = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH)).stream()
                            .<BatchCommand>map(id -> new BatchCommand.Delete(id, ExpectedChangeVector.ANY)).toList();
                    db.documents().batch(deletes, List.of());
                }
                ObjectNode result = Json.object();
                result.put("$type", "Raven.Client.Documents.Operations.BulkOperationResult, Raven.Client");
                result.put("Total", ids.size());
                result.putArray("Details");
                db.operations().completed(operationId, result);
            } catch (CorvidException e) {
                db.operations().faulted(operationId, e);
            } catch (RuntimeException e) {
                db.operations().faulted(operationId, new CorvidException(ErrorCode.INTERNAL, e.getMessage(), e));
            }
        });
        ObjectNode body = Json.object();
        body.put("OperationId", operationId);
        body.put("OperationNodeTag", ServerRoutes.NODE_TAG);
        ex.json(200, body);
    }
}
