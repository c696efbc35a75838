package dev.corvid.server.etl.load.raven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The batch commands one source item turns into (client batch-command JSON), in order, plus the
 * contents of its AttachmentPUT commands in the same order.
 */
public record RavenItem(List<ObjectNode> commands, List<byte[]> attachments) {
}
