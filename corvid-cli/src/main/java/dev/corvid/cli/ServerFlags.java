package dev.corvid.cli;

import dev.corvid.server.ServerOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;

/** The options of every command that starts a server: where it listens and where it keeps its data. */
final class ServerFlags {
    @Option(names = "--port", paramLabel = "PORT", converter = PortConverter.class,
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = ServerOptions.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String bindAddress = ServerOptions.DEFAULT_BIND;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding the databases; created when missing (default: ${DEFAULT-VALUE}).")
    Path dataDir = ServerOptions.DEFAULT_DATA_DIR;

    /** These flags as server options; {@code publicUrl} empty means derived from address and port. */
    ServerOptions toServerOptions(String publicUrl) {
        return new ServerOptions(bindAddress, port, dataDir, publicUrl);
    }

    /** Accepts 0 to 65535 and says so when given anything else. */
    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value.strip());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below, with the accepted range
            }
            throw new TypeConversionException("'" + value + "' is not a port number (0 to 65535)");
        }
    }
}
