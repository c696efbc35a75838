package dev.corvid.studio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.e2e.CorvidProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The chapter's walk-through, only through the Studio in a real browser: two databases, a document,
 * a RavenDB connection string, an ETL task with a script that redacts the salary (tried in the test
 * panel first), and then the redacted copy in the destination database's document view. Screenshots
 * of every page it passes, at 1280×800 and 390 px wide, go to target/studio-screenshots.
 */
class StudioRavenEtlIT {
    private static CorvidProcess server;
    private static Browser browser;
    private static Studio studio;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("corvid-studio-e2e");
        server = CorvidProcess.start(root);
        browser = Browser.start();
        studio = new Studio(browser, server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void redactedEmployeesReachTheHelpdeskDatabase() throws Exception {
        // Databases: the root of the server is the Studio
        studio.open("/");
        studio.waitForHeading("Databases");
        assertThat(studio.path()).isEqualTo("/studio/");
        for (String name : new String[] {"company", "helpdesk"}) {
            studio.fill("New database name", name);
            studio.click("Create database");
            studio.waitForText("Database '" + name + "' created.");
        }
        studio.waitFor("both databases listed", d -> d.findElements(By.cssSelector("tr[data-database]")).size() == 2);
        studio.screenshots("01-databases");

        // Documents → New document, with an inline JSON error first
        studio.click("company");
        studio.waitForHeading("Documents");
        studio.click("New document");
        studio.waitForHeading("New document");
        studio.fill("Document id", "employees/1-A");
        studio.fill("Collection", "Employees");
        studio.fill("Document JSON", "{\"FirstName\": \"Ada\", \"LastName\": \"Lovelace\", \"Salary\": 120000,");
        studio.waitForText("Invalid JSON at line 1");
        studio.screenshots("02-document-invalid");
        studio.fill("Document JSON", "{\"FirstName\": \"Ada\", \"LastName\": \"Lovelace\", \"Title\": \"Engineer\", \"Salary\": 120000}");
        studio.waitFor("the JSON error to go", d -> !studio.pageText().contains("Invalid JSON"));
        studio.click("Save");
        studio.waitFor("the saved document's page", d -> studio.path().contains("/documents/edit?id=employees%2F1-A"));
        studio.waitForText("@change-vector");
        studio.screenshots("03-document");
        studio.click("Documents");
        studio.waitFor("the document listed", d -> !d.findElements(By.cssSelector("tr[data-document-id='employees/1-A']")).isEmpty());
        studio.screenshots("04-documents");

        // Settings → Connection Strings: a RavenDB connection string to helpdesk on this server
        studio.click("Connection Strings");
        studio.waitForHeading("Connection Strings");
        studio.click("Add connection string");
        studio.choose("Type", "RavenDB");
        studio.fill("Name", "helpdesk");
        studio.fill("Database", "helpdesk");
        assertThat(studio.field("URL 1").getDomProperty("value")).as("this server, proposed").isEqualTo(server.url());
        studio.click("Add URL");
        studio.fill("URL 2", "http://127.0.0.1:1");
        studio.screenshots("05-connection-string-form");
        studio.click("Save");
        studio.waitForText("Connection string 'helpdesk' saved.");
        studio.waitFor("the connection string listed", d -> !d.findElements(By.cssSelector("tr[data-connection-string='helpdesk']")).isEmpty());
        assertThat(studio.pageText()).contains("http://127.0.0.1:1");
        studio.screenshots("06-connection-strings");

        // Settings → Manage Ongoing Tasks → Add Task → RavenDB ETL
        studio.click("Manage Ongoing Tasks");
        studio.waitForHeading("Ongoing Tasks");
        studio.click("Add Task");
        studio.click("RavenDB ETL");
        studio.waitForHeading("New RavenDB ETL");
        studio.fill("Task name", "Employees to Helpdesk");
        studio.choose("Connection string", "helpdesk");
        studio.click("Save");
        studio.waitForText("'Transforms' list cannot be empty");
        studio.click("Add New Script");
        studio.fill("Script name", "Employees to Helpdesk");
        studio.fill("Collection", "Employees");
        studio.click("Add Collection");
        studio.waitFor("the collection chip", d -> !d.findElements(By.xpath("//li[contains(@class,'chip') and contains(., 'Employees')]")).isEmpty());
        studio.fill(studio.field("Script Employees to Helpdesk (JavaScript)"),
                "loadToEmployees({ Name: this.FirstName + ' ' + this.LastName, Title: this.Title }); output('sent ' + id(this));");

        // the test panel: what would be loaded, before saving
        studio.click("Test Script");
        studio.fill("Document id", "employees/1-A");
        studio.click("Run test");
        WebElement result = studio.waitFor("the test result", d -> d.findElement(By.cssSelector("[data-testid='test-result']")));
        studio.waitFor("the loaded document", d -> result.getText().contains("Ada Lovelace"));
        assertThat(result.getText()).contains("PUT", "\"Title\": \"Engineer\"", "sent employees/1-A").doesNotContain("Salary");
        studio.screenshots("07-etl-task-test", studio.field("Document id"));
        studio.click("Save");

        // the task list: type, status, destination, lag and errors
        studio.waitForHeading("Ongoing Tasks");
        WebElement row = studio.waitFor("the task row", d -> d.findElement(By.cssSelector("tr[data-task='Employees to Helpdesk']")));
        assertThat(row.getText()).contains("RavenDB ETL", "helpdesk@", "docs");
        studio.waitFor("the task to catch up", d -> d.findElement(By.cssSelector("tr[data-task='Employees to Helpdesk'] [data-lag-documents]"))
                .getDomAttribute("data-lag-documents").equals("0"));
        studio.screenshots("08-ongoing-tasks");

        // Task details: progress, charts, batches with their stop reasons
        studio.click("Details of Employees to Helpdesk");
        studio.waitForHeading("Employees to Helpdesk");
        studio.waitForText("Up to date");
        studio.waitFor("a batch listed", d -> !d.findElements(By.cssSelector(".batches-table tbody tr")).isEmpty());
        studio.waitFor("samples in the chart", d -> !d.findElement(By.cssSelector(".chart path.chart-line")).getDomAttribute("d").isEmpty());
        assertThat(studio.pageText()).contains("Recent batches", "No errors.");
        studio.screenshots("09-task-details");

        // the destination: the redacted document in helpdesk's document view
        studio.click("Databases");
        studio.click("helpdesk");
        studio.waitForHeading("Documents");
        studio.waitFor("the loaded employee", d -> !d.findElements(By.cssSelector("tr[data-document-id='employees/1-A']")).isEmpty());
        studio.click("employees/1-A");
        studio.waitForText("@change-vector");
        String json = studio.code("Document JSON");
        assertThat(json).contains("\"Name\": \"Ada Lovelace\"", "\"Title\": \"Engineer\"").doesNotContain("Salary").doesNotContain("FirstName");
        studio.screenshots("10-destination-document");

        // every file the pages loaded came from this server: the Studio works offline
        assertThat(browser.loadedResources()).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(server.url()));
    }
}
