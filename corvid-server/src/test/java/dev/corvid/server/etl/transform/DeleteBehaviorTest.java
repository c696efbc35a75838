package dev.corvid.server.etl.transform;

import static dev.corvid.server.etl.transform.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeleteBehaviorTest {
    private static ScriptRunner runner(String script) {
        return new ScriptRunner(EtlScript.compile("behaviors", script, ScriptKind.RAVEN), Duration.ofSeconds(5));
    }

    @Test
    void withoutBehaviorFunctionsDeletesArePropagated() {
        try (ScriptRunner runner = runner("loadToOrders(this);")) {
            assertThat(runner.shouldPropagateDelete("orders/1", "Orders")).isTrue();
        }
    }

    @Test
    void specificFunctionWinsOverTheGenericOne() {
        try (ScriptRunner runner = runner("""
                loadToOrders(this);
                function deleteDocumentsOfOrdersBehavior(docId, deleted) {
                    output('specific ' + docId + ' ' + deleted);
                    return docId !== 'orders/keep';
                }
                function deleteDocumentsBehavior(docId, collection, deleted) {
                    return collection === 'Users' && deleted === true;
                }
                """)) {
            assertThat(runner.shouldPropagateDelete("orders/1", "Orders")).isTrue();
            assertThat(runner.shouldPropagateDelete("orders/keep", "orders")).isFalse();
            assertThat(runner.shouldPropagateDelete("users/1", "Users")).isTrue();
            assertThat(runner.shouldPropagateDelete("products/1", "Products")).isFalse();
        }
    }

    @Test
    void falsyAndUndefinedSuppressTruthyPropagates() {
        try (ScriptRunner runner = runner("""
                loadToOrders(this);
                function deleteDocumentsBehavior(docId, collection, deleted) {
                    if (collection === 'A') return 1;
                    if (collection === 'B') return 'yes';
                    if (collection === 'C') return 0;
                    if (collection === 'D') return deleted;
                }
                """)) {
            assertThat(runner.shouldPropagateDelete("a/1", "A")).isTrue();
            assertThat(runner.shouldPropagateDelete("b/1", "B")).isTrue();
            assertThat(runner.shouldPropagateDelete("c/1", "C")).isFalse();
            assertThat(runner.shouldPropagateDelete("d/1", "D")).isTrue();
            assertThat(runner.shouldPropagateDelete("d/1", "D", false, ScriptSource.NONE)).isFalse();
            assertThat(runner.shouldPropagateDelete("e/1", "E")).isFalse();
        }
    }

    @Test
    void behaviorCanLoadAMarkerDocument() {
        FakeScriptSource source = new FakeScriptSource().with(document("keep/orders/2", "Markers", "{}"));
        try (ScriptRunner runner = runner("""
                loadToOrders(this);
                function deleteDocumentsOfOrdersBehavior(docId) {
                    return load('keep/' + docId) === null;
                }
                """)) {
            assertThat(runner.shouldPropagateDelete("orders/1", "Orders", source)).isTrue();
            assertThat(runner.shouldPropagateDelete("orders/2", "Orders", source)).isFalse();
            assertThat(source.requested).containsExactly("keep/orders/1", "keep/orders/2");
        }
    }

    @Test
    void behaviorsDoNotRunTheBodyAndTransformsStillWork() {
        try (ScriptRunner runner = runner("""
                output('body ran');
                loadToOrders({ Id: id(this) });
                function deleteDocumentsBehavior(docId) { return false; }
                """)) {
            assertThat(runner.shouldPropagateDelete("orders/1", "Orders")).isFalse();
            TransformOutcome outcome = runner.transform(document("orders/1", "Orders", "{}"), ScriptSource.NONE);
            assertThat(outcome).isInstanceOfSatisfying(TransformOutcome.Loaded.class, l -> {
                assertThat(l.output()).containsExactly("body ran");
                assertThat(l.items()).hasSize(1);
            });
            assertThat(runner.shouldPropagateDelete("orders/1", "Orders")).isFalse();
        }
    }

    @Test
    void behaviorOnlyScriptIsEmptyButItsFunctionsRun() {
        try (ScriptRunner runner = runner("function deleteDocumentsOfUsersBehavior(docId, deleted) { return false; }")) {
            assertThat(runner.script().isEmpty()).isTrue();
            assertThat(runner.shouldPropagateDelete("users/1", "Users")).isFalse();
            assertThat(runner.shouldPropagateDelete("orders/1", "Orders")).isTrue();
        }
    }

    @Test
    void failingBehaviorIsAScriptException() {
        try (ScriptRunner runner = runner("loadToOrders(this);\nfunction deleteDocumentsBehavior(docId) {\n  return nope;\n}")) {
            assertThatThrownBy(() -> runner.shouldPropagateDelete("orders/1", "Orders"))
                    .isInstanceOf(ScriptException.class)
                    .hasMessage("The delete behavior function of script 'behaviors' failed for 'orders/1': "
                            + "ReferenceError: nope is not defined at line 3");
        }
    }
}
