package io.guildmark.app.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's real browser: Debian's headless Chromium driven by Selenium through Debian's chromedriver (tests cannot
 * download browsers here). CI installs both; elsewhere the browser tests are skipped, saying so, when they are missing.
 */
public abstract class BrowserTest extends IntegrationTest {

    static final String CHROMIUM = System.getProperty("guildmark.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("guildmark.test.chromedriver", "/usr/bin/chromedriver");

    protected WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the browser tests, but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.assumeTrue(installed, "SKIPPED: Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** On a failure, what the browser showed is kept in target/screenshots for the person who reads the report. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.AfterTestExecutionCallback keepEvidence = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            screenshot("FAILED-" + context.getRequiredTestMethod().getName());
            try {
                Path dir = Path.of("target", "screenshots");
                Files.writeString(dir.resolve("FAILED-" + context.getRequiredTestMethod().getName() + ".html"),
                        browser.getCurrentUrl() + "\n" + browser.getPageSource());
            } catch (Exception ignored) {
                // the screenshot is what matters
            }
        }
    };

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    protected void open(String path) {
        browser.get(path.startsWith("http") ? path : baseUrl() + path);
    }

    protected WebElement find(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Replaces the text of the field with this id; looks the field up again if the page re-rendered it meanwhile. */
    protected void type(String id, String text) {
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement field = find(By.id(id));
                field.clear();
                field.sendKeys(text);
                return;
            } catch (org.openqa.selenium.WebDriverException e) {
                // The page replaced the field under us (a stale element, or Chromium's "node does not belong to the
                // document" while a navigation finishes): look it up again.
                if (attempt == 3 || !pageWasReplaced(e)) throw e;
            }
        }
    }

    private static boolean pageWasReplaced(org.openqa.selenium.WebDriverException e) {
        return e instanceof org.openqa.selenium.StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /** Clicks the button with this text in the page's main content, or else the link with this text there. */
    protected void click(String text) {
        String button = "//main//button[normalize-space()='" + text + "']";
        String link = "//main//a[normalize-space()='" + text + "']";
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.xpath(button + " | " + link)).isEmpty());
        var buttons = browser.findElements(By.xpath(button));
        (buttons.isEmpty() ? browser.findElement(By.xpath(link)) : buttons.get(0)).click();
    }

    protected String pageText() {
        return find(By.tagName("body")).getText();
    }

    protected void waitForText(String text) {
        // A page being replaced under us is not a failure: look again.
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return d.findElement(By.tagName("body")).getText().contains(text);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (pageWasReplaced(e)) return false;
                        throw e;
                    }
                });
    }

    /** Saves what the browser shows, for a person to look at (target/screenshots). */
    protected void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            System.err.println("Could not save screenshot " + name + ": " + e.getMessage());
        }
    }

    /** Signs in through the sign-in page, as a person would, after clearing any earlier session. */
    protected void signInAnew(String email, String password) {
        browser.manage().deleteAllCookies();
        open("/signin");
        type("email", email);
        type("password", password);
        click("Sign in");
        waitForText("Dashboard");
    }
}
