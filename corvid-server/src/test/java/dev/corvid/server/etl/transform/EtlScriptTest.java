package dev.corvid.server.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import org.junit.jupiter.api.Test;

class EtlScriptTest {
    @Test
    void targetsComeFromBothCallFormsInOrderOfAppearance() {
        EtlScript script = EtlScript.compile("s", """
                loadToOrders({ Total: this.Total });
                for (var i = 0; i < this.Lines.length; i++) {
                    loadTo('Order Lines', { Product: this.Lines[i].Product });
                    loadTo("Order-Archive.2024", {});
                    loadTo(`Tmpl`, {});
                }
                loadToOrders({});
                """, ScriptKind.SQL);

        assertThat(script.targets()).containsExactly("Orders", "Order Lines", "Order-Archive.2024", "Tmpl");
        assertThat(script.isEmpty()).isFalse();
    }

    @Test
    void targetsInCommentsStringsAndPropertyNamesDoNotCount() {
        EtlScript script = EtlScript.compile("s", """
                // loadToComments(this)
                /* loadTo('Block', this) */
                var text = "loadToString(this)" + 'loadTo("Quoted", x)' + `loadToTemplate(${this.Name})`;
                var re = /loadToRegex\\(/;
                this.loadToMember = 1;
                loadToReal(this);
                """, ScriptKind.RAVEN);

        assertThat(script.targets()).containsExactly("Real");
    }

    @Test
    void callsInsideTemplateSubstitutionsCount() {
        EtlScript script = EtlScript.compile("s", "var x = `${loadToInner({a: `${1}`})}`;", ScriptKind.RAVEN);

        assertThat(script.targets()).containsExactly("Inner");
    }

    @Test
    void blankOrDeleteBehaviorOnlyScriptsAreEmpty() {
        assertThat(EtlScript.compile("s", "", ScriptKind.RAVEN).isEmpty()).isTrue();
        assertThat(EtlScript.compile("s", null, ScriptKind.RAVEN).isEmpty()).isTrue();
        assertThat(EtlScript.compile("s", "  \n // only a comment\n", ScriptKind.RAVEN).isEmpty()).isTrue();
        EtlScript behaviors = EtlScript.compile("s", """
                function deleteDocumentsOfOrdersBehavior(docId, deleted) { if (deleted) { return true; } return false; }
                function deleteDocumentsBehavior(docId, collection) { return collection !== 'Users'; };
                """, ScriptKind.RAVEN);
        assertThat(behaviors.isEmpty()).isTrue();
        assertThat(behaviors.targets()).isEmpty();
        assertThat(EtlScript.compile("s", "function deleteDocumentsBehavior(id) { return true; } output('x');", ScriptKind.RAVEN)
                .isEmpty()).isFalse();
        assertThat(EtlScript.compile("s", "function helper() {}", ScriptKind.RAVEN).isEmpty()).isFalse();
    }

