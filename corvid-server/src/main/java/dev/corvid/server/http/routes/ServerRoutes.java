package dev.corvid.server.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.DatabaseRegistry;
import dev.corvid.server.etl.EtlDefinitions;
import dev.corvid.server.etl.EtlJson;
import dev.corvid.server.etl.EtlServices;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.CollectionStats;
import dev.corvid.server.storage.ReadTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Server-level routes: topology, and creating, listing and deleting databases. */
public final class ServerRoutes {
    static final String NODE_TAG = "A";
    private static final String TOPOLOGY_ID = "corvid-single-node";

    private final DatabaseRegistry registry;
    private final EtlServices etl;
    private final Supplier<String> publicUrl;

    public ServerRoutes(DatabaseRegistry registry, EtlServices etl, Supplier<String> publicUrl) {
        this.registry = registry;
        this.etl = etl;
        this.publicUrl = publicUrl;
    }

    public void register(Router router) {
        router.server("GET", "/topology", this::databaseTopology)
                .server("GET", "/cluster/topology", this::clusterTopology)
                .server("GET", "/cluster/node-info", this::nodeInfo)
                .server("GET", "/build/version", this::buildVersion)
                .server("GET", "/databases", this::listDatabases)
                .server("PUT", "/admin/databases", this::createDatabase)
                .server("DELETE", "/admin/databases", this::deleteDatabases)
                .server("GET", "/admin/databases", this::databaseRecord);
    }

    private void databaseTopology(Exchange ex) throws Exception {
        Database database = registry.get(ex.requiredParam("name"));
        ObjectNode body = Json.object();
        ObjectNode node = body.putArray("Nodes").addObject();
        node.put("Url", publicUrl.get());
        node.put("ClusterTag", NODE_TAG);
        node.put("Database", database.name());
        node.put("ServerRole", "Member");
        body.putArray("Promotables");
        body.put("Etag", 1);
        ex.json(200, body);
    }

    private void clusterTopology(Exchange ex) throws Exception {
        ObjectNode body = Json.object();
        ObjectNode topology = body.putObject("Topology");
        topology.put("TopologyId", TOPOLOGY_ID);
        topology.put("LastNodeId", NODE_TAG);
        topology.put("Etag", 1);
        topology.putObject("AllNodes").put(NODE_TAG, publicUrl.get());
        topology.putObject("Members").put(NODE_TAG, publicUrl.get());
        topology.putObject("Promotables");
        topology.putObject("Watchers");
        body.put("Etag", 1);
        body.put("Leader", NODE_TAG);
        body.put("NodeTag", NODE_TAG);
        body.put("ServerRole", "Member");
        body.putObject("Status");
        ex.json(200, body);
    }

    private void nodeInfo(Exchange ex) throws Exception {
        ObjectNode body = Json.object();
        body.put("NodeTag", NODE_TAG);
        body.put("TopologyId", TOPOLOGY_ID);
        body.put("ClusterStatus", "Leader");
        body.put("ServerRole", "Member");
        body.put("NumberOfCores", Runtime.getRuntime().availableProcessors());
        body.put("ServerSchemaVersion", 60000);
        ex.json(200, body);
    }

    private void buildVersion(Exchange ex) throws Exception {
        ObjectNode body = Json.object();
        body.put("BuildVersion", 60);
        body.put("ProductVersion", "6.0");
        body.put("CommitHash", "corvid");
        body.put("FullVersion", "6.0.105");
        ex.json(200, body);
    }

    private void listDatabases(Exchange ex) throws Exception {
        long start = Math.max(0, ex.longParam("start", 0));
        long pageSize = Math.max(0, ex.longParam("pageSize", Integer.MAX_VALUE));
        List<String> names = registry.names().stream().skip(start).limit(pageSize).toList();
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("Databases");
        if (ex.booleanParam("namesOnly")) {
            names.forEach(list::add);
        } else {
            for (String name : names) {
                registry.find(name).ifPresent(db -> list.add(info(db)));
            }
        }
        ex.json(200, body);
    }

