package dev.corvid.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ServerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = Corvid.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));

    @Test
    void aPortInUseIsReportedInOneLineWithExitCodeOne(@TempDir Path dataDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    commandLine.execute("server", "--port", port, "--data-dir", dataDir.toString()));

            assertThat(exitCode).isEqualTo(Corvid.EXIT_FAILED);
            assertThat(err.toString()).startsWith("corvid: ").contains(port).doesNotContain("\tat ").hasLineCount(1);
            assertThat(out.toString()).isEmpty();
        }
    }
}
