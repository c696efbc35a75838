package dev.corvid.server;

import dev.corvid.server.documents.DatabaseRegistry;
import dev.corvid.server.etl.EtlServices;
import dev.corvid.server.http.HttpServer;
import dev.corvid.server.http.Router;
import dev.corvid.server.http.routes.AttachmentRoutes;
import dev.corvid.server.http.routes.BulkInsertRoute;
import dev.corvid.server.http.routes.DocumentRoutes;
import dev.corvid.server.http.routes.EtlRoutes;
import dev.corvid.server.http.routes.OperationRoutes;
import dev.corvid.server.http.routes.QueryRoutes;
import dev.corvid.server.http.routes.ServerRoutes;
import dev.corvid.server.http.routes.StatsRoutes;
import dev.corvid.server.http.routes.StudioRoutes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Corvid server: the databases under one data folder, served over RavenDB's HTTP protocol.
 * {@link #close()} stops HTTP first, then closes every database durably.
 */
public final class CorvidServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CorvidServer.class);

    private final ServerOptions options;
    private final DatabaseRegistry databases;
    private final EtlServices etl;
    private final HttpServer http;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile String url;

    private CorvidServer(ServerOptions options) {
        this.options = options;
        this.databases = new DatabaseRegistry(options.dataDir(), Clock.systemUTC());
        this.etl = new EtlServices(Clock.systemUTC());
        databases.addListener(etl);
        Router router = new Router(databases);
        new ServerRoutes(databases, etl, this::url).register(router);
        new EtlRoutes(etl, this::url).register(router);
        new DocumentRoutes().register(router);
        new AttachmentRoutes().register(router);
        new BulkInsertRoute().register(router);
        new QueryRoutes().register(router);
        new StatsRoutes().register(router);
        new OperationRoutes().register(router);
        new StudioRoutes().register(router);
        this.http = new HttpServer(options.bindAddress(), options.port(), router);
    }

    /** Opens the data folder and starts listening; throws {@link CorvidException} with a readable message on failure. */
    public static CorvidServer start(ServerOptions options) {
        CorvidServer server = new CorvidServer(options);
        try {
            server.http.start();
        } catch (RuntimeException e) {
            server.databases.close();
            throw e;
        }
        server.url = options.publicUrl().isEmpty()
                ? "http://" + hostForUrl(options.bindAddress()) + ":" + server.http.port()
                : stripSlash(options.publicUrl());
        LOG.debug("Corvid listening on {} (data: {})", server.url, options.dataDir().toAbsolutePath());
        return server;
    }

    private static String hostForUrl(String bind) {
        if (bind.equals("0.0.0.0") || bind.equals("::")) {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String url() {
        return url;
    }

    public Path dataDir() {
        return options.dataDir();
    }

    public DatabaseRegistry databases() {
        return databases;
    }

    public void join() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            http.close();
            databases.close();
            LOG.debug("Corvid stopped");
        } finally {
            closed.countDown();
        }
    }
}
