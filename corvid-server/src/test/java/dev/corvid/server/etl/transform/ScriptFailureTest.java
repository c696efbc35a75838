package dev.corvid.server.etl.transform;

import static dev.corvid.server.etl.transform.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.storage.StoredDocument;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptFailureTest {
    private static final StoredDocument GOOD = document("items/1", "Items", "{\"Name\": \"ok\"}");
    private static final StoredDocument BAD = document("items/2", "Items", "{\"Name\": \"bad\"}");
    private static final StoredDocument LOOP = document("items/3", "Items", "{\"Name\": \"loop\"}");

    private ScriptRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
    }

    private ScriptRunner runner(String script, Duration limit) {
        runner = new ScriptRunner(EtlScript.compile("failing", script, ScriptKind.RAVEN), limit);
        return runner;
    }

    @Test
    void undefinedVariableFailsTheDocumentWithTheLineAndKeepsItsOutput() {
        runner("""
                output('before');
                if (this.Name === 'bad') {
                    foo + 1;
                }
                loadToItems(this);
                """, ScriptRunner.DEFAULT_TIME_LIMIT);

        TransformOutcome outcome = runner.transform(BAD, ScriptSource.NONE);

        assertThat(outcome).isEqualTo(new TransformOutcome.Failed("items/2", "ReferenceError: foo is not defined at line 3",
                List.of("before")));
        assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Loaded.class,
                loaded -> assertThat(loaded.items()).hasSize(1));
    }

    @Test
    void thrownErrorsAndValues() {
        runner("if (this.Name === 'bad') throw new Error('Name must not be bad');\nthrow 'plain';", ScriptRunner.DEFAULT_TIME_LIMIT);

        assertThat(runner.transform(BAD, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("Error: Name must not be bad at line 1"));
        assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("plain at line 2"));
    }

    @Test
    void errorsInsideFunctionsPointAtTheFailingLine() {
        runner("""
                function price(line) {
                    return line.Product.Price;
                }
                loadToItems({ P: price(this) });
                """, ScriptRunner.DEFAULT_TIME_LIMIT);

        assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).startsWith("TypeError: ").contains("Price").endsWith(" at line 2"));
    }

    @Test
    void endlessRecursionFailsTheDocument() {
        runner("function f() { return f(); }\nif (this.Name === 'bad') f();\nloadToItems(this);", ScriptRunner.DEFAULT_TIME_LIMIT);

        assertThat(runner.transform(BAD, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).startsWith("RangeError: Maximum call stack size exceeded"));
        assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOf(TransformOutcome.Loaded.class);
    }

    @Test
    void endlessLoopIsStoppedAtTheTimeLimitAndTheContextIsRebuilt() {
        runner("""
                globalThis.runs = (globalThis.runs || 0) + 1;
                if (this.Name === 'loop') { while (true) {} }
                loadToItems({ Name: this.Name, Runs: runs });
                """, Duration.ofMillis(300));
        assertThat(runsOf(runner.transform(GOOD, ScriptSource.NONE))).isEqualTo(1);
        assertThat(runsOf(runner.transform(GOOD, ScriptSource.NONE))).isEqualTo(2);

        long start = System.nanoTime();
        TransformOutcome stopped = runner.transform(LOOP, ScriptSource.NONE);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(stopped).isEqualTo(new TransformOutcome.Failed("items/3",
                "The script ran longer than the time limit of 300 ms per document and was stopped", List.of()));
        assertThat(tookMillis).isBetween(300L, 10_000L);
        assertThat(runsOf(runner.transform(GOOD, ScriptSource.NONE))).as("globals start over in a new context").isEqualTo(1);
        assertThat(runner.transform(LOOP, ScriptSource.NONE)).isInstanceOf(TransformOutcome.Failed.class);
        assertThat(runsOf(runner.transform(GOOD, ScriptSource.NONE))).isEqualTo(1);
    }

    @Test
    void deleteBehaviorPastTheTimeLimitIsAScriptException() {
        runner("loadToItems(this);\nfunction deleteDocumentsBehavior(id) { while (true) {} }", Duration.ofMillis(200));

        assertThatThrownBy(() -> runner.shouldPropagateDelete("items/1", "Items"))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("time limit of 200 ms");
        assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOf(TransformOutcome.Loaded.class);
    }

    private static int runsOf(TransformOutcome outcome) {
        assertThat(outcome).isInstanceOf(TransformOutcome.Loaded.class);
        return ((TransformOutcome.Loaded) outcome).items().get(0).document().get("Runs").asInt();
    }

    @Test
    void fastDocumentsAreNotStoppedByALowLimit() {
        try (ScriptRunner warmUp = new ScriptRunner(EtlScript.compile("failing", "loadToItems(this);", ScriptKind.RAVEN))) {
            warmUp.transform(GOOD, ScriptSource.NONE);
        }
        runner("loadToItems(this);", Duration.ofMillis(250));

        for (int i = 0; i < 1000; i++) {
            assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOf(TransformOutcome.Loaded.class);
        }
    }

    @Test
    void sourceFailuresAreNotScriptErrorsAndCannotBeCaughtByTheScript() {
        ScriptSource broken = id -> {
            throw new CorvidException(ErrorCode.STORAGE_FAILURE, "disk on fire");
        };
        runner("try { load('companies/1'); } catch (e) { output('swallowed'); }\nloadToItems(this);", ScriptRunner.DEFAULT_TIME_LIMIT);

        assertThatThrownBy(() -> runner.transform(GOOD, broken))
                .isInstanceOf(CorvidException.class)
                .hasMessage("disk on fire");
        assertThat(runner.transform(GOOD, id -> Optional.empty())).isInstanceOf(TransformOutcome.Loaded.class);
    }

    @Test
    void tooDeeplyNestedResultFailsTheDocument() {
        runner("var o = {}; var c = o; for (var i = 0; i < 300; i++) { c.n = {}; c = c.n; }\nloadToItems(o);",
                ScriptRunner.DEFAULT_TIME_LIMIT);

        assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).startsWith("The script emitted an object Corvid cannot store"));
    }

    @Test
    void circularObjectsFailTheDocument() {
        runner("var o = {}; o.self = o;\nloadToItems(o);", ScriptRunner.DEFAULT_TIME_LIMIT);

        assertThat(runner.transform(GOOD, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).startsWith("TypeError: ").endsWith("at line 2"));
    }

    @Test
    void closedRunnerRefusesWork() {
        runner("loadToItems(this);", ScriptRunner.DEFAULT_TIME_LIMIT).close();

        assertThatThrownBy(() -> runner.transform(GOOD, ScriptSource.NONE)).isInstanceOf(IllegalStateException.class);
    }
}
