package dev.corvid.server.http.routes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.BatchResult;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.DocumentService;
import dev.corvid.server.documents.ExpectedChangeVector;
import dev.corvid.server.documents.HiLoService;
import dev.corvid.server.http.DocumentJson;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Document routes: load, exists, put, delete, batches, HiLo and identities. */
public final class DocumentRoutes {
    public void register(Router router) {
        router.database("GET", "/docs", this::load)
                .database("POST", "/docs", this::loadMany)
                .database("HEAD", "/docs", this::exists)
                .database("PUT", "/docs", this::put)
                .database("DELETE", "/docs", this::delete)
                .database("POST", "/bulk_docs", new BatchRoute()::handle)
                .database("GET", "/hilo/next", this::hiLoNext)
                .database("PUT", "/hilo/return", this::hiLoReturn)
                .database("POST", "/identity/next", this::identityNext)
                .database("POST", "/identity/seed", this::identitySeed);
    }

    private void load(Exchange ex, Database db) throws Exception {
        List<String> ids = ex.params("id").stream().filter(id -> !id.isEmpty()).toList();
        if (ids.isEmpty()) {
            listDocuments(ex, db);
            return;
        }
        respondLoaded(ex, db, ids);
    }

    private void loadMany(Exchange ex, Database db) throws Exception {
        JsonNode idsNode = ex.jsonObjectBody().path("Ids");
        if (!idsNode.isArray()) {
            throw CorvidException.badRequest("Body must be {\"Ids\": [ ... ]}.");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : idsNode) {
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw new CorvidException(ErrorCode.INVALID_ID, "Every entry of Ids must be a non-empty string.");
            }
            ids.add(id.asText());
        }
        respondLoaded(ex, db, ids);
    }

    private static void respondLoaded(Exchange ex, Database db, List<String> ids) throws Exception {
        DocumentService.Loaded loaded = db.documents().load(ids, ex.params("include"));
        if (ids.size() == 1 && loaded.results().get(0).isEmpty()) {
            ex.empty(404);
            return;
        }
        boolean metadataOnly = ex.booleanParam("metadataOnly");
        ex.json(200, out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("Results");
            for (Optional<StoredDocument> result : loaded.results()) {
                if (result.isPresent()) {
                    DocumentJson.write(out, result.get(), metadataOnly);
                } else {
                    out.writeNull();
                }
            }
            out.writeEndArray();
            DocumentJson.writeIncludes(out, loaded.includes());
            out.writeEndObject();
        });
    }

    /** GET /docs without ids: paged listing, by id prefix when {@code startsWith} is given. */
    private static void listDocuments(Exchange ex, Database db) throws Exception {
        long start = Math.max(0, ex.longParam("start", 0));
        long pageSize = Math.max(0, Math.min(ex.longParam("pageSize", 25), 10_000));
        String prefix = ex.param("startsWith").orElse("");
        boolean metadataOnly = ex.booleanParam("metadataOnly");
        List<StoredDocument> page = db.storage().read((ReadTxn r) -> {
            List<StoredDocument> documents = new ArrayList<>();
            long[] skipped = {0};
            r.forEachDocumentWithPrefix(prefix, d -> {
                if (skipped[0]++ < start) {
                    return true;
                }
                documents.add(d);
                return documents.size() < pageSize;
            });
            return documents;
        });
        ex.json(200, out -> writeResults(out, page, metadataOnly));
    }

    static void writeResults(JsonGenerator out, List<StoredDocument> documents, boolean metadataOnly) throws java.io.IOException {
        out.writeStartObject();
        out.writeArrayFieldStart("Results");
        for (StoredDocument document : documents) {
            DocumentJson.write(out, document, metadataOnly);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private void exists(Exchange ex, Database db) throws Exception {
        Optional<StoredDocument> document = db.documents().get(ex.requiredParam("id"));
        if (document.isEmpty()) {
            ex.empty(404);
            return;
        }
        String cv = document.get().changeVector();
        if (ex.changeVectorHeader("If-None-Match").filter(cv::equals).isPresent()) {
            ex.empty(304);
            return;
        }
        ex.setHeader("ETag", "\"" + cv + "\"");
        ex.empty(200);
    }

    private void put(Exchange ex, Database db) throws Exception {
        String id = ex.requiredParam("id");
        ObjectNode document = ex.jsonObjectBody();
        ExpectedChangeVector expected = ExpectedChangeVector.of(ex.changeVectorHeader("If-Match").orElse(null));
        StoredDocument stored = db.documents().put(id, document, expected);
        ObjectNode body = Json.object();
        body.put("Id", stored.id());
        body.put("ChangeVector", stored.changeVector());
        ex.json(201, body);
    }

    private void delete(Exchange ex, Database db) throws Exception {
        String id = ex.requiredParam("id");
        ExpectedChangeVector expected = ExpectedChangeVector.of(ex.changeVectorHeader("If-Match").orElse(null));
        db.documents().delete(id, expected);
        ex.empty(204);
    }

    private void hiLoNext(Exchange ex, Database db) throws Exception {
        String tag = ex.requiredParam("tag");
        long lastSize = Math.max(0, ex.longParam("lastBatchSize", 0));
        Optional<Instant> lastRangeAt = ex.param("lastRangeAt").filter(s -> !s.isEmpty()).flatMap(DocumentRoutes::parseDate);
        String separator = ex.param("identityPartsSeparator").filter(s -> !s.isEmpty()).orElse("/");
        HiLoService.Range range = db.hiLo().next(tag, lastSize, lastRangeAt, separator);
        ObjectNode body = Json.object();
        body.put("Prefix", range.prefix());
        body.put("Low", range.low());
        body.put("High", range.high());
        body.put("LastSize", range.size());
        body.put("ServerTag", ServerRoutes.NODE_TAG);
        body.put("LastRangeAt", Json.formatDate(range.rangeAt()));
        ex.json(200, body);
    }

    private static Optional<Instant> parseDate(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.endsWith("Z") || text.contains("+") ? text : text + "Z").toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void hiLoReturn(Exchange ex, Database db) throws Exception {
        db.hiLo().returnRange(ex.requiredParam("tag"), ex.longParam("end", 0), ex.longParam("last", 0));
        ex.empty(204);
    }

    private void identityNext(Exchange ex, Database db) throws Exception {
        ObjectNode body = Json.object();
        body.put("NewIdentityValue", db.documents().nextIdentity(ex.requiredParam("name")));
        ex.json(200, body);
    }

    private void identitySeed(Exchange ex, Database db) throws Exception {
        long value = ex.longParam("value", 0);
        ObjectNode body = Json.object();
        body.put("NewSeedValue", db.documents().seedIdentity(ex.requiredParam("name"), value, ex.booleanParam("force")));
        ex.json(200, body);
    }

    /** JSON of one batch result, in RavenDB's shape (PROTOCOL.md §5.2). */
    static ObjectNode resultJson(BatchResult result) {
        ObjectNode json = Json.object();
        switch (result) {
            case BatchResult.Put put -> {
                StoredDocument d = put.document();
                json.put("Type", "PUT");
                json.put("@id", d.id());
                json.put("@collection", d.collection());
                json.put("@change-vector", d.changeVector());
                json.put("@last-modified", Json.formatDate(d.lastModified()));
                if (d.hasAttachments()) {
                    json.put("@flags", "HasAttachments");
                }
            }
            case BatchResult.Deleted deleted -> {
                json.put("Type", "DELETE");
                json.put("Id", deleted.id());
                json.put("Deleted", deleted.deleted());
                json.put("ChangeVector", deleted.changeVector().orElse(null));
            }
            case BatchResult.DeletedPrefixed prefixed -> {
                json.put("Type", "DELETE");
                json.put("Id", prefixed.prefix());
                json.put("Deleted", prefixed.count() > 0);
                json.put("Count", prefixed.count());
            }
            case BatchResult.AttachmentPut put -> {
                json.put("Type", "AttachmentPUT");
                json.put("Id", put.documentId());
                json.put("Name", put.attachment().name());
                json.put("ChangeVector", put.documentChangeVector());
                json.put("Hash", put.attachment().hash());
                json.put("ContentType", put.attachment().contentType());
                json.put("Size", put.attachment().size());
                json.put("DocumentChangeVector", put.documentChangeVector());
            }
            case BatchResult.AttachmentDeleted deleted -> {
                json.put("Type", "AttachmentDELETE");
                json.put("@id", deleted.documentId());
                json.put("Name", deleted.name());
                json.put("DocumentChangeVector", deleted.documentChangeVector().orElse(null));
            }
        }
        return json;
    }
}
