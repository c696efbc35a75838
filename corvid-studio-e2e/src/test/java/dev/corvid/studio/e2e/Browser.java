package dev.corvid.studio.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium: no browser or driver
 * is downloaded. The flags keep Chromium off the network (this machine's network is closed) and let
 * it run as root. Each browser gets a fresh profile folder.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("studio.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("studio.chromedriver", "/usr/bin/chromedriver"));
    /** The two sizes the Studio must be readable at. */
    static final Viewport DESKTOP = new Viewport("1280", 1280, 800);
    static final Viewport PHONE = new Viewport("390", 390, 844);
    static final Path SCREENSHOTS = Path.of("target", "studio-screenshots");

    record Viewport(String name, int width, int height) {
    }

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The Studio's browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver (.ci/run does this).");
        }
        Path profile = Files.createTempDirectory("corvid-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=en-US",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP.width() + "," + DESKTOP.height());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Browser browser = new Browser(driver, profile);
        browser.viewport(DESKTOP);
        return browser;
    }

    /** Sets the page's viewport to exactly this size (the window's size includes no browser chrome in headless mode, but be exact). */
    void viewport(Viewport viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", viewport.width(), "height", viewport.height(), "deviceScaleFactor", 1,
                "mobile", viewport.width() < 600));
    }

    /** Saves what the viewport shows as target/studio-screenshots/{name}-{viewport}.png. */
    Path screenshot(String name, Viewport viewport) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + "-" + viewport.name() + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Every resource the page loaded, by URL (Resource Timing). */
    @SuppressWarnings("unchecked")
    List<String> loadedResources() {
        return (List<String>) driver.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
