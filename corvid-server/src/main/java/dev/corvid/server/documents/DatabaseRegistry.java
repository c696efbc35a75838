package dev.corvid.server.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.StorageOptions;
import dev.corvid.server.storage.WriteTxn;
import dev.corvid.server.storage.lmdb.LmdbStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases of one server, each in its own folder under {@code <data-dir>/databases}. Names are
 * case-insensitive. Creation is durable before it is acknowledged; deletion first renames the
 * folder away, so a crash midway never resurrects half a database. Thread-safe.
 */
public final class DatabaseRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRegistry.class);
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_\\-.]{1,128}");
    private static final String DELETED_PREFIX = ".deleted-";

    private final Path root;
    private final Clock clock;
    private final Map<String, Database> databases = new ConcurrentHashMap<>();
    private final AtomicLong raftIndex = new AtomicLong();
    private final Object lifecycle = new Object();
    private final java.util.List<DatabaseListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public DatabaseRegistry(Path dataDir, Clock clock) {
        this.root = dataDir.resolve("databases");
        this.clock = clock;
        try {
            Files.createDirectories(root);
            purgeDeletedFolders();
            try (Stream<Path> folders = Files.list(root)) {
                for (Path folder : folders.filter(Files::isDirectory).toList()) {
                    if (!folder.getFileName().toString().startsWith(".")) {
                        Database database = open(folder);
                        databases.put(key(database.name()), database);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data folder " + root, e);
        }
        LOG.info("{} database(s) in {}", databases.size(), root.toAbsolutePath());
    }

    /** Registers a listener and tells it about the databases already open. */
    public void addListener(DatabaseListener listener) {
        synchronized (lifecycle) {
            listeners.add(listener);
            databases.values().forEach(listener::opened);
        }
    }

    private Database open(Path folder) {
        LmdbStorage storage = LmdbStorage.open(StorageOptions.at(folder));
        Database provisional = new Database(folder.getFileName().toString(), storage, clock);
        String name = provisional.record().path("DatabaseName").asText(folder.getFileName().toString());
        return new Database(name, storage, clock);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The next index of the (single-node) configuration log, as RavenDB's Raft index. */
    public long nextRaftIndex() {
        return raftIndex.incrementAndGet();
    }

    public Optional<Database> find(String name) {
        return Optional.ofNullable(databases.get(key(name)));
    }

    public Database get(String name) {
        Database database = databases.get(key(name));
        if (database == null) {
            throw new DatabaseDoesNotExistException(name);
        }
        return database;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        databases.values().forEach(d -> names.add(d.name()));
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    public static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new CorvidException(ErrorCode.INVALID_DATABASE_NAME, "Database name must not be empty.");
        }
        if (!VALID_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new CorvidException(ErrorCode.INVALID_DATABASE_NAME, "Database name '" + name
                    + "' is not valid: use up to 128 letters, digits, '_', '-' or '.', not starting with '.'.");
        }
    }

    /** Creates a database; the record is stored durably before this returns. */
    public Database create(String name, ObjectNode record) {
        validateName(name);
        synchronized (lifecycle) {
            if (databases.containsKey(key(name))) {
                throw new CorvidException(ErrorCode.DATABASE_ALREADY_EXISTS, "Database '" + name + "' already exists!");
            }
            ObjectNode stored = record.deepCopy();
            stored.put("DatabaseName", name);
            stored.put("Disabled", false);
            Path folder = root.resolve(key(name));
            LmdbStorage storage = LmdbStorage.open(StorageOptions.at(folder));
            storage.write((WriteTxn w) -> {
                w.putSystemValue(Database.RECORD_KEY, Json.toBytes(stored));
                return null;
            });
            Database database = new Database(name, storage, clock);
            databases.put(key(name), database);
            listeners.forEach(l -> l.opened(database));
            LOG.info("created database {}", name);
            return database;
        }
    }

    /** Deletes a database and its files. Returns false when there was no such database. */
    public boolean delete(String name) {
        synchronized (lifecycle) {
            Database database = databases.remove(key(name));
            if (database == null) {
                return false;
            }
            listeners.forEach(l -> l.closing(database));
            database.close();
            Path folder = root.resolve(key(database.name()));
            Path doomed = root.resolve(DELETED_PREFIX + key(database.name()) + "-" + UUID.randomUUID());
            try {
                Files.move(folder, doomed);
                deleteRecursively(doomed);
            } catch (IOException e) {
                throw new CorvidException(ErrorCode.STORAGE_FAILURE, "Could not delete the files of '" + name + "': " + e.getMessage(), e);
            }
            LOG.info("deleted database {}", name);
            return true;
        }
    }

    private void purgeDeletedFolders() throws IOException {
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith(DELETED_PREFIX)).toList()) {
                deleteRecursively(folder);
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            databases.values().forEach(d -> listeners.forEach(l -> l.closing(d)));
            databases.values().forEach(Database::close);
            databases.clear();
        }
    }
}
