package dev.corvid.cli;

import dev.corvid.cli.demo.DemoClient;
import dev.corvid.cli.demo.EtlScriptProgress;
import dev.corvid.cli.demo.FirstRunWatch.FirstRun;
import dev.corvid.cli.demo.HelpdeskEtl;
import dev.corvid.cli.demo.HelpdeskSetup;
import dev.corvid.cli.demo.ReportingEtl;
import dev.corvid.cli.demo.ReportingSetup;
import dev.corvid.cli.demo.ReportingSetup.CompanyRevenue;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code corvid demo}: starts a server, fills a {@code shop} database with sample data over the
 * RavenDB protocol (only when it holds no documents yet, so the demo can be run again), adds an ETL
 * task that keeps a redacted, reshaped copy in {@code helpdesk} (only when it does not exist yet) and
 * shows its first full run, does the same for an SQL ETL task into an SQLite file (tables created by
 * the demo) and prints a report read back from it, shows how to connect, and serves until stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Corvid.Version.class,
        description = {"Starts a server with a sample 'shop' database and shows how to connect.", "",
                "The sample companies, employees, products and orders are loaded over the RavenDB protocol. "
                        + "When 'shop' already holds documents, they are kept as they are.", "",
                "An ongoing ETL task, 'shop to helpdesk', then copies employees without salary, home address "
                        + "or notes, and order summaries with their lines, into a 'helpdesk' database, and keeps "
                        + "copying changes while the server runs.", "",
                "An SQL ETL task, 'shop to reporting', writes every order as rows of the Orders and OrderLines "
                        + "tables of an SQLite file in the data folder, and the demo prints a revenue report read "
                        + "back from it with SQL."})
final class DemoCommand implements Callable<Integer> {
    static final String DATABASE = "shop";
    static final int MAX_SCALE = 100;
    static final int REPORT_COMPANIES = 5;

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
            copyToHelpdesk(new HelpdeskSetup(client), server.url(), out);
            copyToReporting(new ReportingSetup(client, flags.dataDir.resolve(ReportingEtl.FILE_NAME)), server.url(), out);
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

    private static void copyToHelpdesk(HelpdeskSetup helpdesk, String url, PrintWriter out) throws InterruptedException {
        out.println();
        out.printf(Locale.ROOT, "Setting up ETL from '%s' to the database '%s'...%n", DATABASE, HelpdeskEtl.DESTINATION_DATABASE);
        out.flush();
        if (helpdesk.ensureTask(DATABASE, URI.create(url))) {
            out.printf(Locale.ROOT, "Added the ETL task '%s' to '%s'. It copies into '%s':%n",
                    HelpdeskEtl.TASK_NAME, DATABASE, HelpdeskEtl.DESTINATION_DATABASE);
            out.println("  Employees  names, titles and hire dates; no salary, home address or notes");
            out.println("  Orders     a summary of each order (company, date, total, ship-to city) and its lines");
        }
        FirstRun run = followFirstRun(HelpdeskEtl.TASK_NAME, HelpdeskEtl.DESTINATION_DATABASE, helpdesk.progress(DATABASE),
                progress -> helpdesk.awaitFirstRun(DATABASE, progress), out);
        if (run instanceof FirstRun.Completed completed) {
            printCopied(helpdesk.destinationCounts(), completed, url, out);
        }
    }

    private static void copyToReporting(ReportingSetup reporting, String url, PrintWriter out) throws InterruptedException {
        out.println();
        out.printf(Locale.ROOT, "Setting up SQL ETL from '%s' to the SQLite file %s...%n", DATABASE, reporting.file());
        out.flush();
        if (reporting.ensureTask(DATABASE)) {
            out.printf(Locale.ROOT, "Added the SQL ETL task '%s' to '%s'. It writes each order as rows of two tables:%n",
                    ReportingEtl.TASK_NAME, DATABASE);
            out.println("  Orders      one row per order: company, employee, date, ship-to country, freight");
            out.println("  OrderLines  one row per order line: product, quantity, price, discount, line total");
        }
        FirstRun run = followFirstRun(ReportingEtl.TASK_NAME, reporting.file().toString(), reporting.progress(DATABASE),
                progress -> reporting.awaitFirstRun(DATABASE, progress), out);
        if (run instanceof FirstRun.Completed completed) {
            List<Long> rows = reporting.rowCounts();
            out.printf(Locale.ROOT, "The reporting tables hold %,d Orders rows and %,d OrderLines rows.%n", rows.get(0), rows.get(1));
            printFailed(completed, url, out);
            printReport(reporting.revenueByCompany(REPORT_COMPANIES), out);
        }
    }

