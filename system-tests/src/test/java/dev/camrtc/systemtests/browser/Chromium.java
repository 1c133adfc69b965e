package dev.camrtc.systemtests.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Debian Chromium driven through Debian's chromedriver (never a downloaded one), with a
 * fresh profile that is deleted on {@link #close()}. Flags: the closed-network set of the project (no
 * background networking, no QUIC, no mDNS-hidden host candidates, autoplay allowed), and no host name
 * resolves but loopback.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static Chromium shared;

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium with a window of this size and any extra flags. */
    public static Chromium start(int width, int height, String... extraFlags) throws IOException {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Chromium or its driver is missing (" + BROWSER + ", " + DRIVER
                    + "): run scripts/test.sh, which installs them, or apt-get install chromium chromium-driver");
        }
        // Selenium Manager must never try to download a browser or driver.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile = Files.createTempDirectory("camrtc-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                // belt and braces for the closed network: no pings, reports or lookups of any outside host
                "--disable-domain-reliability", "--disable-breakpad", "--disable-client-side-phishing-detection",
                "--no-pings", "--disable-default-apps", "--metrics-recording-only",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
        options.addArguments(extraFlags);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        try {
            return new Chromium(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    /**
     * One browser for every test class of this JVM (starting Chromium costs seconds), at 1280x800, with
     * the default flags; closed when the JVM exits. Tests must not close it.
     */
    public static synchronized Chromium shared() throws IOException {
        if (shared == null) {
            Chromium browser = start(1280, 800);
            Runtime.getRuntime().addShutdownHook(new Thread(browser::close, "chromium-shutdown"));
            shared = browser;
        }
        shared.driver.manage().window().setSize(new Dimension(1280, 800));
        return shared;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns its value. */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs a script whose last argument is the callback to call with the result. */
    public Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class); // the page re-renders lists as they change
        return wait;
    }

    /** Clicks the element matching {@code css} once it is there (re-finding it if the page re-rendered it). */
    public void click(String css, Duration timeout) {
        waiting(timeout).withMessage(() -> "cannot click " + css + "\n" + console()).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return false;
            }
            found.get(0).click();
            return true;
        });
    }

    /** The first element matching {@code css}, waiting up to {@code timeout} for it. */
    public WebElement waitFor(String css, Duration timeout) {
        return waiting(timeout).withMessage(() -> "no " + css + " within " + timeout + "\n" + console())
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until no element matches {@code css}. */
    public void waitGone(String css, Duration timeout) {
        waiting(timeout).withMessage(() -> css + " is still there after " + timeout)
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), 0));
    }

    /** Waits until the first element matching {@code css} contains {@code text}; returns its whole text. */
    public String waitForText(String css, String text, Duration timeout) {
        String[] last = {null};
        return waiting(timeout)
                .withMessage(() -> css + " never showed '" + text + "' (last: " + last[0] + ")\n" + console())
                .until(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector(css));
                    last[0] = found.isEmpty() ? null : found.get(0).getAttribute("textContent");
                    return last[0] != null && last[0].contains(text) ? last[0] : null;
                });
    }

    /** Polls {@code condition} until it holds. */
    public void waitUntil(BooleanSupplier condition, String what, Duration timeout) {
        waiting(timeout).withMessage(() -> what + ": not within " + timeout + "\n" + console())
                .until(d -> condition.getAsBoolean());
    }

    /** PNG of the viewport. */
    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    /** The browser console since the last call (for failure messages). */
    public String console() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        StringBuilder text = new StringBuilder();
        for (LogEntry e : entries) {
            text.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
