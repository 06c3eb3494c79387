package dev.hookline.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.hookline.status.TektonStatus;
import dev.hookline.tekton.TektonCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The status page in a real browser, Debian's headless Chromium driven through its chromedriver: a run turns from
 * pending to success on screen without a reload. Skipped, saying why, where Chromium is not installed.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class StatusPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target/screenshots/status-page.png");
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static WebDriver browser;
    private static Path profile;

    @TestHTTPResource("/")
    URL page;

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " apt-get install -y chromium chromium-driver");
        profile = Files.createTempDirectory("hookline-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1440,900", "--user-data-dir=" + profile);
        // The driver is named, so Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void aRunTurnsFromPendingToSuccess_withoutAReload() throws IOException {
        String repository = Pushes.hostileRepository("browser");
        String sha = Pushes.randomSha();
        GenericKubernetesResource run = Pushes.push(client, repository, "refs/heads/main", sha, "any-branch");
        String key = "ci/" + run.getMetadata().getName();
        // Tracked, and its pending status recorded, before the page opens: its first paint shows it.
        await().atMost(BOUND).until(() -> StatusPageTest.row(given().get("/").asString(), key).contains("dry run"));

        browser.get(page.toString());
        By state = By.cssSelector("tr[data-run='" + key + "'] .pill");
        WebDriverWait wait = new WebDriverWait(browser, BOUND);
        wait.until(ExpectedConditions.textToBe(state, "pending"));
        assertThat(browser.findElement(By.cssSelector("tr[data-run='" + key + "'] td.repo")).getText())
                .isEqualTo(repository);
        // A mark on this very document: a reload would lose it.
        ((JavascriptExecutor) browser).executeScript("window.hooklineNoReload = true;");

        Instant start = Instant.now().minusSeconds(133);
        TektonStatus.write(client, "tekton.dev/v1", "ci", run.getMetadata().getName(), "True", "Succeeded", "done",
                start, start.plusSeconds(133));

        wait.until(ExpectedConditions.textToBe(state, "success"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-run='" + key + "'] td.statuses"),
                "Succeeded in 2m13s"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.hooklineNoReload === true;"))
                .isEqualTo(true);
        WebElement pill = browser.findElement(state);
        // The stylesheet applied (the content security policy let it through): success is green.
        assertThat(pill.getCssValue("background-color")).isEqualTo("rgba(26, 127, 55, 1)");
        assertThat(browser.findElement(By.id("live-status")).getText()).isEqualTo("Live");

        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
