package dev.corvid.server.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.BatchCommand;
import dev.corvid.server.documents.BatchResult;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.ExpectedChangeVector;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Multipart;
import dev.corvid.server.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /bulk_docs}: a session's {@code saveChanges()}. The body is the command list as JSON,
 * or multipart with the JSON in the first part and attachment contents in the following parts.
 */
final class BatchRoute {
    /** Largest batch body, attachments included. */
    private static final long MAX_BATCH_BODY = 512L << 20;

    void handle(Exchange ex, Database db) throws Exception {
        String contentType = ex.contentType().orElse("");
        JsonNode body;
        List<byte[]> streams = List.of();
        if (contentType.toLowerCase().startsWith("multipart/")) {
            List<Multipart.Part> parts = Multipart.parse(ex.body(MAX_BATCH_BODY), contentType);
            if (parts.isEmpty()) {
                throw CorvidException.badRequest("Multipart batch has no parts.");
            }
            body = Json.parseInput(parts.get(0).content());
            streams = parts.subList(1, parts.size()).stream().map(Multipart.Part::content).toList();
        } else {
            body = ex.jsonBody();
        }
        List<BatchCommand> commands = parse(body);
        List<BatchResult> results = db.documents().batch(commands, streams);
        ObjectNode response = Json.object();
        var list = response.putArray("Results");
        results.forEach(r -> list.add(DocumentRoutes.resultJson(r)));
        response.put("TransactionIndex", 0);
        ex.json(201, response);
    }

    static List<BatchCommand> parse(JsonNode body) {
        JsonNode commands = body.path("Commands");
        if (!commands.isArray()) {
            throw CorvidException.badRequest("Batch body must be {\"Commands\": [ ... ]}.");
        }
        List<BatchCommand> parsed = new ArrayList<>(commands.size());
        int attachmentStreams = 0;
        for (int i = 0; i < commands.size(); i++) {
            JsonNode command = commands.get(i);
            String type = command.path("Type").asText("");
            String id = textOrNull(command, "Id");
            ExpectedChangeVector expected = ExpectedChangeVector.of(textOrNull(command, "ChangeVector"));
            BatchCommand next = switch (type) {
                case "PUT" -> {
                    JsonNode document = command.get("Document");
                    if (document == null || !document.isObject()) {
                        throw CorvidException.badRequest("Command #" + i + " (PUT " + id + ") has no Document object.");
                    }
                    yield new BatchCommand.Put(requireId(id, i, type), (ObjectNode) document, expected,
                            command.path("ReplaceAttachments").asBoolean(false));
                }
                case "DELETE" -> command.path("IdPrefixed").asBoolean(false)
                        ? new BatchCommand.DeletePrefixed(requireId(id, i, type))
                        : new BatchCommand.Delete(requireId(id, i, type), expected);
                case "AttachmentPUT" -> new BatchCommand.PutAttachment(requireId(id, i, type), requireName(command, i),
                        command.path("ContentType").asText(""), expected, attachmentStreams++);
                case "AttachmentDELETE" -> new BatchCommand.DeleteAttachment(requireId(id, i, type), requireName(command, i), expected);
                case "" -> throw CorvidException.badRequest("Command #" + i + " has no Type.");
                default -> throw CorvidException.badRequest("Command #" + i + " has Type '" + type
                        + "', which Corvid does not support yet; supported: PUT, DELETE (also IdPrefixed), AttachmentPUT, AttachmentDELETE.");
            };
            parsed.add(next);
        }
        return parsed;
    }

    private static String textOrNull(JsonNode command, String field) {
        JsonNode value = command.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String requireId(String id, int index, String type) {
        if (id == null || id.isBlank()) {
            throw new CorvidException(ErrorCode.INVALID_ID, "Command #" + index + " (" + type + ") has no Id.");
        }
        return id;
    }

    private static String requireName(JsonNode command, int index) {
        String name = textOrNull(command, "Name");
        if (name == null || name.isBlank()) {
            throw CorvidException.badRequest("Command #" + index + " has no attachment Name.");
        }
        return name;
    }
}
