package dev.corvid.server.etl.load.raven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopiedDocumentTest {
    @Test
    void streamsTheDocumentWithTheMetadataTheDestinationDoesNotAssign() throws Exception {
        String stored = """
                {"Name":"Ada","Price":1.10,"Big":1e2,"Nested":{"List":[1,{"a":null}],"@metadata":{"@id":"kept inside"}},
                 "@metadata":{"@collection":"Users","@id":"users/1","@change-vector":"A:1-x","@last-modified":"2026-01-01T00:00:00.0000000Z",
                   "@flags":"HasAttachments","@attachments":[{"Name":"a.txt"}],"@counters":["c"],"Raven-Clr-Type":"User"}}""";

        String copied = written(stored, "Users");
        // the fields are copied byte for byte: numbers keep their exact text

        assertThat(copied).isEqualTo("""
                {"Name":"Ada","Price":1.10,"Big":1e2,"Nested":{"List":[1,{"a":null}],"@metadata":{"@id":"kept inside"}},\
                "@metadata":{"@collection":"Users","Raven-Clr-Type":"User"}}""");
        ObjectNode tree = RavenCommands.prepare((ObjectNode) Json.MAPPER.readTree(stored), "Users", true);
        assertThat(Json.MAPPER.readTree(copied)).isEqualTo(tree);
    }

    @Test
    void addsTheCollectionWhenTheMetadataLacksItOrHasNone() throws Exception {
        assertThat(written("{\"a\":1}", "Users")).isEqualTo("{\"a\":1,\"@metadata\":{\"@collection\":\"Users\"}}");
        assertThat(written("{\"@metadata\":{\"@collection\":null,\"x\":true}}", "Users"))
                .isEqualTo("{\"@metadata\":{\"x\":true,\"@collection\":\"Users\"}}");
        assertThat(written("{\"@metadata\":\"not an object\",\"b\":2}", "Users"))
                .isEqualTo("{\"b\":2,\"@metadata\":{\"@collection\":\"Users\"}}");
    }

    @Test
    void copesWithEscapesBracketsInStringsAndSpacing() throws Exception {
        String stored = " { \"a\" : \"}]\\\"{[\" , \"b\":[ {\"c\":\"@metadata\"} ] ,\"e\":-1.5E-3,\"t\":true }";

        String copied = written(stored, "Things");

        assertThat(copied).isEqualTo("{\"a\" : \"}]\\\"{[\",\"b\":[ {\"c\":\"@metadata\"} ],\"e\":-1.5E-3,\"t\":true,"
                + "\"@metadata\":{\"@collection\":\"Things\"}}");
        assertThat(Json.MAPPER.readTree(copied).get("a").asText()).isEqualTo("}]\"{[");
    }

    @Test
    void isWrittenInPlaceOfTheDocumentOfAPutCommand() throws Exception {
        ObjectNode command = RavenCommands.putCopy("users/1", "{\"a\":1,\"@metadata\":{\"@collection\":\"Users\"}}"
                .getBytes(StandardCharsets.UTF_8), "Users");

        JsonNode parsed = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(command));

        assertThat(parsed.get("Id").asText()).isEqualTo("users/1");
        assertThat(parsed.get("Type").asText()).isEqualTo("PUT");
        assertThat(parsed.get("Document").toString()).isEqualTo("{\"a\":1,\"@metadata\":{\"@collection\":\"Users\"}}");
    }

    private static String written(String stored, String collection) throws Exception {
        return Json.MAPPER.writeValueAsString(new CopiedDocument(stored.getBytes(StandardCharsets.UTF_8), collection));
    }
}
