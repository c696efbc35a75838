package dev.corvid.server.etl.load.raven;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Loads a batch into another Corvid or RavenDB database as one transactional {@code bulk_docs}
 * request; attachment contents travel as multipart parts.
 */
final class RavenSink implements EtlSink<RavenItem> {
    private final RavenDestinationClient client;

    RavenSink(RavenDestinationClient client) {
        this.client = client;
    }

    @Override
    public String load(List<RavenItem> items, Checkpoint upTo) {
        List<byte[]> attachments = new ArrayList<>();
        ByteArrayOutputStream json = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(json)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Commands");
            for (RavenItem item : items) {
                for (ObjectNode command : item.commands()) {
                    out.writeTree(command);
                }
                attachments.addAll(item.attachments());
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (attachments.isEmpty()) {
            return client.postBatch(json.toByteArray(), "application/json; charset=utf-8");
        }
        String boundary = "corvid-" + UUID.randomUUID();
        return client.postBatch(multipart(boundary, json.toByteArray(), attachments), "multipart/form-data; boundary=" + boundary);
    }

    static byte[] multipart(String boundary, byte[] main, List<byte[]> attachments) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(main.length + 1024);
        part(body, boundary, "Content-Disposition: form-data; name=\"main\"\r\nContent-Type: application/json", main);
        for (int i = 0; i < attachments.size(); i++) {
            part(body, boundary, "Command-Type: AttachmentStream\r\nContent-Disposition: form-data; name=\"attachment"
                    + (i + 1) + "\"\r\nContent-Type: application/octet-stream", attachments.get(i));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return body.toByteArray();
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        client.close();
    }
}
