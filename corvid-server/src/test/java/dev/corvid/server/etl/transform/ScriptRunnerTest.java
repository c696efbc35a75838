package dev.corvid.server.etl.transform;

import static dev.corvid.server.etl.transform.TestDocuments.attachmentNames;
import static dev.corvid.server.etl.transform.TestDocuments.document;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.storage.AttachmentInfo;
import dev.corvid.server.storage.StoredDocument;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {
    private static final StoredDocument ORDER = document("orders/1-A", "Orders", """
            {"Company": "companies/1-A", "Freight": 12.5, "Lines": [
              {"Product": "products/1-A", "Quantity": 2, "PricePerUnit": 10},
              {"Product": "products/2-A", "Quantity": 1, "PricePerUnit": 4.25}]}
            """);

    private ScriptRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
    }

    private TransformOutcome.Loaded run(String script, ScriptKind kind, StoredDocument doc, ScriptSource source) {
        runner = new ScriptRunner(EtlScript.compile("test", script, kind));
        TransformOutcome outcome = runner.transform(doc, source);
        assertThat(outcome).isInstanceOf(TransformOutcome.Loaded.class);
        return (TransformOutcome.Loaded) outcome;
    }

    private TransformOutcome.Loaded run(String script, StoredDocument doc) {
        return run(script, ScriptKind.RAVEN, doc, ScriptSource.NONE);
    }

    @Test
    void oneOrderBecomesAnOrderAndItsLines() {
        TransformOutcome.Loaded loaded = run("""
                var total = 0;
                for (var i = 0; i < this.Lines.length; i++) {
                    var line = this.Lines[i];
                    total += line.Quantity * line.PricePerUnit;
                    loadTo('Order Lines', { OrderId: id(this), Product: line.Product, Qty: line.Quantity });
                }
                loadToOrders({ Company: this.Company, Total: total, LineCount: this.Lines.length });
                """, ORDER);

        assertThat(loaded.items()).extracting(LoadedItem::target).containsExactly("Order Lines", "Order Lines", "Orders");
        assertThat(loaded.items().get(0).document().toString())
                .isEqualTo("{\"OrderId\":\"orders/1-A\",\"Product\":\"products/1-A\",\"Qty\":2}");
        assertThat(loaded.items().get(2).document().toString())
                .isEqualTo("{\"Company\":\"companies/1-A\",\"Total\":24.25,\"LineCount\":2}");
        assertThat(loaded.filteredOut()).isFalse();
    }

    @Test
    void noLoadToMeansFilteredOut() {
        TransformOutcome.Loaded loaded = run("if (this.Freight > 100) { loadToOrders(this); }", ORDER);

        assertThat(loaded.items()).isEmpty();
        assertThat(loaded.filteredOut()).isTrue();
    }

    @Test
    void topLevelReturnSkipsTheRest() {
        TransformOutcome.Loaded loaded = run("if (this.Freight < 100) return;\nloadToOrders(this);", ORDER);

        assertThat(loaded.items()).isEmpty();
    }

    @Test
    void thisIsAMutableCopyWithMetadata() {
        TransformOutcome.Loaded loaded = run("""
                this.Company = this.Company.toUpperCase();
                delete this.Lines;
                this['@metadata']['@expires'] = '2030-01-01T00:00:00.0000000Z';
                loadToOrders(this);
                """, ORDER);

        ObjectNode doc = loaded.items().get(0).document();
        assertThat(doc.get("Company").asText()).isEqualTo("COMPANIES/1-A");
        assertThat(doc.has("Lines")).isFalse();
        assertThat(doc.get("@metadata").get("@id").asText()).isEqualTo("orders/1-A");
        assertThat(doc.get("@metadata").get("@collection").asText()).isEqualTo("Orders");
        assertThat(doc.get("@metadata").get("@expires").asText()).isEqualTo("2030-01-01T00:00:00.0000000Z");
        assertThat(ORDER.jsonText()).contains("companies/1-A").doesNotContain("@expires");
    }

    @Test
    void metadataFunctions() {
        TransformOutcome.Loaded loaded = run("""
                var m = getMetadata(this);
                loadToOrders({ Id: id(this), Collection: m['@collection'], ChangeVector: m['@change-vector'],
                               Modified: this['@metadata']['@last-modified'], NoMeta: id({}) });
                """, ORDER);

        assertThat(loaded.items().get(0).document().toString()).isEqualTo("{\"Id\":\"orders/1-A\",\"Collection\":\"Orders\","
                + "\"ChangeVector\":\"A:1-abc\",\"Modified\":\"2024-05-06T07:08:09.0000000Z\",\"NoMeta\":null}");
    }

    @Test
    void loadReadsOtherDocumentsThroughTheSource() {
        FakeScriptSource source = new FakeScriptSource()
                .with(document("companies/1-A", "Companies", "{\"Name\": \"Acme\", \"Address\": {\"City\": \"Oslo\"}}"));

        TransformOutcome.Loaded loaded = run("""
                var company = load(this.Company);
                var missing = load('companies/404');
                var both = load([this.Company, 'companies/404']);
                loadToOrders({ CompanyName: company.Name, City: company.Address.City, CompanyId: id(company),
                               Missing: missing, Both: both.length, Second: both[1] });
                """, ScriptKind.RAVEN, ORDER, source);

        assertThat(loaded.items().get(0).document().toString())
                .isEqualTo("{\"CompanyName\":\"Acme\",\"City\":\"Oslo\",\"CompanyId\":\"companies/1-A\",\"Missing\":null,"
                        + "\"Both\":2,\"Second\":null}");
        assertThat(source.requested).containsExactly("companies/1-A", "companies/404", "companies/1-A", "companies/404");
    }

    @Test
    void objectsAreTakenAsTheyWereWhenLoadToWasCalled() {
        TransformOutcome.Loaded loaded = run("var o = { A: 1 };\nloadToOrders(o);\no.A = 2;\nloadToOrders(o);", ORDER);

        assertThat(loaded.items()).extracting(i -> i.document().get("A").asInt()).containsExactly(1, 2);
    }

    @Test
    void valuesRoundTrip() {
        TransformOutcome.Loaded loaded = run("""
                loadToOrders({
                  Int: 42, IntFromFloat: 3.0, Computed: 10 / 2, Negative: -7, Big: 9007199254740991,
                  Float: 0.1 + 0.2, Half: 2.5, Tiny: 1e-7, True: true, False: false, Null: null,
                  Undefined: undefined, Nested: { List: [1, 'two', { Three: 3 }, null, [4.5]], Empty: {} },
                  Date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), NaN: NaN, Text: 'ünïcødé ✓ "q"',
                  Fn: function () {}
                });
                """, ORDER);

        ObjectNode doc = loaded.items().get(0).document();
        assertThat(doc.get("Int").isIntegralNumber()).isTrue();
        assertThat(doc.get("Int").asLong()).isEqualTo(42);
        assertThat(doc.get("IntFromFloat").isIntegralNumber()).isTrue();
        assertThat(doc.get("Computed").toString()).isEqualTo("5");
        assertThat(doc.get("Negative").asInt()).isEqualTo(-7);
        assertThat(doc.get("Big").asLong()).isEqualTo(9007199254740991L);
        assertThat(doc.get("Float").isFloatingPointNumber()).isTrue();
        assertThat(doc.get("Float").asDouble()).isEqualTo(0.30000000000000004);
        assertThat(doc.get("Half").asDouble()).isEqualTo(2.5);
        assertThat(doc.get("Tiny").asDouble()).isEqualTo(1e-7);
        assertThat(doc.get("True").booleanValue()).isTrue();
        assertThat(doc.get("False").booleanValue()).isFalse();
        assertThat(doc.get("Null").isNull()).isTrue();
        assertThat(doc.has("Undefined")).isFalse();
        assertThat(doc.has("Fn")).isFalse();
        assertThat(doc.get("Nested").toString()).isEqualTo("{\"List\":[1,\"two\",{\"Three\":3},null,[4.5]],\"Empty\":{}}");
        assertThat(doc.get("Date").asText()).isEqualTo("2024-01-02T03:04:05.006Z");
        assertThat(doc.get("NaN").isNull()).isTrue();
        assertThat(doc.get("Text").asText()).isEqualTo("ünïcødé ✓ \"q\"");
    }

    @Test
    void storedNumbersKeepTheirKind() {
        StoredDocument doc = document("items/1", "Items", "{\"I\": 7, \"F\": 1.25, \"WholeFloat\": 2.0, \"Neg\": -0.5}");

        TransformOutcome.Loaded loaded = run("loadToItems(this);", doc);

        ObjectNode out = loaded.items().get(0).document();
        assertThat(out.get("I").isIntegralNumber()).isTrue();
        assertThat(out.get("F").asDouble()).isEqualTo(1.25);
        assertThat(out.get("WholeFloat").toString()).isEqualTo("2");
        assertThat(out.get("Neg").asDouble()).isEqualTo(-0.5);
    }

    @Test
    void outputCollectsStringsAndJsonOfObjects() {
        TransformOutcome.Loaded loaded = run("""
                output('plain');
                output({ A: 1, B: [true] });
                output(5); output(null); output(undefined);
                """, ORDER);

        assertThat(loaded.items()).isEmpty();
        assertThat(loaded.output()).containsExactly("plain", "{\"A\":1,\"B\":[true]}", "5", "null", "undefined");
    }

    @Test
    void attachmentFunctionsAndAddAttachmentWithRename() {
        StoredDocument doc = document("users/1", "Users", "{\"Name\": \"Ann\"}",
                new AttachmentInfo("photo.png", "aGFzaDE=", "image/png", 1024),
                new AttachmentInfo("cv.pdf", "aGFzaDI=", "application/pdf", 2048));

        TransformOutcome.Loaded loaded = run("""
                var atts = getAttachments();
                output(atts.length + ':' + atts[0].Name + ':' + atts[0].ContentType + ':' + atts[1].Size + ':' + atts[0].Hash);
                output(hasAttachment('photo.png') + ',' + hasAttachment('nope'));
                output(String(loadAttachment('nope')));
                var user = loadToUsers({ Name: this.Name });
                user.addAttachment(loadAttachment('photo.png'));
                user.addAttachment('resume.pdf', loadAttachment('cv.pdf'));
                user.addAttachment(loadAttachment('missing'));
                loadToPeople({ Name: this.Name }).addAttachment('avatar', loadAttachment('photo.png'));
                """, doc);

        assertThat(loaded.output()).containsExactly("2:photo.png:image/png:2048:aGFzaDE=", "true,false", "null");
        assertThat(loaded.items()).hasSize(2);
        assertThat(attachmentNames(loaded.items().get(0).attachments())).containsExactly("photo.png->photo.png", "cv.pdf->resume.pdf");
        assertThat(attachmentNames(loaded.items().get(1).attachments())).containsExactly("photo.png->avatar");
    }

    @Test
    void addAttachmentRefusesSomethingThatIsNotAReference() {
        runner = new ScriptRunner(EtlScript.compile("s", "loadToUsers({}).addAttachment({ Name: 'x' });", ScriptKind.RAVEN));
        TransformOutcome outcome = runner.transform(ORDER, ScriptSource.NONE);

        assertThat(outcome).isInstanceOfSatisfying(TransformOutcome.Failed.class, failed -> assertThat(failed.error())
                .isEqualTo("Error: addAttachment() method expects to get the reference to an attachment while it got argument "
                        + "of 'Object' type at line 1"));
    }

    @Test
    void attachmentFunctionsOnADocumentWithoutAttachments() {
        TransformOutcome.Loaded loaded = run("output(getAttachments().length + ',' + hasAttachment('a') + ',' + loadAttachment('a'));", ORDER);

        assertThat(loaded.output()).containsExactly("0,false,null");
    }

    @Test
    void emptyRavenScriptCopiesTheDocumentWithItsAttachments() {
        StoredDocument doc = document("users/1", "Users", "{\"Name\": \"Ann\"}",
                new AttachmentInfo("photo.png", "aGFzaDE=", "image/png", 1024));

        TransformOutcome.Loaded loaded = run("", doc);

        assertThat(loaded.items()).hasSize(1);
        LoadedItem item = loaded.items().get(0);
        assertThat(item.target()).isEqualTo("Users");
        assertThat(item.document()).isEqualTo(TestDocuments.parse(doc.jsonText()));
        assertThat(attachmentNames(item.attachments())).containsExactly("photo.png->photo.png");
    }

    @Test
    void sqlColumnTypesAndAttachmentMarkers() {
        StoredDocument doc = document("users/1", "Users", "{\"Name\": \"Ann\", \"Code\": \"X1\"}",
                new AttachmentInfo("photo.png", "aGFzaDE=", "image/png", 1024));

        TransformOutcome.Loaded loaded = run("""
                loadToUsers({
                  Name: nvarchar(this.Name), NameSized: nvarchar(this.Name, 200),
                  Code: varchar(this.Code), CodeSized: varchar(this.Code, 2),
                  Photo: loadAttachment('photo.png'), Missing: loadAttachment('none'),
                  Price: { Type: 'Decimal', Value: '10.50' }
                });
                """, ScriptKind.SQL, doc, ScriptSource.NONE);

        assertThat(loaded.items().get(0).document().toString()).isEqualTo("{"
                + "\"Name\":{\"Type\":\"String\",\"Value\":\"Ann\",\"Size\":50},"
                + "\"NameSized\":{\"Type\":\"String\",\"Value\":\"Ann\",\"Size\":200},"
                + "\"Code\":{\"Type\":\"AnsiString\",\"Value\":\"X1\",\"Size\":50},"
                + "\"CodeSized\":{\"Type\":\"AnsiString\",\"Value\":\"X1\",\"Size\":2},"
                + "\"Photo\":\"$attachment/photo.png\",\"Missing\":null,"
                + "\"Price\":{\"Type\":\"Decimal\",\"Value\":\"10.50\"}}");
        assertThat(loaded.items().get(0).attachments()).isEmpty();
    }

    @Test
    void sqlRowsOfPlainValuesComeAsFlatRowsThatReadAsTheirJson() {
        runner = new ScriptRunner(EtlScript.compile("s", """
                loadToT({ S: 'a"b\\\\c', N: 3, F: 2.5, Big: 1e21, Huge: 12345678901234567890, Neg: -0, NotANumber: 0 / 0,
                          Inf: 1 / 0, B: true, C: false, Z: null, U: undefined, Fn: function () {}, E: '', '2': 'two' });
                loadToT({ Nested: { x: 1 }, S: 'x' });
                loadToT({ S: 'has \\u0001 and \\u0002' });
                loadToT({ S: 'has \\u0002 only', '': 0 });
                loadToT({ toJSON: function () { return { Replaced: 1 }; } });
                """, ScriptKind.SQL));
        TransformOutcome.Loaded loaded = (TransformOutcome.Loaded) runner.transform(ORDER, ScriptSource.NONE);

        LoadedItem plain = loaded.items().get(0);
        assertThat(plain.flatRow()).isNotNull();
        assertThat(plain.json()).as("what JSON.stringify gives").isEqualTo("{\"2\":\"two\",\"S\":\"a\\\"b\\\\c\",\"N\":3,\"F\":2.5,"
                + "\"Big\":1e+21,\"Huge\":12345678901234567000,\"Neg\":0,\"NotANumber\":null,\"Inf\":null,\"B\":true,"
                + "\"C\":false,\"Z\":null,\"E\":\"\"}");
        assertThat(loaded.items().get(1).flatRow()).as("nested values go as JSON").isNull();
        assertThat(loaded.items().get(1).json()).isEqualTo("{\"Nested\":{\"x\":1},\"S\":\"x\"}");
        assertThat(loaded.items().get(2).flatRow()).as("the separators themselves go as JSON").isNull();
        assertThat(loaded.items().get(2).document().get("S").textValue()).isEqualTo("has \u0001 and \u0002");
        assertThat(loaded.items().get(3).flatRow()).isNotNull();
        assertThat(loaded.items().get(3).json()).isEqualTo("{\"S\":\"has \\u0002 only\",\"\":0}");
        assertThat(loaded.items().get(4).flatRow()).as("toJSON decides what is sent").isNull();
        assertThat(loaded.items().get(4).json()).isEqualTo("{\"Replaced\":1}");
    }

    @Test
    void anSqlRowWhoseReadingThrowsLeavesNothingBehindWhenTheScriptCatchesIt() {
        runner = new ScriptRunner(EtlScript.compile("s", """
                loadToT({ A: 1 });
                try { loadToT({ B: 2, get C() { throw new Error('no C'); } }); } catch (e) { output(e.message); }
                try { loadToT({ D: 3, toJSON: function () { throw new Error('no JSON'); } }); } catch (e) { output(e.message); }
                try { loadToT({ E: [1], get F() { throw new Error('no F'); } }); } catch (e) { output(e.message); }
                loadToT({});
                loadToT({ G: 'last' });
                """, ScriptKind.SQL));
        TransformOutcome.Loaded loaded = (TransformOutcome.Loaded) runner.transform(ORDER, ScriptSource.NONE);

        assertThat(loaded.output()).containsExactly("no C", "no JSON", "no F");
        assertThat(loaded.items()).extracting(LoadedItem::json).containsExactly("{\"A\":1}", "{}", "{\"G\":\"last\"}");
        assertThat(loaded.items().get(1).flatRow().count()).isZero();
    }

    @Test
    void varcharArgumentErrors() {
        runner = new ScriptRunner(EtlScript.compile("s", "loadToT({ A: varchar(this.Number) });", ScriptKind.SQL));
        StoredDocument doc = document("t/1", "T", "{\"Number\": 5, \"Text\": \"x\"}");

        assertThat(runner.transform(doc, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("TypeError: varchar() / nvarchar(): first argument must be a string at line 1"));

        runner.close();
        runner = new ScriptRunner(EtlScript.compile("s", "\nloadToT({ A: nvarchar(this.Text, '10') });", ScriptKind.SQL));
        assertThat(runner.transform(doc, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("TypeError: varchar() / nvarchar(): second argument must be a number at line 2"));
    }

    @Test
    void sqlOnlyFunctionsAreNotDefinedForRaven() {
        runner = new ScriptRunner(EtlScript.compile("s", "loadToT({ A: varchar('x') });", ScriptKind.RAVEN));

        assertThat(runner.transform(ORDER, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("ReferenceError: varchar is not defined at line 1"));
    }

    @Test
    void loadToRefusesNonObjectsAndNamesNotWrittenInTheScript() {
        runner = new ScriptRunner(EtlScript.compile("s", "loadToOrders(this);\nif (this.Freight) loadToOrders(5);", ScriptKind.RAVEN));
        assertThat(runner.transform(ORDER, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("TypeError: loadToOrders() expects an object but got Number at line 2"));
        runner.close();

        runner = new ScriptRunner(EtlScript.compile("s", "loadTo('Orders', {});\nvar t = 'Other';\nloadTo(t, {});", ScriptKind.RAVEN));
        assertThat(runner.transform(ORDER, ScriptSource.NONE)).isInstanceOfSatisfying(TransformOutcome.Failed.class,
                f -> assertThat(f.error()).startsWith("TypeError: loadTo(name, obj): name must be written as a string literal")
                        .endsWith("got 'Other' at line 3"));
    }

    @Test
    void oneRunnerServesManyDocumentsWithoutStateLeakingBetweenThem() {
        runner = new ScriptRunner(EtlScript.compile("s", """
                var counter = (counter || 0) + 1;
                loadToItems({ N: this.N, Counter: counter });
                """, ScriptKind.RAVEN));

        for (int n = 0; n < 3; n++) {
            TransformOutcome outcome = runner.transform(document("items/" + n, "Items", "{\"N\": " + n + "}"), ScriptSource.NONE);
            assertThat(((TransformOutcome.Loaded) outcome).items().get(0).document().toString())
                    .isEqualTo("{\"N\":" + n + ",\"Counter\":1}");
        }
    }

    @Test
    void worksOnAVirtualThread() throws Exception {
        runner = new ScriptRunner(EtlScript.compile("s", "loadToOrders({ Company: this.Company });", ScriptKind.RAVEN));
        TransformOutcome[] outcome = new TransformOutcome[1];

        Thread thread = Thread.ofVirtual().start(() -> outcome[0] = runner.transform(ORDER, ScriptSource.NONE));
        thread.join();

        assertThat(outcome[0]).isInstanceOfSatisfying(TransformOutcome.Loaded.class,
                l -> assertThat(l.items()).extracting(LoadedItem::target).isEqualTo(List.of("Orders")));
    }
}
