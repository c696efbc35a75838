package dev.corvid.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Corvid server in a child JVM on loopback, started with {@code corvid server}. The data
 * folder outlives the process so a test can kill it and start another on the same data.
 */
public final class CorvidProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;

    private CorvidProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + port + ".log");
    }

    /** Starts a server on a free port with a new data folder under {@code parent}. */
    public static CorvidProcess start(Path parent) throws Exception {
        return start(Files.createTempDirectory(parent, "data"), freePort());
    }

    public static CorvidProcess start(Path dataDir, int port) throws Exception {
        CorvidProcess server = new CorvidProcess(dataDir, port);
        server.launch();
        return server;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--") || arg.startsWith("-XX:+Enable") || arg.startsWith("-XX:+Unlock")) {
                command.add(arg);
            }
        }
        // a fixed heap, as a database server is run: left to grow and shrink, G1 shrank it to 230 MB
        // under the SQL ETL benchmark and spent three times the CPU collecting
        command.add("-Xms512m");
        command.add("-Xmx512m");
        // e.g. -Dcorvid.server.jvmArgs=-XX:StartFlightRecording=filename=server.jfr to profile the server of a benchmark
        String extra = System.getProperty("corvid.server.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.corvid.cli.Corvid");
        command.addAll(List.of("server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--data-dir", dataDir.toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Corvid exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/databases"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Corvid did not answer GET /databases within 60 s; log:\n" + Files.readString(log));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The operating-system process id of the running server. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** kill -9: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** Starts a new process on the same data folder and port. */
    public CorvidProcess restart() throws Exception {
        if (isAlive()) {
            stop();
        }
        launch();
        return this;
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        if (isAlive()) {
            stop();
        }
    }
}
