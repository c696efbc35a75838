package dev.corvid.server.etl.load.raven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.transform.AttachmentReference;
import dev.corvid.server.etl.transform.EtlScript;
import dev.corvid.server.etl.transform.LoadedItem;
import dev.corvid.server.etl.transform.ScriptRunner;
import dev.corvid.server.etl.transform.TransformOutcome;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Attachment;
import dev.corvid.server.storage.AttachmentInfo;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.Metadata;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns source documents and tombstones into the destination batch commands of ETL.md §5.2.
 *
 * <p>Empty script: the document is copied as is, same id and collection, with all its attachments,
 * without touching the JavaScript engine. Otherwise each {@code loadTo} becomes a PUT: to the source
 * id for the document's own collection, under {@code {id}/{prefix}/} for other collections, after a
 * delete by that prefix so an update never leaves older documents behind.
 */
final class RavenTransformer implements EtlTransformer<RavenItem> {
    static final Duration SCRIPT_TIME_LIMIT = Duration.ofSeconds(5);

    private final EtlScript script;
    private final ScriptRunner runner;

    RavenTransformer(Transformation transformation, EtlScript script) {
        this.script = script;
        this.runner = transformation.script().isBlank() ? null : new ScriptRunner(script, SCRIPT_TIME_LIMIT);
    }

    @Override
    public TransformedItem<RavenItem> transform(ChangeEntry entry, ReadTxn snapshot) {
        return switch (entry) {
            case StoredDocument document -> script.isEmpty() ? copy(document, snapshot) : scripted(document, snapshot);
            case Tombstone tombstone -> delete(tombstone, snapshot);
        };
    }

    private TransformedItem<RavenItem> copy(StoredDocument document, ReadTxn snapshot) {
        List<ObjectNode> commands = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        commands.add(RavenCommands.putCopy(document.id(), document.json(), document.collection()));
        if (document.hasAttachments()) {
            for (String name : attachmentNames(document)) {
                Optional<Attachment> attachment = snapshot.attachment(document.id(), name);
                if (attachment.isPresent()) {
                    commands.add(RavenCommands.putAttachment(document.id(), name, attachment.get().info().contentType()));
                    contents.add(attachment.get().content());
                }
            }
        }
        RavenItem item = new RavenItem(commands, contents);
        return new TransformedItem.Loaded<>(item, document.json().length + contentBytes(contents), List.of());
    }

    private static List<String> attachmentNames(StoredDocument document) {
        List<String> names = new ArrayList<>();
        Json.parseStored(document.json()).path(Metadata.KEY).path(Metadata.ATTACHMENTS)
                .forEach(a -> names.add(a.path("Name").asText()));
        return names;
    }

    private static long contentBytes(List<byte[]> contents) {
        return contents.stream().mapToLong(c -> c.length).sum();
    }

    private TransformedItem<RavenItem> scripted(StoredDocument document, ReadTxn snapshot) {
        TransformOutcome outcome = runner.transform(document, snapshot::get);
        return switch (outcome) {
            case TransformOutcome.Failed failed ->
                    new TransformedItem.Failed<>(failed.documentId(), failed.error(), failed.output());
            case TransformOutcome.Loaded loaded -> commandsFor(document, loaded, snapshot);
        };
    }

    private TransformedItem<RavenItem> commandsFor(StoredDocument document, TransformOutcome.Loaded loaded, ReadTxn snapshot) {
        List<ObjectNode> commands = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        boolean loadedToOwnCollection = loaded.items().stream().anyMatch(i -> isOwn(i.target(), document.collection()));
        for (String target : script.targets()) {
            if (isOwn(target, document.collection())) {
                if (!loadedToOwnCollection
                        && runner.shouldPropagateDelete(document.id(), document.collection(), false, snapshot::get)) {
                    // filtered out now: remove what an earlier version of the document loaded
                    commands.add(RavenCommands.delete(document.id()));
                }
            } else {
                commands.add(RavenCommands.deletePrefixed(prefixOf(document.id(), target)));
            }
        }
        int ordinal = 0;
        for (LoadedItem item : loaded.items()) {
            ordinal++;
            boolean own = isOwn(item.target(), document.collection());
            String id = own ? document.id()
                    : item.attachments().isEmpty() ? prefixOf(document.id(), item.target())
                    : prefixOf(document.id(), item.target()) + ordinal;
            commands.add(RavenCommands.putEmitted(id, item.json(), item.target())
                    .orElseGet(() -> RavenCommands.put(id, RavenCommands.prepare(item.document(), item.target(), own), true)));
            for (AttachmentReference reference : item.attachments()) {
                Optional<Attachment> attachment = snapshot.attachment(document.id(), reference.sourceName());
                if (attachment.isPresent()) {
                    AttachmentInfo info = attachment.get().info();
                    commands.add(RavenCommands.putAttachment(id, reference.destinationName(), info.contentType()));
                    contents.add(attachment.get().content());
                }
            }
        }
        if (loaded.items().isEmpty() && commands.isEmpty()) {
            return new TransformedItem.FilteredOut<>(loaded.output());
        }
        RavenItem item = new RavenItem(commands, contents);
        return new TransformedItem.Loaded<>(item, loaded.size() + 64L * commands.size() + contentBytes(contents), loaded.output());
    }

    private TransformedItem<RavenItem> delete(Tombstone tombstone, ReadTxn snapshot) {
        if (runner != null && !runner.shouldPropagateDelete(tombstone.id(), tombstone.collection(), snapshot::get)) {
            return new TransformedItem.FilteredOut<>(List.of());
        }
        List<ObjectNode> commands = new ArrayList<>();
        if (script.isEmpty()) {
            commands.add(RavenCommands.delete(tombstone.id()));
        } else {
            for (String target : script.targets()) {
                commands.add(isOwn(target, tombstone.collection())
                        ? RavenCommands.delete(tombstone.id())
                        : RavenCommands.deletePrefixed(prefixOf(tombstone.id(), target)));
            }
        }
        if (commands.isEmpty()) {
            return new TransformedItem.FilteredOut<>(List.of());
        }
        return new TransformedItem.Loaded<>(new RavenItem(commands, List.of()), 64L * commands.size(), List.of());
    }

    private static boolean isOwn(String target, String collection) {
        return target.equalsIgnoreCase(collection);
    }

    static String prefixOf(String sourceId, String collection) {
        return sourceId + "/" + RavenCommands.collectionPrefix(collection) + "/";
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
