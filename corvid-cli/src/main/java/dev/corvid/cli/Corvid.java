package dev.corvid.cli;

import dev.corvid.cli.demo.DemoClientException;
import dev.corvid.server.CorvidException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * The {@code corvid} command: {@code server}, {@code demo} and {@code help}.
 *
 * <p>Exit codes: 0 on success, 1 when the command failed (the reason is printed as one line, e.g. a
 * port already in use), 2 for invalid arguments (the problem and a pointer to {@code --help}).
 */
@Command(name = "corvid", mixinStandardHelpOptions = true, versionProvider = Corvid.Version.class,
        description = "Corvid: a document database for the JVM that speaks RavenDB's HTTP protocol.",
        subcommands = {ServerCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Corvid implements Runnable {
    public static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Corvid's error handling, ready to {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new Corvid())
                .setParameterExceptionHandler(Corvid::invalidArguments)
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    if (exception instanceof CorvidException || exception instanceof DemoClientException) {
                        commandLine.getErr().println("corvid: " + exception.getMessage());
                        return EXIT_FAILED;
                    }
                    throw exception;
                });
    }

    /** Without a subcommand, shows the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int invalidArguments(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("corvid: " + exception.getMessage());
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The version from the jar's manifest; {@code development} when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Corvid.class.getPackage().getImplementationVersion();
            return new String[] {"Corvid " + (version == null ? "development" : version)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
