package dev.corvid.server.http.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.BatchCommand;
import dev.corvid.server.documents.BatchResult;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.ExpectedChangeVector;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Attachment;
import dev.corvid.server.storage.ReadTxn;
import java.util.List;
import java.util.Optional;

/** Attachment routes: PUT, GET, HEAD, DELETE of one attachment. */
public final class AttachmentRoutes {
    private static final long MAX_ATTACHMENT = 512L << 20;

    public void register(Router router) {
        router.database("PUT", "/attachments", this::put)
                .database("GET", "/attachments", this::get)
                .database("HEAD", "/attachments", this::head)
                .database("DELETE", "/attachments", this::delete);
    }

    private void put(Exchange ex, Database db) throws Exception {
        String id = ex.requiredParam("id");
        String name = ex.requiredParam("name");
        String contentType = ex.param("contentType").orElse("");
        ExpectedChangeVector expected = ExpectedChangeVector.of(ex.changeVectorHeader("If-Match").orElse(null));
        byte[] content = ex.body(MAX_ATTACHMENT);
        if (db.documents().get(id).isEmpty()) {
            throw new CorvidException(ErrorCode.DOCUMENT_DOES_NOT_EXIST, "Document '" + id + "' does not exist.");
        }
        BatchResult.AttachmentPut result = (BatchResult.AttachmentPut) db.documents().batch(
                List.of(new BatchCommand.PutAttachment(id, name, contentType, expected, 0)), List.of(content)).get(0);
        ObjectNode body = Json.object();
        body.put("ChangeVector", result.documentChangeVector());
        body.put("Name", result.attachment().name());
        body.put("DocumentId", result.documentId());
        body.put("ContentType", result.attachment().contentType());
        body.put("Hash", result.attachment().hash());
        body.put("Size", result.attachment().size());
        ex.json(201, body);
    }

    private Optional<Attachment> find(Exchange ex, Database db) {
        String id = ex.requiredParam("id");
        String name = ex.requiredParam("name");
        return db.storage().read((ReadTxn r) -> r.attachment(id, name));
    }

    private void get(Exchange ex, Database db) throws Exception {
        Optional<Attachment> attachment = find(ex, db);
        if (attachment.isEmpty()) {
            ex.empty(404);
            return;
        }
        Attachment a = attachment.get();
        ex.setHeader("Attachment-Hash", a.info().hash());
        ex.setHeader("Attachment-Size", Long.toString(a.info().size()));
        ex.setHeader("ETag", "\"" + a.documentChangeVector() + "\"");
        String contentType = a.info().contentType().isEmpty() ? "application/octet-stream" : a.info().contentType();
        ex.bytes(200, contentType, a.content());
    }

    private void head(Exchange ex, Database db) throws Exception {
        Optional<Attachment> attachment = find(ex, db);
        if (attachment.isEmpty()) {
            ex.empty(404);
            return;
        }
        String cv = attachment.get().documentChangeVector();
        if (ex.changeVectorHeader("If-None-Match").filter(cv::equals).isPresent()) {
            ex.empty(304);
            return;
        }
        ex.setHeader("ETag", "\"" + cv + "\"");
        ex.empty(200);
    }

    private void delete(Exchange ex, Database db) throws Exception {
        String id = ex.requiredParam("id");
        String name = ex.requiredParam("name");
        ExpectedChangeVector expected = ExpectedChangeVector.of(ex.changeVectorHeader("If-Match").orElse(null));
        db.documents().batch(List.of(new BatchCommand.DeleteAttachment(id, name, expected)), List.of());
        ex.empty(204);
    }
}
