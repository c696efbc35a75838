package dev.corvid.server.etl.load.raven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import org.junit.jupiter.api.Test;

class RavenCommandsTest {
    @Test
    void anEmittedObjectWithoutMetadataGetsItsCollectionAppendedWithoutBeingParsed() throws Exception {
        ObjectNode command = RavenCommands.putEmitted("orders/1/OrderLines/", "{\"A\":1,\"B\":\"x\"}", "Order \"Lines\"").orElseThrow();

        JsonNode written = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(command));

        assertThat(written.get("Document").toString())
                .isEqualTo("{\"A\":1,\"B\":\"x\",\"@metadata\":{\"@collection\":\"Order \\\"Lines\\\"\"}}");
        assertThat(written.get("Id").asText()).isEqualTo("orders/1/OrderLines/");
        assertThat(written.get("ReplaceAttachments").asBoolean()).isTrue();
    }

    @Test
    void anEmptyObjectGetsOnlyTheMetadata() throws Exception {
        ObjectNode command = RavenCommands.putEmitted("x/1", "{}", "X").orElseThrow();

        assertThat(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(command)).get("Document").toString())
                .isEqualTo("{\"@metadata\":{\"@collection\":\"X\"}}");
    }

    @Test
    void anObjectWithMetadataOfItsOwnIsLeftToTheTreePath() {
        assertThat(RavenCommands.putEmitted("x/1", "{\"@metadata\":{\"@id\":\"y\"}}", "X")).isEmpty();
    }
}
