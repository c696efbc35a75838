package dev.corvid.cli;

import dev.corvid.server.CorvidServer;
import dev.corvid.server.ServerOptions;

import java.io.PrintWriter;

/** Starts a server for a command: says where it listens, and closes it cleanly when the JVM is asked to stop. */
final class ServerLauncher {
    private ServerLauncher() {
    }

    /**
     * Starts the server, registers a shutdown hook that closes it (Ctrl-C, SIGTERM) and then prints
     * {@code Corvid stopped.}, and prints {@code Corvid listening on URL (data: DIR)}.
     *
     * @throws dev.corvid.server.CorvidException when it cannot start, e.g. because the port is in use
     */
    static CorvidServer start(ServerOptions options, PrintWriter out) {
        CorvidServer server = CorvidServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("Corvid stopped.");
            out.flush();
        }, "corvid-shutdown"));
        out.println("Corvid listening on " + server.url() + " (data: " + options.dataDir().toAbsolutePath().normalize() + ")");
        out.flush();
        return server;
    }
}