    /** Waits for one task's first full run with a progress bar, unless it is complete already, and says how a run that did not complete ended. */
    private static FirstRun followFirstRun(String taskName, String destination, List<EtlScriptProgress> current,
                                           FirstRunAwaiter awaiter, PrintWriter out) throws InterruptedException {
        if (current.stream().allMatch(EtlScriptProgress::completed)) {
            out.printf(Locale.ROOT, "The task '%s' is up to date.%n", taskName);
            return new FirstRun.Completed(current);
        }
        long documents = current.stream().mapToLong(EtlScriptProgress::totalDocuments).sum();
        FirstRun run;
        try (Progress progress = Progress.onConsole("Running '" + taskName + "'", documents, "documents", out)) {
            run = awaiter.await(progress);
            if (run instanceof FirstRun.Completed) {
                progress.finish();
            }
        }
        switch (run) {
            case FirstRun.Completed completed -> {
            }
            case FirstRun.Stopped stopped -> out.printf(Locale.ROOT,
                    "The ETL task '%s' stopped before copying everything: %s. Corvid keeps serving; "
                            + "%s holds what was copied so far.%n",
                    taskName, describeStopped(stopped.scripts()), destination);
            case FirstRun.Stalled stalled -> out.printf(Locale.ROOT,
                    "The ETL task '%s' processed no document for %d minutes; %,d documents are left.%s "
                            + "Corvid keeps serving, and the task keeps trying.%n",
                    taskName, stalled.limit().toMinutes(),
                    stalled.scripts().stream().mapToLong(EtlScriptProgress::documentsToProcess).sum(),
                    lastErrors(stalled.scripts()));
        }
        return run;
    }

    @FunctionalInterface
    private interface FirstRunAwaiter {
        FirstRun await(Progress progress) throws InterruptedException;
    }

    private static void printCopied(Map<String, Long> counts, FirstRun.Completed run, String url, PrintWriter out) {
        List<String> copied = new ArrayList<>();
        for (String collection : HelpdeskEtl.DESTINATION_COLLECTIONS) {
            copied.add(String.format(Locale.ROOT, "%,d %s", counts.getOrDefault(collection, 0L), collection));
        }
        out.printf(Locale.ROOT, "'%s' holds %s and %s.%n", HelpdeskEtl.DESTINATION_DATABASE,
                String.join(", ", copied.subList(0, copied.size() - 1)), copied.getLast());
        printFailed(run, url, out);
        out.printf(Locale.ROOT, "The task stays live: a change to an employee or an order in '%s' shows in '%s' at once.%n",
                DATABASE, HelpdeskEtl.DESTINATION_DATABASE);
    }

    private static void printFailed(FirstRun.Completed run, String url, PrintWriter out) {
        long failed = run.scripts().stream().mapToLong(EtlScriptProgress::scriptErrors).sum();
        if (failed > 0) {
            out.printf(Locale.ROOT, "%,d documents failed a script and were skipped; %s/databases/%s/etl/errors says why.%n",
                    failed, url, DATABASE);
        }
    }

    private static void printReport(List<CompanyRevenue> report, PrintWriter out) {
        out.println();
        out.println("Revenue per company, read back from the reporting tables with SQL:");
        out.println();
        for (String line : ReportingEtl.REVENUE_BY_COMPANY.replace("?", String.valueOf(REPORT_COMPANIES)).split("\n")) {
            out.println("    " + line);
        }
        out.println();
        int nameWidth = Math.max("Company".length(),
                report.stream().mapToInt(row -> String.valueOf(row.company()).length()).max().orElse(0));
        String format = "    %-" + nameWidth + "s  %7s  %7s  %14s%n";
        out.printf(Locale.ROOT, format, "Company", "Orders", "Units", "Revenue");
        for (CompanyRevenue row : report) {
            out.printf(Locale.ROOT, format, row.company(), String.format(Locale.ROOT, "%,d", row.orders()),
                    String.format(Locale.ROOT, "%,d", row.units()), String.format(Locale.ROOT, "%,.2f", row.revenue()));
        }
        out.println("The task stays live too: a changed order is rewritten in both tables, a deleted one removed.");
        out.println("The file is an ordinary SQLite database; any SQLite tool can query it.");
    }

    private static String describeStopped(List<EtlScriptProgress> scripts) {
        List<String> reasons = new ArrayList<>();
        for (EtlScriptProgress script : scripts) {
            if (script.disabled()) {
                reasons.add("script '" + script.transformationName() + "' is disabled");
            } else if (script.stopped()) {
                reasons.add("script '" + script.transformationName() + "' failed: "
                        + script.lastError().orElse("(no error message)"));
            }
        }
        return String.join("; ", reasons);
    }

    private static String lastErrors(List<EtlScriptProgress> scripts) {
        List<String> errors = new ArrayList<>();
        for (EtlScriptProgress script : scripts) {
            script.lastError().ifPresent(error -> errors.add("'" + script.transformationName() + "': " + error));
        }
        return errors.isEmpty() ? "" : " Last error of " + String.join("; of ", errors) + ".";
    }

    private static void printHowToConnect(DemoClient client, String url, PrintWriter out) {
        out.println();
        if (client.answersOk("/studio")) {
            String studio = url + "/studio/databases/";
            out.println("Studio:  " + url + "/studio");
            out.println();
            out.println("To watch the ETL, edit an employee in '" + DATABASE + "', then look at its copy in '"
                    + HelpdeskEtl.DESTINATION_DATABASE + "':");
            out.println("    " + studio + DATABASE + "/documents/edit?id=employees/1-A");
            out.println("    " + studio + HelpdeskEtl.DESTINATION_DATABASE + "/documents/edit?id=employees/1-A");
            out.println("The tasks' progress, and their scripts under 'Edit task':");
            out.println("    " + studio + DATABASE + "/settings/ongoing-tasks/details?name="
                    + HelpdeskEtl.TASK_NAME.replace(" ", "%20"));
            out.println("    " + studio + DATABASE + "/settings/ongoing-tasks/details?name="
                    + ReportingEtl.TASK_NAME.replace(" ", "%20"));
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
