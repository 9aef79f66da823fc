package io.callhook.acceptance.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and chromedriver ({@code apt-get install chromium chromium-driver}), started with
 * explicit paths so Selenium never tries to download a browser or driver, and with a fresh profile each time. Tests
 * are skipped, saying why, only when the two programs are not installed.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of(System.getProperty("callhook.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("callhook.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Chromium is not installed (" + BROWSER + ", " + DRIVER + "): the dashboard's browser tests need "
                        + "`apt-get install -y chromium chromium-driver` (.ci/run installs them)");
    }

    static ChromeDriver start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("callhook-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1700", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
