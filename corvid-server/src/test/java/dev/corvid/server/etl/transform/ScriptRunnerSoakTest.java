package dev.corvid.server.etl.transform;

import static dev.corvid.server.etl.transform.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.server.storage.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Many documents through one runner: no leaks, no crashes, the same answers throughout. Not a benchmark. */
class ScriptRunnerSoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunnerSoakTest.class);
    private static final int DOCUMENTS = 10_000;

    @Test
    void tenThousandOrdersThroughOneRunner() {
        EtlScript script = ordersScript();
        List<StoredDocument> documents = orders(DOCUMENTS);

        int items = 0;
        TransformOutcome last = null;
        long start = System.nanoTime();
        try (ScriptRunner runner = new ScriptRunner(script)) {
            for (StoredDocument doc : documents) {
                last = runner.transform(doc, ScriptSource.NONE);
                items += loadedItems(last);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(items).isEqualTo(expectedItems(DOCUMENTS));
        LoadedItem lastOrder = ((TransformOutcome.Loaded) last).items().get(3);
        assertThat(lastOrder.document().toString())
                .isEqualTo("{\"Company\":\"companies/9-A\",\"Total\":60.25,\"Employee\":\"employees/0-A\"}");
        LOG.info("{} documents in {} s: {} docs/s (informational; first documents run cold)", DOCUMENTS,
                String.format("%.2f", seconds), Math.round(DOCUMENTS / seconds));
    }

    @Test
    void runnersOnSeveralThreadsShareOneScript() throws Exception {
        EtlScript script = ordersScript();
        List<StoredDocument> documents = orders(1_000);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    int items = 0;
                    try (ScriptRunner runner = new ScriptRunner(script)) {
                        for (StoredDocument doc : documents) {
                            items += loadedItems(runner.transform(doc, ScriptSource.NONE));
                        }
                    }
                    return items;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(expectedItems(1_000));
            }
        }
    }

    private static int loadedItems(TransformOutcome outcome) {
        assertThat(outcome).isInstanceOf(TransformOutcome.Loaded.class);
        return ((TransformOutcome.Loaded) outcome).items().size();
    }

    /** Three lines per order, plus the order unless it is one of every hundred that the script skips. */
    private static int expectedItems(int documents) {
        return documents * 3 + documents - (documents + 99) / 100;
    }

    private static EtlScript ordersScript() {
        return EtlScript.compile("orders", """
                var total = 0;
                for (var i = 0; i < this.Lines.length; i++) {
                    var line = this.Lines[i];
                    total += line.Quantity * line.PricePerUnit;
                    loadToOrderLines({ OrderId: id(this), Product: line.Product, Qty: line.Quantity, Price: line.PricePerUnit });
                }
                if (this.Skip) return;
                loadToOrders({ Company: this.Company, Total: total, Employee: this.Employee });
                """, ScriptKind.SQL);
    }

    private static List<StoredDocument> orders(int count) {
        List<StoredDocument> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(document("orders/" + i + "-A", "Orders", """
                    {"Company": "companies/%d-A", "Employee": "employees/%d-A", "Skip": %s, "Lines": [
                      {"Product": "products/1-A", "Quantity": %d, "PricePerUnit": 10.5},
                      {"Product": "products/2-A", "Quantity": 1, "PricePerUnit": 4},
                      {"Product": "products/3-A", "Quantity": 3, "PricePerUnit": 1.25}]}
                    """.formatted(i % 90, i % 9, i % 100 == 0, i % 5 + 1)));
        }
        return documents;
    }
}
