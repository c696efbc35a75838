package dev.corvid.studio.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does in Corvid Studio, in the words on the screen: click the button called "Save",
 * type into the field labelled "Task name", read the page. Every lookup waits (up to 20 s) for the
 * element to appear, so tests never sleep.
 */
final class Studio {
    static final Duration WAIT = Duration.ofSeconds(20);

    final Browser browser;
    final WebDriver driver;
    private final String baseUrl;
    private final List<Path> screenshots = new ArrayList<>();

    Studio(Browser browser, String baseUrl) {
        this.browser = browser;
        this.driver = browser.driver;
        this.baseUrl = baseUrl;
    }

    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + "; the page says:\n" + pageText())
                .until(condition);
    }

    void open(String path) {
        driver.get(baseUrl + path);
        waitFor("the Studio to start", d -> !d.findElements(By.cssSelector("#app main")).isEmpty());
    }

    String pageText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no page: " + e.getMessage() + ")";
        }
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    void waitForText(String text) {
        waitFor("the text '" + text + "'", d -> pageText().contains(text));
    }

    void waitForHeading(String text) {
        waitFor("a heading '" + text + "'", d -> d.findElements(By.cssSelector("h1")).stream()
                .anyMatch(h -> h.getText().contains(text)));
    }

    /** The visible button or link with exactly this text (or this accessible label). */
    WebElement control(String text) {
        String literal = xpathLiteral(text);
        By by = By.xpath("//button[normalize-space()=" + literal + " or @aria-label=" + literal + "]"
                + " | //a[normalize-space()=" + literal + " or @aria-label=" + literal + " or normalize-space(strong)=" + literal + "]");
        return waitFor("a button or link '" + text + "'", d -> d.findElements(by).stream()
                .filter(WebElement::isDisplayed).filter(WebElement::isEnabled).findFirst().orElse(null));
    }

    /** Clicks a button in the open dialog (the page behind it has buttons with the same text). */
    void clickInDialog(String text) {
        WebElement button = waitFor("a button '" + text + "' in the dialog", d -> d.findElements(
                By.xpath("//dialog[@open]//button[normalize-space()=" + xpathLiteral(text) + "]")).stream()
                .filter(WebElement::isEnabled).findFirst().orElse(null));
        button.click();
        waitFor("the dialog to close", d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
    }

    void click(String text) {
        WebElement element = control(text);
        scrollIntoView(element);
        element.click();
    }

    /** The input, select, or code editor labelled {@code label} (the n-th one when several are). */
    WebElement field(String label, int index) {
        String literal = xpathLiteral(label);
        return waitFor("a field labelled '" + label + "'", d -> {
            List<WebElement> labels = d.findElements(By.xpath("//label[normalize-space()=" + literal + "]"));
            List<WebElement> fields = new ArrayList<>();
            for (WebElement l : labels) {
                String id = l.getDomAttribute("for");
                if (id != null) {
                    fields.addAll(d.findElements(By.id(id)));
                }
            }
            fields.addAll(d.findElements(By.cssSelector("[aria-label=" + cssString(label) + "]")));
            List<WebElement> visible = fields.stream().filter(WebElement::isDisplayed).toList();
            return visible.size() > index ? visible.get(index) : null;
        });
    }

    WebElement field(String label) {
        return field(label, 0);
    }

    /** Replaces the text of an input (or code editor) the way a person would: select all, type. */
    void fill(String label, String text) {
        fill(field(label), text);
    }

    void fill(WebElement input, String text) {
        scrollIntoView(input);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        input.sendKeys(Keys.BACK_SPACE);
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
    }

    void choose(String label, String visibleText) {
        WebElement element = field(label);
        scrollIntoView(element);
        waitFor("an option '" + visibleText + "' in '" + label + "'", d -> new Select(element).getOptions().stream()
                .anyMatch(o -> o.getText().equals(visibleText)));
        new Select(element).selectByVisibleText(visibleText);
    }

    void check(String label) {
        WebElement box = driver.findElement(By.xpath("//label[contains(normalize-space(), " + xpathLiteral(label) + ")]//input[@type='checkbox']"));
        if (!box.isSelected()) {
            scrollIntoView(box);
            box.click();
        }
    }

    /** Text of a code editor (CodeMirror), by its label. */
    String code(String label) {
        return field(label).getText();
    }

    void scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /**
     * Screenshots of the current page at 390 px wide and at 1280×800 (left at 1280×800); fails when
     * the page is wider than the screen, so nothing needs scrolling sideways.
     */
    void screenshots(String name) throws IOException {
        screenshots(name, null);
    }

    /** As {@link #screenshots(String)}, with {@code shown} scrolled into view instead of the top of the page. */
    void screenshots(String name, WebElement shown) throws IOException {
        for (Browser.Viewport viewport : List.of(Browser.PHONE, Browser.DESKTOP)) {
            browser.viewport(viewport);
            ((JavascriptExecutor) driver).executeScript("document.activeElement?.blur?.();"
                    + "if (arguments[0]) arguments[0].scrollIntoView({block: 'start'}); else window.scrollTo(0, 0);", shown);
            waitFor("layout at " + viewport.name(), d -> ((Number) ((JavascriptExecutor) d)
                    .executeScript("return document.documentElement.clientWidth")).intValue() == viewport.width());
            screenshots.add(browser.screenshot(name, viewport));
            long pageWidth = ((Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth")).longValue();
            if (pageWidth > viewport.width()) {
                throw new AssertionError("'" + name + "' is " + pageWidth + " px wide at " + viewport.width()
                        + " px: the page scrolls sideways (see its screenshot)");
            }
        }
    }

    List<Path> screenshotFiles() {
        return screenshots;
    }

    static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    static String cssString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
