package dev.corvid.cli;

import dev.corvid.server.ServerOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CorvidCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = Corvid.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));

    @Test
    void aPortThatIsNotANumberIsAClearError() {
        int exitCode = commandLine.execute("server", "--port", "eighty");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("""
                corvid: Invalid value for option '--port': 'eighty' is not a port number (0 to 65535)
                Try 'corvid server --help' for the options.
                """);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPortOutOfRangeIsAClearError() {
        int exitCode = commandLine.execute("demo", "--port", "70000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith(
                "corvid: Invalid value for option '--port': '70000' is not a port number (0 to 65535)");
    }

    @Test
    void anUnknownOptionIsAClearError() {
        int exitCode = commandLine.execute("server", "--prot", "8080");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("corvid: Unknown options: '--prot'").contains("corvid server --help");
    }

    @Test
    void theDemoScaleMustBeInRange() {
        int exitCode = commandLine.execute("demo", "--count-scale", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("corvid: --count-scale must be between 1 and 100, was 0");
    }

    @Test
    void serverOptionsDefaultToTheServersDefaults() {
        ServerCommand server = parsedSubcommand("server");

        assertThat(server.flags.toServerOptions(server.publicUrl)).isEqualTo(ServerOptions.defaults());
    }

    @Test
    void serverOptionsComeFromTheFlags() {
        ServerCommand server = parsedSubcommand("server", "--port", "9090", "--bind", "0.0.0.0",
                "--data-dir", "/var/lib/corvid", "--public-url", "https://db.example.com");

        assertThat(server.flags.toServerOptions(server.publicUrl)).isEqualTo(
                new ServerOptions("0.0.0.0", 9090, Path.of("/var/lib/corvid"), "https://db.example.com"));
    }

    @Test
    void demoTakesAPortADataFolderAndAScale() {
        DemoCommand demo = parsedSubcommand("demo", "--port", "0", "--data-dir", "demo-data", "--count-scale", "3");

        assertThat(demo.flags.toServerOptions("")).isEqualTo(ServerOptions.of("127.0.0.1", 0, Path.of("demo-data")));
        assertThat(demo.countScale).isEqualTo(3);
    }

    @Test
    void helpListsTheCommands() {
        int exitCode = commandLine.execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("server", "demo", "help");
    }

    @Test
    void noArgumentsShowTheUsage() {
        int exitCode = commandLine.execute();

        assertThat(exitCode).isZero();
        assertThat(out.toString()).startsWith("Usage: corvid");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(commandLine.execute("server", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--port", "--bind", "--data-dir", "--public-url", "(default: 8080)", "(default: corvid-data)");

        assertThat(commandLine.execute("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--count-scale");
    }

    @Test
    void showsTheVersion() {
        assertThat(commandLine.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("Corvid ");
    }

    @SuppressWarnings("unchecked")
    private <T> T parsedSubcommand(String... args) {
        ParseResult result = commandLine.parseArgs(args);
        return (T) result.subcommand().commandSpec().userObject();
    }
}