    @Test
    void syntaxErrorsNameTheLineAndColumn() {
        assertThatThrownBy(() -> EtlScript.compile("Orders script", "var a = 1;\nvar b = ;\nloadToX(a);", ScriptKind.RAVEN))
                .isInstanceOf(ScriptException.class)
                .satisfies(e -> assertThat(((CorvidException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageStartingWith("SyntaxError in script 'Orders script' at line 2, column 9: Expected an operand but found ;")
                .hasMessageEndingWith("\nvar b = ;\n        ^");
    }

    @Test
    void syntaxErrorOnTheFirstLineHasTheUsersColumn() {
        assertThatThrownBy(() -> EtlScript.compile("s", "loadToX(this;", ScriptKind.RAVEN))
                .hasMessageStartingWith("SyntaxError in script 's' at line 1, column 13:");
    }

    @Test
    void unclosedBlockIsReportedOnTheLastLineOfTheScript() {
        assertThatThrownBy(() -> EtlScript.compile("s", "if (this.A) {\n  loadToX(this);", ScriptKind.RAVEN))
                .hasMessageStartingWith("SyntaxError in script 's' at line 2,");
    }

    @Test
    void topLevelReturnIsAllowed() {
        EtlScript script = EtlScript.compile("s", "if (!this.Active) return;\nloadToUsers(this);", ScriptKind.RAVEN);

        assertThat(script.targets()).containsExactly("Users");
    }

    @Test
    void deleteBehaviorsAreFoundSpecificCaseInsensitivelyAndGenericForAll() {
        EtlScript specific = EtlScript.compile("s", "loadToOrders(this);\nfunction deleteDocumentsOfOrdersBehavior(id, deleted) { return deleted; }",
                ScriptKind.RAVEN);
        EtlScript generic = EtlScript.compile("s", "loadToOrders(this);\nfunction deleteDocumentsBehavior(id, c, deleted) { return false; }",
                ScriptKind.RAVEN);
        EtlScript none = EtlScript.compile("s", "loadToOrders(this); // function deleteDocumentsBehavior() {}", ScriptKind.RAVEN);

        assertThat(specific.hasDeleteBehavior("Orders")).isTrue();
        assertThat(specific.hasDeleteBehavior("orders")).isTrue();
        assertThat(specific.hasDeleteBehavior("Users")).isFalse();
        assertThat(specific.deleteBehaviorCollections()).containsExactly("Orders");
        assertThat(generic.hasDeleteBehavior("Anything")).isTrue();
        assertThat(none.hasDeleteBehavior("Orders")).isFalse();
    }

    @Test
    void validationUsesRavenDbMessages() {
        assertThat(EtlScript.validate("Script #1", "var x = this.Name;", ScriptKind.RAVEN))
                .containsExactly("No `loadTo<CollectionName>()` method call found in 'Script #1' script");
        assertThat(EtlScript.validate("T", "output(this)", ScriptKind.SQL))
                .containsExactly("No `loadTo<TableName>()` method call found in 'T' script");
        assertThat(EtlScript.validate("T", "", ScriptKind.SQL))
                .containsExactly("No `loadTo<TableName>()` method call found in 'T' script");
        assertThat(EtlScript.validate("T", "", ScriptKind.RAVEN)).isEmpty();
        assertThat(EtlScript.validate("T", "// loadToOrders(this)", ScriptKind.RAVEN)).isEmpty();
        assertThat(EtlScript.validate("T", "// loadToOrders(this)", ScriptKind.SQL))
                .containsExactly("No `loadTo<TableName>()` method call found in 'T' script");
        assertThat(EtlScript.validate("T", "function deleteDocumentsBehavior(id) { return true; }", ScriptKind.RAVEN)).isEmpty();
        assertThat(EtlScript.validate("T", "replicateToOrders(this);", ScriptKind.SQL)).contains(
                "Found `replicateTo<TableName>()` method in 'T' script which is not supported. If you are using the SQL "
                        + "replication script from RavenDB 3.x version then please use `loadTo<TableName>()` instead.");
    }

    @Test
    void validationOfBehaviorFunctions() {
        assertThat(EtlScript.validate("T", """
                loadToOrders(this);
                function deleteDocumentsBehavior(id) { return true; }
                function deleteDocumentsBehavior(id) { return false; }
                function deleteDocumentsOfOrdersBehavior(id) { return true; }
                function deleteDocumentsOfOrdersBehavior(id) { return true; }
                """, ScriptKind.RAVEN)).containsExactly(
                "Generic delete behavior function can be defined just once in the script",
                "There are multiple 'deleteDocumentsOfOrdersBehavior' functions defined");
    }

    @Test
    void validationOfWhatSqlEtlDoesNotSupport() {
        assertThat(EtlScript.validate("T", """
                var ref = loadToOrders(this);
                ref.addCounter(loadCounter('likes'));
                ref.addTimeSeries(loadTimeSeries('hr'));
                function loadCountersOfOrdersBehavior(id, name) { return true; }
                function loadTimeSeriesOfOrdersBehavior(id, name) { return true; }
                function deleteDocumentsOfOrdersBehavior(id) { return true; }
                """, ScriptKind.SQL)).containsExactly(
                "Adding counters isn't supported by SQL ETL",
                "Load counter behavior functions aren't supported by SQL ETL",
                "Adding time series isn't supported by SQL ETL",
                "Load time series behavior functions aren't supported by SQL ETL",
                "Delete documents behavior functions aren't supported by SQL ETL");
    }

    @Test
    void validationRequiresLiteralTargetNamesAndReportsSyntaxErrors() {
        assertThat(EtlScript.validate("T", "var t = 'Orders';\nloadTo(t, this);", ScriptKind.RAVEN)).containsExactly(
                "No `loadTo<CollectionName>()` method call found in 'T' script",
                "`loadTo(name, obj)` in 'T' script at line 2 must name its target with a string literal, e.g. loadTo('Orders', obj)");
        assertThat(EtlScript.validate("T", "loadToOrders(", ScriptKind.RAVEN)).hasSize(1)
                .first().asString().startsWith("SyntaxError in script 'T' at line 1");
    }
}
