package dev.corvid.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a Corvid server is started.
 *
 * @param bindAddress address the HTTP listener binds to, {@value #DEFAULT_BIND} by default
 * @param port        TCP port; 0 picks a free one (see {@link CorvidServer#url()})
 * @param dataDir     folder holding every database of this server
 * @param publicUrl   URL handed to clients in topologies; empty means {@code http://bindAddress:port}
 */
public record ServerOptions(String bindAddress, int port, Path dataDir, String publicUrl) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("corvid-data");

    public ServerOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(publicUrl, "publicUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
    }

    public static ServerOptions of(String bindAddress, int port, Path dataDir) {
        return new ServerOptions(bindAddress, port, dataDir, "");
    }

    public static ServerOptions defaults() {
        return of(DEFAULT_BIND, DEFAULT_PORT, DEFAULT_DATA_DIR);
    }
}
