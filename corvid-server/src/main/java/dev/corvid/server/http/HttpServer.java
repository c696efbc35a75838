package dev.corvid.server.http;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import java.io.IOException;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty 12 listener. Every request runs on its own virtual thread with plain blocking code; failures
 * become RavenDB error JSON, never a dropped connection or a stack trace.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    static final String SERVER_VERSION = "6.0.105";

    private final Server server;
    private final ServerConnector connector;

    public HttpServer(String host, int port, Router router) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("corvid-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setRequestHeaderSize(64 * 1024);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(300_000);
        server.addConnector(connector);
        server.setHandler(new Dispatcher(router));
        server.setStopTimeout(5_000);
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            throw new CorvidException(ErrorCode.INTERNAL, "Cannot listen on " + connector.getHost() + ":"
                    + connector.getPort() + ": " + e.getMessage() + " (is another server using that port?)", e);
        } catch (Exception e) {
            stopQuietly();
            throw new CorvidException(ErrorCode.INTERNAL, "Cannot start the HTTP server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("error while stopping HTTP", e);
        }
    }

    /** The one Jetty handler: dispatch, then map failures. */
    private static final class Dispatcher extends Handler.Abstract {
        private final Router router;

        Dispatcher(Router router) {
            super(InvocationType.BLOCKING);
            this.router = router;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put("Raven-Server-Version", SERVER_VERSION);
            Exchange exchange = new Exchange(request, response);
            try {
                router.dispatch(exchange);
                if (!exchange.responded()) {
                    exchange.empty(204);
                }
                callback.succeeded();
            } catch (Throwable failure) {
                respondWithError(exchange, failure, callback);
            }
            return true;
        }

        private static void respondWithError(Exchange exchange, Throwable failure, Callback callback) {
            if (exchange.committed()) {
                LOG.warn("{} {} failed after the response started: {}", exchange.method(), exchange.url(), failure.toString());
                callback.failed(failure);
                return;
            }
            try {
                exchange.resetForError();
                ErrorResponses.send(exchange, failure);
                callback.succeeded();
            } catch (Throwable secondary) {
                failure.addSuppressed(secondary);
                callback.failed(failure);
            }
        }
    }
}
