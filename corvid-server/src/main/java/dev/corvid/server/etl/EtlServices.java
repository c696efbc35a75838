package dev.corvid.server.etl;

import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.DatabaseListener;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ETL of every open database, following databases as they are opened, created and deleted. */
public final class EtlServices implements DatabaseListener, AutoCloseable {
    private final Clock clock;
    private final Map<String, DatabaseEtl> byDatabase = new ConcurrentHashMap<>();

    public EtlServices(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void opened(Database database) {
        byDatabase.put(database.name().toLowerCase(Locale.ROOT), new DatabaseEtl(database.name(), database.storage(), clock));
    }

    @Override
    public void closing(Database database) {
        DatabaseEtl etl = byDatabase.remove(database.name().toLowerCase(Locale.ROOT));
        if (etl != null) {
            etl.close();
        }
    }

    public DatabaseEtl of(Database database) {
        DatabaseEtl etl = byDatabase.get(database.name().toLowerCase(Locale.ROOT));
        if (etl == null) {
            throw new IllegalStateException("ETL of database '" + database.name() + "' is not running");
        }
        return etl;
    }

    @Override
    public void close() {
        byDatabase.values().forEach(DatabaseEtl::close);
        byDatabase.clear();
    }
}
