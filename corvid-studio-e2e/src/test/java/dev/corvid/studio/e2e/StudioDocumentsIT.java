package dev.corvid.studio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.e2e.CorvidProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The document pages and the things every page must do: attachments uploaded and downloaded in the
 * browser, paging through a collection, server errors shown as messages, deleting with confirmation,
 * every control labelled and reachable with the keyboard.
 */
class StudioDocumentsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CorvidProcess server;
    private static Browser browser;
    private static Studio studio;

    @BeforeAll
    static void start() throws Exception {
        server = CorvidProcess.start(Files.createTempDirectory("corvid-studio-docs"));
        browser = Browser.start();
        studio = new Studio(browser, server.url());
        send("PUT", "/admin/databases?name=shop", "{\"DatabaseName\":\"shop\"}");
        for (int i = 1; i <= 60; i++) {
            send("PUT", "/databases/shop/docs?id=products/" + i, "{\"Name\":\"Product " + i + "\",\"@metadata\":{\"@collection\":\"Products\"}}");
        }
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

    private static HttpResponse<byte[]> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void attachmentsAreUploadedAndDownloadedInTheBrowser() throws Exception {
        studio.open("/studio/databases/shop/documents/edit?id=products%2F1");
        studio.waitForText("No attachments.");
        Path file = Files.createTempFile("manual", ".txt");
        Files.writeString(file, "how to use product 1");
        studio.field("File to attach").sendKeys(file.toAbsolutePath().toString());
        studio.fill("Attachment name", "manual.txt");
        studio.click("Upload");
        studio.waitForText("Uploaded manual.txt.");
        WebElement download = studio.control("Download");
        assertThat(download.getDomAttribute("download")).isEqualTo("manual.txt");
        HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(download.getDomProperty("href"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(content.body())).isEqualTo("how to use product 1");
        studio.screenshots("16-document-attachments", studio.driver.findElement(By.id("attachments-heading")));
    }

    @Test
    void pagesThroughACollection() {
        studio.open("/studio/databases/shop/documents?collection=Products");
        studio.waitForText("1–50 of 60");
        assertThat(studio.driver.findElements(By.cssSelector("tr[data-document-id]"))).hasSize(50);
        studio.click("Next →");
        studio.waitForText("51–60 of 60");
        assertThat(studio.driver.findElements(By.cssSelector("tr[data-document-id]"))).hasSize(10);
    }

    @Test
    void showsServerErrorsAndAsksBeforeDeleting() {
        studio.open("/studio/");
        studio.fill("New database name", "shop");
        studio.click("Create database");
        WebElement error = studio.waitFor("the server's message", d -> d.findElement(By.cssSelector(".message-error")));
        assertThat(error.getText()).containsIgnoringCase("shop");

        studio.fill("New database name", "scratch");
        studio.click("Create database");
        studio.waitForText("Database 'scratch' created.");
        studio.click("Delete database scratch");
        studio.waitForText("Delete database 'scratch'?");
        studio.clickInDialog("Cancel");
        assertThat(studio.driver.findElements(By.cssSelector("tr[data-database='scratch']"))).hasSize(1);
        studio.click("Delete database scratch");
        studio.clickInDialog("Delete");
        studio.waitForText("Database 'scratch' deleted.");
        studio.waitFor("scratch gone", d -> d.findElements(By.cssSelector("tr[data-database='scratch']")).isEmpty());
    }

    @Test
    void everyControlIsLabelledAndTheKeyboardReachesIt() {
        for (String page : List.of("/studio/", "/studio/databases/shop/documents", "/studio/databases/shop/documents/new",
                "/studio/databases/shop/settings/connection-strings", "/studio/databases/shop/settings/ongoing-tasks",
                "/studio/databases/shop/settings/ongoing-tasks/sql-etl")) {
            studio.open(page);
            studio.waitFor("the page", d -> !d.findElements(By.cssSelector("main h1")).isEmpty());
            if (page.endsWith("sql-etl")) {
                studio.click("Add New Script");
                studio.click("Add Table");
            }
            @SuppressWarnings("unchecked")
            List<String> unlabelled = (List<String>) ((JavascriptExecutor) studio.driver).executeScript("""
                    return [...document.querySelectorAll('input, select, textarea, [contenteditable=true], button, a[href]')]
                      .filter(e => e.offsetParent !== null || e.getClientRects().length > 0)
                      .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                                   && !e.getAttribute('aria-labelledby') && !(e.textContent || '').trim())
                      .map(e => e.outerHTML.slice(0, 120));""");
            assertThat(unlabelled).as("controls without a name on " + page).isEmpty();
        }

        // Tab from the top of the Databases page reaches the form and every row's buttons, and leaves nothing out
        studio.open("/studio/");
        studio.waitFor("rows", d -> !d.findElements(By.cssSelector("tr[data-database]")).isEmpty());
        List<String> reached = new ArrayList<>();
        WebElement body = studio.driver.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        for (int i = 0; i < 12; i++) {
            WebElement active = studio.driver.switchTo().activeElement();
            reached.add(active.getTagName() + ":" + (active.getText().isBlank() ? active.getDomAttribute("id") : active.getText().trim()));
            active.sendKeys(Keys.TAB);
        }
        assertThat(reached).contains("a:Skip to content", "a:Databases", "input:new-database-name", "button:Create database", "a:shop", "a:Tasks",
                "button:Delete");
    }
}
