package dev.corvid.studio.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corvid.e2e.CorvidProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * SQL ETL to the local PostgreSQL (127.0.0.1:5432, database test, user postgres, trust), only through
 * the Studio: a SQL connection string with a test of the connection (failing, then working) and its
 * password masked, a task with a table and a script previewed in the test panel, the row in
 * PostgreSQL, then disable and delete with confirmation. Only the target table is made with JDBC.
 */
class StudioSqlEtlIT {
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String TABLE = "StudioOrders" + UUID.randomUUID().toString().substring(0, 6);
    private static CorvidProcess server;
    private static Browser browser;
    private static Studio studio;

    @BeforeAll
    static void start() throws Exception {
        sql("CREATE TABLE \"" + TABLE + "\" (\"OrderId\" varchar(100), \"Company\" text, \"Freight\" numeric(12,2))");
        server = CorvidProcess.start(Files.createTempDirectory("corvid-studio-sql"));
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
        sql("DROP TABLE IF EXISTS \"" + TABLE + "\"");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void ordersReachPostgresWithAPreviewFirst() throws Exception {
        studio.open("/studio/");
        studio.fill("New database name", "shop");
        studio.click("Create database");
        studio.waitForText("Database 'shop' created.");
        studio.click("shop");
        studio.click("New document");
        studio.fill("Document id", "orders/1-A");
        studio.fill("Collection", "Orders");
        studio.fill("Document JSON", "{\"Company\": \"companies/1-A\", \"Freight\": 12.5}");
        studio.click("Save");
        studio.waitFor("the saved document", d -> studio.path().contains("/documents/edit?id=orders%2F1-A"));

        // Settings → Connection Strings: SQL, with Test connection showing the server's answer
        studio.click("Connection Strings");
        studio.click("Add connection string");
        studio.choose("Type", "SQL");
        studio.fill("Name", "postgres");
        studio.choose("Factory (database provider)", "PostgreSQL (Npgsql)");
        assertThat(studio.field("Connection string").getDomAttribute("type")).as("masked while typed").isEqualTo("password");
        studio.fill("Connection string", "Host=127.0.0.1;Port=1;Database=test;Username=postgres;Password=s3cret");
        studio.click("Test connection");
        studio.waitForText("Connection failed:");
        studio.fill("Connection string", "Host=127.0.0.1;Port=5432;Database=test;Username=postgres;Password=s3cret");
        studio.click("Test connection");
        studio.waitForText("Connection successful.");
        studio.screenshots("11-sql-connection-string-form");
        studio.click("Save");
        studio.waitForText("Connection string 'postgres' saved.");
        studio.waitForText("Password=");
        assertThat(studio.pageText()).doesNotContain("s3cret");
        studio.screenshots("12-connection-strings-sql");

        // Add Task → SQL ETL, with a table and a script tried in the test panel
        studio.click("Manage Ongoing Tasks");
        studio.click("Add Task");
        studio.click("SQL ETL");
        studio.waitForHeading("New SQL ETL");
        studio.fill("Task name", "Orders to PostgreSQL");
        studio.choose("Connection string", "postgres");
        studio.click("Add Table");
        studio.fill("Table name", TABLE);
        studio.fill("Document id column", "OrderId");
        studio.click("Add New Script");
        studio.fill("Script name", "orders");
        studio.fill("Collection", "Orders");
        studio.click("Add Collection");
        studio.waitFor("the template script", d -> studio.code("Script orders (JavaScript)").contains("loadToOrders"));
        studio.fill(studio.field("Script orders (JavaScript)"),
                "loadTo" + TABLE + "({ Company: this.Company, Freight: this.Freight }); output('freight ' + this.Freight);");
        studio.click("Test Script");
        studio.fill("Document id", "orders/1-A");
        studio.check("Run the statements in a transaction that is rolled back");
        studio.click("Run test");
        WebElement result = studio.waitFor("the SQL preview", d -> d.findElement(By.cssSelector("[data-testid='test-result']")));
        studio.waitFor("the statements", d -> result.getText().contains("companies/1-A"));
        // PostgreSQL's dialect deletes the document's old rows, then writes the new ones with COPY
        assertThat(result.getText()).contains("DELETE FROM \"" + TABLE + "\"", "COPY \"" + TABLE + "\"", "orders/1-A", "12.5",
                "freight 12.5").doesNotContain("refused a statement");
        studio.screenshots("13-sql-etl-test", studio.field("Document id"));
        studio.click("Save");

        // the task works: the row is in PostgreSQL, the list shows the task
        studio.waitForHeading("Ongoing Tasks");
        WebElement row = studio.waitFor("the task row", d -> d.findElement(By.cssSelector("tr[data-task='Orders to PostgreSQL']")));
        assertThat(row.getText()).contains("SQL ETL");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Connection connection = DriverManager.getConnection(JDBC); Statement s = connection.createStatement();
                 ResultSet rows = s.executeQuery("SELECT \"OrderId\", \"Company\", \"Freight\" FROM \"" + TABLE + "\"")) {
                assertThat(rows.next()).as("a row in " + TABLE).isTrue();
                assertThat(rows.getString(1)).isEqualTo("orders/1-A");
                assertThat(rows.getString(2)).isEqualTo("companies/1-A");
                assertThat(rows.getBigDecimal(3)).isEqualByComparingTo("12.5");
                assertThat(rows.next()).isFalse();
            }
        });
        studio.waitFor("the task to catch up", d -> d.findElement(By.cssSelector("tr[data-task='Orders to PostgreSQL'] [data-lag-documents]"))
                .getDomAttribute("data-lag-documents").equals("0"));
        studio.screenshots("14-ongoing-tasks-sql");

        // task details of an SQL task: what was written to each table
        studio.click("Details of Orders to PostgreSQL");
        studio.waitForHeading("Orders to PostgreSQL");
        WebElement tables = studio.waitFor("the tables section", d -> d.findElement(By.cssSelector(".tables-table tbody tr")));
        assertThat(tables.getText()).contains(TABLE, "orders");
        assertThat(studio.pageText()).containsIgnoringCase("Rows written").contains("No statement took longer than 3 seconds.");
        studio.screenshots("14b-task-details-sql");
        studio.click("Manage Ongoing Tasks");
        studio.waitForHeading("Ongoing Tasks");

        // disable, then delete, each after a confirmation
        studio.click("Disable Orders to PostgreSQL");
        studio.clickInDialog("Disable");
        studio.waitForText("Task 'Orders to PostgreSQL' disabled.");
        studio.waitFor("the Disabled badge", d -> d.findElement(By.cssSelector("tr[data-task='Orders to PostgreSQL']")).getText().contains("Disabled"));
        studio.click("Delete Orders to PostgreSQL");
        studio.waitForText("Delete task 'Orders to PostgreSQL'?");
        studio.screenshots("15-delete-task-dialog");
        studio.clickInDialog("Delete");
        studio.waitForText("Task 'Orders to PostgreSQL' deleted.");
        studio.waitFor("the task gone", d -> d.findElements(By.cssSelector("tr[data-task]")).isEmpty());
    }
}
