package dev.corvid.cli;

import dev.corvid.cli.demo.DemoClient;
import dev.corvid.cli.demo.ShopDataGenerator;
import dev.corvid.cli.demo.ShopDataGenerator.Counts;
import dev.corvid.cli.demo.ShopSeeder;
import dev.corvid.server.CorvidServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code corvid demo}: starts a server, fills a {@code shop} database with sample data over the
 * RavenDB protocol (only when it holds no documents yet, so the demo can be run again), shows how to
 * connect, and serves until stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Corvid.Version.class,
        description = {"Starts a server with a sample 'shop' database and shows how to connect.", "",
                "The sample companies, employees, products and orders are loaded over the RavenDB protocol. "
                        + "When 'shop' already holds documents, they are kept as they are."})
final class DemoCommand implements Callable<Integer> {
    static final String DATABASE = "shop";
    static final int MAX_SCALE = 100;

    @Mixin
    ServerFlags flags;

    @Spec
    CommandSpec spec;

    int countScale = 1;

    @Option(names = "--count-scale", paramLabel = "N",
            description = "Multiplies the sample data, 1 to " + MAX_SCALE
                    + ": N × (800 companies, 60 employees, 400 products, 5,000 orders) (default: 1).")
    void countScale(int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new ParameterException(spec.commandLine(),
                    "--count-scale must be between 1 and " + MAX_SCALE + ", was " + scale);
        }
        this.countScale = scale;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CorvidServer server = ServerLauncher.start(flags.toServerOptions(""), out);
        try {
            DemoClient client = new DemoClient(URI.create(server.url()));
            seed(new ShopSeeder(client), out);
            printHowToConnect(client, server.url(), out);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        server.join();
        return 0;
    }

    private void seed(ShopSeeder seeder, PrintWriter out) {
        long existing = seeder.existingDocuments(DATABASE);
        if (existing > 0) {
            out.printf(Locale.ROOT, "Database '%s' already holds %,d documents; keeping them.%n", DATABASE, existing);
            return;
        }
        ShopDataGenerator generator = new ShopDataGenerator(ShopDataGenerator.DEFAULT_SEED, Counts.forScale(countScale));
        Counts counts = generator.counts();
        out.printf(Locale.ROOT, "Loading sample data into '%s': %,d companies, %,d employees, %,d products, %,d orders.%n",
                DATABASE, counts.companies(), counts.employees(), counts.products(), counts.orders());
        try (Progress progress = Progress.onConsole("Loading " + DATABASE, counts.totalDocuments(), "documents", out)) {
            seeder.load(DATABASE, generator.documents(), progress);
            progress.finish();
        }
    }

    private static void printHowToConnect(DemoClient client, String url, PrintWriter out) {
        out.println();
        if (client.answersOk("/studio")) {
            out.println("Studio:  " + url + "/studio");
            out.println();
        }
        out.println("From Java, with the official RavenDB client (net.ravendb:ravendb:6.0.2):");
        out.println();
        out.println("    try (IDocumentStore store = new DocumentStore(new String[]{\"" + url + "\"}, \"" + DATABASE + "\")) {");
        out.println("        store.initialize();");
        out.println("        try (IDocumentSession session = store.openSession()) {");
        out.println("            ObjectNode order = session.load(ObjectNode.class, \"orders/1-A\");");
        out.println("            System.out.println(order.get(\"Lines\"));");
        out.println("        }");
        out.println("    }");
        out.println();
        out.println("Serving until Ctrl-C.");
        out.flush();
    }
}