    private static ObjectNode info(Database database) {
        CollectionStats stats = database.storage().read(ReadTxn::stats);
        ObjectNode info = Json.object();
        info.put("Name", database.name());
        info.put("Disabled", false);
        info.put("IsAdmin", true);
        info.put("DocumentsCount", stats.documents());
        info.put("CountOfAttachments", stats.attachments());
        long size = database.storage().sizeOnDisk();
        ObjectNode total = info.putObject("TotalSize");
        total.put("SizeInBytes", size);
        total.put("HumaneSize", StatsRoutes.humane(size));
        info.putArray("NodesTopology");
        return info;
    }

    private void createDatabase(Exchange ex) throws Exception {
        ObjectNode record = ex.jsonObjectBody();
        String name = ex.param("name").filter(n -> !n.isEmpty())
                .orElseGet(() -> record.path("DatabaseName").asText(""));
        if (!record.path("DatabaseName").asText(name).equalsIgnoreCase(name)) {
            throw CorvidException.badRequest("The name in the URL ('" + name + "') and DatabaseName in the record ('"
                    + record.path("DatabaseName").asText() + "') differ.");
        }
        Database database = registry.create(name, record);
        ObjectNode body = Json.object();
        body.put("RaftCommandIndex", registry.nextRaftIndex());
        body.put("Name", database.name());
        ObjectNode topology = body.putObject("Topology");
        topology.putArray("Members").add(NODE_TAG);
        topology.putArray("Promotables");
        topology.putArray("Rehabs");
        topology.put("ReplicationFactor", 1);
        body.putArray("NodesAddedTo").add(publicUrl.get());
        body.put("ShardsDefined", false);
        ex.json(201, body);
    }

    private void deleteDatabases(Exchange ex) throws Exception {
        List<String> names = new ArrayList<>();
        ex.params("name").stream().filter(n -> !n.isEmpty()).forEach(names::add);
        if (names.isEmpty()) {
            JsonNode body = ex.jsonBody();
            JsonNode list = body.path("DatabaseNames");
            if (!list.isArray() || list.isEmpty()) {
                throw CorvidException.badRequest("DatabaseNames must list at least one database.");
            }
            list.forEach(n -> names.add(n.asText()));
        }
        for (String name : names) {
            registry.get(name);
        }
        names.forEach(registry::delete);
        ObjectNode body = Json.object();
        body.put("RaftCommandIndex", registry.nextRaftIndex());
        body.putArray("PendingDeletes");
        ex.json(200, body);
    }

    private void databaseRecord(Exchange ex) throws Exception {
        var database = registry.find(ex.requiredParam("name"));
        if (database.isEmpty()) {
            ex.empty(404);
            return;
        }
        ObjectNode record = database.get().record();
        EtlDefinitions definitions = etl.of(database.get()).management().definitions();
        ObjectNode ravenConnectionStrings = record.putObject("RavenConnectionStrings");
        definitions.ravenConnectionStrings().values().forEach(c -> ravenConnectionStrings.set(c.name(), EtlRoutes.connectionStringJson(c)));
        ObjectNode sqlConnectionStrings = record.putObject("SqlConnectionStrings");
        definitions.sqlConnectionStrings().values().forEach(c -> sqlConnectionStrings.set(c.name(), EtlRoutes.connectionStringJson(c)));
        ArrayNode ravenEtls = record.putArray("RavenEtls");
        definitions.ravenEtls().forEach(t -> ravenEtls.add(EtlJson.write(t)));
        ArrayNode sqlEtls = record.putArray("SqlEtls");
        definitions.sqlEtls().forEach(t -> sqlEtls.add(EtlJson.write(t)));
        record.put("Etag", database.get().storage().read(ReadTxn::lastEtag));
        ex.json(200, record);
    }
}
