package dev.corvid.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corvid.cli.Progress;
import dev.corvid.cli.demo.FirstRunWatch.FirstRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HelpdeskSetupTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI SERVER_URL = URI.create("http://127.0.0.1:8080");

    private final FakeRavenServer server = new FakeRavenServer();
    private final ManualClock clock = new ManualClock();
    private final StringWriter progressOutput = new StringWriter();
    private final Progress progress = new Progress("Copying shop to helpdesk", 5060, "documents",
            new PrintWriter(progressOutput), false, clock);

    HelpdeskSetupTest() throws IOException {
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void createsTheDatabaseTheConnectionStringAndTheTask() throws Exception {
        server.on("PUT", "/admin/databases", 201, "{}")
                .on("PUT", "/databases/shop/admin/connection-strings", 200, "{\"RaftCommandIndex\":1}")
                .on("GET", "/databases/shop/tasks", 200, "{\"OngoingTasksList\":[]}")
                .on("PUT", "/databases/shop/admin/etl", 200, "{\"RaftCommandIndex\":2,\"TaskId\":1}");

        assertThat(setup(Duration.ZERO).ensureTask("shop", SERVER_URL)).isTrue();

        assertThat(server.requests()).extracting(FakeRavenServer.Request::pathAndQuery).containsExactly(
                "/admin/databases?name=helpdesk&replicationFactor=1",
                "/databases/shop/admin/connection-strings",
                "/databases/shop/tasks",
                "/databases/shop/admin/etl");
        JsonNode connectionString = JSON.readTree(server.requests().get(1).body());
        assertThat(connectionString.get("TopologyDiscoveryUrls").get(0).asText()).isEqualTo("http://127.0.0.1:8080");
        JsonNode task = JSON.readTree(server.requests().get(3).body());
        assertThat(task.get("Name").asText()).isEqualTo("shop to helpdesk");
        assertThat(task.get("Transforms").findValuesAsText("Name")).containsExactly("Employees", "Orders");
    }

    @Test
    void keepsATaskOfTheSameNameButStillPointsTheConnectionStringAtThisServer() {
        server.on("PUT", "/admin/databases", 409, "{}")
                .on("PUT", "/databases/shop/admin/connection-strings", 200, "{\"RaftCommandIndex\":1}")
                .on("GET", "/databases/shop/tasks", 200,
                        "{\"OngoingTasksList\":[{\"TaskId\":1,\"TaskName\":\"Shop to Helpdesk\",\"TaskState\":\"Enabled\"}]}");

        assertThat(setup(Duration.ZERO).ensureTask("shop", SERVER_URL)).isFalse();

        assertThat(server.requests()).extracting(FakeRavenServer.Request::method).containsExactly("PUT", "PUT", "GET");
    }

    @Test
    void advancesTheProgressUntilEveryScriptCompleted() throws Exception {
        answerProgress(progressJson(60, 5000, "RUNNING"), progressJson(0, 3000, "RUNNING"), progressJson(0, 0, "IDLE"));

        FirstRun run = setup(FirstRunWatch.POLL_INTERVAL).awaitFirstRun("shop", progress);
        progress.finish();

        assertThat(run).isInstanceOf(FirstRun.Completed.class);
        assertThat(run.scripts()).allMatch(EtlScriptProgress::completed);
        assertThat(progressOutput.toString())
                .isEqualTo("Copying shop to helpdesk: 5,060/5,060 documents (100%) in 0.4 s (12,650 documents/s)\n");
    }

    @Test
    void stopsWaitingWhenAScriptFaulted() throws Exception {
        answerProgress("""
                {"Results": [{"TaskName": "shop to helpdesk", "ProcessesProgress": [%s,
                  {"TransformationName": "Orders", "Completed": false, "Disabled": false,
                   "NumberOfDocumentsToProcess": 4000, "TotalNumberOfDocuments": 5000, "Status": "FAULTED",
                   "ScriptErrors": 0, "LastError": "ReferenceError: lines is not defined"}]}]}"""
                .formatted(scriptJson("Employees", 0, 60, "IDLE")));

        FirstRun run = setup(FirstRunWatch.POLL_INTERVAL).awaitFirstRun("shop", progress);

        assertThat(run).isInstanceOf(FirstRun.Stopped.class);
        assertThat(run.scripts().get(1).lastError()).contains("ReferenceError: lines is not defined");
        assertThat(clock.instant()).isEqualTo(ManualClock.START);
    }

    @Test
    void givesUpWhenNoDocumentWasProcessedForFiveMinutes() throws Exception {
        answerProgress(progressJson(60, 5000, "BACKING_OFF"));

        FirstRun run = setup(Duration.ofSeconds(30)).awaitFirstRun("shop", progress);

        assertThat(run).isEqualTo(new FirstRun.Stalled(run.scripts(), FirstRunWatch.STALL_LIMIT));
        assertThat(clock.instant()).isEqualTo(ManualClock.START.plus(FirstRunWatch.STALL_LIMIT));
    }

    @Test
    void waitsAsLongAsDocumentsKeepBeingProcessed() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET", "/databases/shop/etl/progress", request -> new FakeRavenServer.Response(200,
                progressJson(0, Math.max(0, 5000 - 1000L * polls.getAndIncrement()), "RUNNING")));

        // Four minutes between polls: far apart, but never five minutes without a document processed.
        FirstRun run = setup(Duration.ofMinutes(4)).awaitFirstRun("shop", progress);

        assertThat(run).isInstanceOf(FirstRun.Completed.class);
        assertThat(clock.instant()).isEqualTo(ManualClock.START.plus(Duration.ofMinutes(20)));
    }

    /** A setup whose pauses do not sleep but move the clock on by {@code step}. */
    private HelpdeskSetup setup(Duration step) {
        DemoClient client = new DemoClient(server.url());
        return new HelpdeskSetup(client, new FirstRunWatch(client, clock, duration -> {
            assertThat(duration).isEqualTo(FirstRunWatch.POLL_INTERVAL);
            clock.advance(step);
        }));
    }

    /** Answers the progress requests with {@code answers} in turn, then with the last one. */
    private void answerProgress(String... answers) {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET", "/databases/shop/etl/progress", request -> new FakeRavenServer.Response(200,
                answers[Math.min(polls.getAndIncrement(), answers.length - 1)]));
    }

    private static String progressJson(long employeesLeft, long ordersLeft, String status) {
        return """
                {"Results": [{"TaskName": "shop to helpdesk", "ProcessesProgress": [%s, %s]}]}"""
                .formatted(scriptJson("Employees", employeesLeft, 60, status), scriptJson("Orders", ordersLeft, 5000, status));
    }

    private static String scriptJson(String name, long left, long total, String status) {
        return """
                {"TransformationName":"%s","Completed":%b,"Disabled":false,"NumberOfDocumentsToProcess":%d,\
                "TotalNumberOfDocuments":%d,"Status":"%s","ScriptErrors":0}"""
                .formatted(name, left == 0, left, total, status);
    }

    /** A clock that moves only when the test moves it. */
    private static final class ManualClock implements InstantSource {
        static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
        private Instant now = START;

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }
    }
}
