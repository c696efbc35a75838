package dev.corvid.server.etl.extract;

import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the next documents and tombstones of a script's collections (or of all documents) after an
 * etag, in etag order, from one snapshot. Each collection is scanned through its own etag index and
 * the scans are merged, so other collections cost nothing.
 */
public final class Extractor {
    private Extractor() {
    }

    /**
     * Up to {@code maxItems} changes after {@code afterEtag}.
     *
     * @param collections source collections; empty means every document
     */
    public static ExtractedPage extract(ReadTxn snapshot, long afterEtag, List<String> collections, int maxItems) {
        if (collections.isEmpty()) {
            return page(snapshot, afterEtag, Optional.empty(), maxItems);
        }
        if (collections.size() == 1) {
            return page(snapshot, afterEtag, Optional.of(collections.get(0)), maxItems);
        }
        List<ChangeEntry> merged = new ArrayList<>();
        long safeUpTo = Long.MAX_VALUE;
        boolean complete = true;
        for (String collection : collections) {
            ExtractedPage page = page(snapshot, afterEtag, Optional.of(collection), maxItems);
            merged.addAll(page.items());
            if (!page.complete()) {
                // items of this collection after its last one were not read: nothing beyond it is safe
                safeUpTo = Math.min(safeUpTo, page.items().get(page.items().size() - 1).etag());
                complete = false;
            }
        }
        merged.sort(Comparator.comparingLong(ChangeEntry::etag));
        long limit = safeUpTo;
        List<ChangeEntry> items = new ArrayList<>(Math.min(merged.size(), maxItems));
        for (ChangeEntry entry : merged) {
            if (entry.etag() > limit || items.size() == maxItems) {
                complete = false;
                break;
            }
            items.add(entry);
        }
        return new ExtractedPage(items, complete);
    }

    private static ExtractedPage page(ReadTxn snapshot, long afterEtag, Optional<String> collection, int maxItems) {
        List<ChangeEntry> items = new ArrayList<>();
        boolean[] more = {false};
        snapshot.forEachChange(afterEtag, collection, entry -> {
            if (items.size() == maxItems) {
                more[0] = true;
                return false;
            }
            items.add(entry);
            return true;
        });
        return new ExtractedPage(items, !more[0]);
    }

    /**
     * Changes in etag order.
     *
     * @param complete true when no further change existed in the snapshot
     */
    public record ExtractedPage(List<ChangeEntry> items, boolean complete) {
    }
}
