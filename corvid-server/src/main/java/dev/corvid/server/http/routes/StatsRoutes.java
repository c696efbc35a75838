package dev.corvid.server.http.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.documents.Database;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.CollectionStats;
import dev.corvid.server.storage.ReadTxn;
import java.util.Map;

/** Statistics, health check and client configuration. */
public final class StatsRoutes {
    public void register(Router router) {
        router.database("GET", "/stats", (ex, db) -> ex.json(200, statistics(db, false)))
                .database("GET", "/stats/detailed", (ex, db) -> ex.json(200, statistics(db, true)))
                .database("GET", "/collections/stats", this::collectionStats)
                .database("GET", "/healthcheck", (ex, db) -> ex.empty(200))
                .database("GET", "/configuration/client", this::clientConfiguration);
    }

    private static ObjectNode statistics(Database db, boolean detailed) {
        record Snapshot(CollectionStats stats, long lastEtag, String databaseId) {
        }
        Snapshot s = db.storage().read((ReadTxn r) -> new Snapshot(r.stats(), r.lastEtag(), r.databaseId()));
        ObjectNode body = Json.object();
        body.put("CountOfDocuments", s.stats().documents());
        body.put("CountOfIndexes", 0);
        body.put("CountOfRevisionDocuments", 0);
        body.put("CountOfDocumentsConflicts", 0);
        body.put("CountOfTombstones", s.stats().tombstones());
        body.put("CountOfConflicts", 0);
        body.put("CountOfAttachments", s.stats().attachments());
        body.put("CountOfUniqueAttachments", s.stats().uniqueAttachments());
        body.put("CountOfCounterEntries", 0);
        body.put("CountOfTimeSeriesSegments", 0);
        body.putArray("Indexes");
        body.put("DatabaseChangeVector", s.lastEtag() == 0 ? "" : "A:" + s.lastEtag() + "-" + s.databaseId());
        body.put("DatabaseId", s.databaseId());
        body.put("Is64Bit", true);
        body.put("Pager", "LMDB");
        body.put("LastDocEtag", s.lastEtag());
        body.put("LastDatabaseEtag", s.lastEtag());
        body.putNull("LastIndexingTime");
        long size = db.storage().sizeOnDisk();
        body.set("SizeOnDisk", size(size));
        body.set("TempBuffersSizeOnDisk", size(0));
        body.put("NumberOfTransactionMergerQueueOperations", 0);
        if (detailed) {
            body.put("CountOfIdentities", 0);
            body.put("CountOfCompareExchange", 0);
            body.put("CountOfCompareExchangeTombstones", 0);
            body.put("CountOfTimeSeriesDeletedRanges", 0);
        }
        return body;
    }

    private static ObjectNode size(long bytes) {
        ObjectNode size = Json.object();
        size.put("HumaneSize", humane(bytes));
        size.put("SizeInBytes", bytes);
        return size;
    }

    static String humane(long bytes) {
        if (bytes < 1024) {
            return bytes + " Bytes";
        }
        String[] units = {"KBytes", "MBytes", "GBytes", "TBytes"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    private void collectionStats(Exchange ex, Database db) throws Exception {
        CollectionStats stats = db.storage().read(ReadTxn::stats);
        ObjectNode body = Json.object();
        body.put("CountOfDocuments", stats.documents());
        body.put("CountOfConflicts", 0);
        ObjectNode collections = body.putObject("Collections");
        for (Map.Entry<String, Long> c : stats.documentsByCollection().entrySet()) {
            collections.put(c.getKey(), c.getValue());
        }
        ex.json(200, body);
    }

    private void clientConfiguration(Exchange ex, Database db) throws Exception {
        ObjectNode body = Json.object();
        body.put("Etag", 0);
        body.putNull("Configuration");
        ex.json(200, body);
    }
}
