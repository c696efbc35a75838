package dev.corvid.cli;

import dev.corvid.server.CorvidServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code corvid server}: runs a server until the process is stopped. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = Corvid.Version.class,
        description = {"Runs a Corvid server until Ctrl-C or SIGTERM.", "",
                "Stopping it closes every database cleanly."})
final class ServerCommand implements Callable<Integer> {
    @Mixin
    ServerFlags flags;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "URL that clients are told to use, when it differs from http://ADDRESS:PORT (behind a proxy, for example).")
    String publicUrl = "";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        CorvidServer server = ServerLauncher.start(flags.toServerOptions(publicUrl), spec.commandLine().getOut());
        server.join();
        return 0;
    }
}
