package dev.corvid.server.etl.transform;

import static dev.corvid.server.etl.transform.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.server.storage.StoredDocument;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A script reaches nothing but its document, {@code load()} and the functions of the ETL API. */
class ScriptSandboxTest {
    private static final StoredDocument DOC = document("items/1", "Items", "{\"Name\": \"x\"}");

    private static TransformOutcome run(String script) {
        try (ScriptRunner runner = new ScriptRunner(EtlScript.compile("sandbox", script, ScriptKind.RAVEN), Duration.ofSeconds(5))) {
            return runner.transform(DOC, ScriptSource.NONE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Java.type('java.lang.System').exit(1)",
        "Java.type('java.io.File')",
        "Packages.java.lang.Runtime.getRuntime().exec('id')",
        "java.lang.System.getenv()",
        "Polyglot.eval('js', '1')",
        "Polyglot.import('x')",
        "Graal.versionJS",
        "print('to stdout')",
        "console.log('to stdout')",
        "loadWithNewGlobal({ script: '1', name: 'x' })",
        "quit()",
        "readline()",
        "new Worker('x')",
        "require('fs')",
    })
    void escapesAreRefused(String escape) {
        TransformOutcome outcome = run("loadToItems({});\n" + escape + ";");

        assertThat(outcome).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).as(escape).matches("(?s)(ReferenceError|TypeError|Error).*"));
    }

    @Test
    void shellLoadOfAFileIsNotReachable() {
        TransformOutcome outcome = run("loadToItems({ Passwd: load('/etc/passwd'), File: load('file:///etc/passwd') });");

        assertThat(outcome).isInstanceOfSatisfying(TransformOutcome.Loaded.class,
                loaded -> assertThat(loaded.items().get(0).document().toString()).isEqualTo("{\"Passwd\":null,\"File\":null}"));
    }

    @Test
    void evalAndFunctionStayInsideTheSandbox() {
        TransformOutcome outcome = run("""
                var viaEval = eval('typeof Java');
                var viaFunction = new Function('return typeof Packages + typeof Polyglot')();
                var g = (0, eval)('this');
                loadToItems({ viaEval: viaEval, viaFunction: viaFunction, globals: typeof g.Java });
                """);

        assertThat(outcome).isInstanceOfSatisfying(TransformOutcome.Loaded.class, loaded -> assertThat(loaded.items().get(0)
                .document().toString()).isEqualTo("{\"viaEval\":\"undefined\",\"viaFunction\":\"undefinedundefined\",\"globals\":\"undefined\"}"));
    }

    @Test
    void aScriptCannotCloseTheFunctionItRunsIn() {
        assertThatThrownBy(() -> EtlScript.compile("sandbox", "loadToItems(this);\n}); while (true) {} (function () {",
                ScriptKind.RAVEN))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("SyntaxError in script 'sandbox': it does not parse as a function body");
    }
}
