package io.callhook.acceptance.dashboard;

import static io.callhook.acceptance.support.Fixtures.BOOKED;
import static io.callhook.acceptance.support.Fixtures.BOOKED_CALL;
import static io.callhook.acceptance.support.Fixtures.BOOKED_CONTACT;
import static io.callhook.acceptance.support.Fixtures.FRONT_DESK_AGENT;
import static io.callhook.acceptance.support.Fixtures.INBOUND;
import static io.callhook.acceptance.support.Fixtures.INBOUND_NUMBER;
import static io.callhook.acceptance.support.Fixtures.INBOUND_WEBHOOK;
import static io.callhook.acceptance.support.Fixtures.NO_ANSWER;
import static io.callhook.acceptance.support.Fixtures.NO_ANSWER_CONTACT;
import static io.callhook.acceptance.support.Fixtures.OUTBOUND_AGENT;
import static io.callhook.acceptance.support.Fixtures.VOICEMAIL;
import static io.callhook.acceptance.support.Fixtures.VOICEMAIL_CONTACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import io.callhook.acceptance.support.Management;
import io.callhook.acceptance.support.SignedWebhookClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless Chromium against a real server on PostgreSQL, as an operator uses it: sign in with
 * the token, watch calls arrive and a campaign's progress move as Retell posts signed webhooks — without reloading —,
 * open a call, mark an inbound-call notification read, pause the campaign. A wrong token gets a clear message. The
 * last state is saved as {@code target/dashboard.png}.
 *
 * <p>Ingestion may apply deliveries asynchronously, so every expectation waits (Awaitility) for the page to show it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final CallhookServer server = CallhookServer.start(Map.of(
            "stream.healthInterval", "1s", "stream.heartbeatInterval", "5s"));

    private static ChromeDriver browser;
    private static SignedWebhookClient retell;
    private static String campaign;

    @BeforeAll
    static void anOperatorHasSetUpACampaignAndOpensTheDashboard() {
        HeadlessChromium.assumeInstalled();
        Management manage = new Management(server.api());
        String organization = manage.organization("Acme Dental").path("id").asText();
        manage.user(organization, "frontdesk@acme.test", "Front desk");
        String outbound = manage.agent(organization, OUTBOUND_AGENT, "Recall").path("id").asText();
        String frontDesk = manage.agent(organization, FRONT_DESK_AGENT, "Front desk").path("id").asText();
        manage.phoneNumber(organization, INBOUND_NUMBER, frontDesk);
        campaign = manage.campaign(organization, outbound, "September recall", List.of("no_answer"), 2, 3600)
                .path("id").asText();
        manage.contactsCsv(campaign, "phone_number,name\n" + BOOKED_CONTACT + ",Maria Lopez\n"
                + NO_ANSWER_CONTACT + ",Sam Carter\n" + VOICEMAIL_CONTACT + ",Lee Park\n");
        manage.status(campaign, "processing");
        retell = server.webhook();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The page re-renders lists as events arrive, so an element found a moment ago may be gone: look again. */
    private static ConditionFactory waiting() {
        return await().atMost(WAIT).ignoreExceptions();
    }

    private static void click(String css) {
        waiting().untilAsserted(() -> find(css).click());
    }

    private static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    /**
     * The text as the operator sees it, read in the page in one step: finding an element and then asking for its text
     * are two WebDriver calls, and a re-render between them fails the read with a stale element.
     */
    private static String text(String css) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
        return String.valueOf(text);
    }

    private static void deliver(List<String> fixtures) {
        for (String fixture : fixtures) {
            assertThat(retell.post(Fixtures.bytes(fixture)).status()).as(fixture).isIn(200, 204);
        }
    }

    private static void signIn(String token) {
        browser.get(server.baseUri() + "/");
        waiting().until(() -> find("#token").isDisplayed());
        find("#token").sendKeys(token);
        find("#login-form button[type=submit]").click();
    }

    @Test
    @Order(1)
    void aWrongTokenGetsAClearMessageNotABlankPage() {
        signIn("not-the-token");

        waiting().until(() -> find("#login-error").isDisplayed());
        assertThat(text("#login-error")).isEqualTo(
                "That API token was not accepted. Check the value of CALLHOOK_API_TOKEN on the server and try again.");
        assertThat(find("#dashboard").isDisplayed()).isFalse();
        assertThat(find("#token").isDisplayed()).isTrue();
    }

    @Test
    @Order(2)
    void callsAppearAndTheCampaignMovesWithoutReloading() {
        signIn(CallhookServer.API_TOKEN);
        String card = "article[data-campaign-id='" + campaign + "']";
        waiting().until(() -> text(card + " .progress-text").startsWith("0 of 3 contacts finished"));
        waiting().until(() -> "live".equals(find("#live-status").getAttribute("data-state")));
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");

        deliver(BOOKED);

        String row = "tr[data-call-id='" + BOOKED_CALL + "']";
        waiting().until(() -> "ended".equals(attribute(row, "data-state")));
        waiting().until(() -> text(card + " .progress-text").startsWith("1 of 3 contacts finished"));
        assertThat(text(row)).contains("ended", "connected", "September recall");
        assertThat(text(card + " [data-outcome='connected']")).contains("connected", "1");
        assertThat(text(card + " [data-rate='success']")).isEqualTo("100%");

        deliver(NO_ANSWER);
        deliver(VOICEMAIL);

        waiting().until(() -> text(card + " .progress-text").startsWith("2 of 3 contacts finished"));
        waiting().until(() -> browser.findElements(By.cssSelector("#call-rows tr[data-call-id]")).size() == 3);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;")).isEqualTo("yes");
    }

    @Test
    @Order(3)
    void aCallOpensWithItsTranscriptSummaryAndAnalysis() {
        click("tr[data-call-id='" + BOOKED_CALL + "'] button");

        waiting().until(() -> find("#call-detail").isDisplayed()
                && !text("#call-detail [data-field='transcript']").isEmpty());
        assertThat(text("#call-detail-title")).isEqualTo("Call " + BOOKED_CALL);
        assertThat(text("#call-detail [data-field='transcript']")).isNotEqualTo("No transcript yet.");
        assertThat(text("#call-detail [data-field='summary']")).isNotEqualTo("No summary yet.");
    }

    @Test
    @Order(4)
    void anInboundCallNotifiesAndTheNotificationIsMarkedRead() {
        deliver(List.of(INBOUND_WEBHOOK));
        deliver(INBOUND);

        String unread = "#notification-list li.unread";
        waiting().until(() -> !browser.findElements(By.cssSelector(unread)).isEmpty());
        String id = attribute(unread, "data-notification-id");
        assertThat(text("li[data-notification-id='" + id + "']")).startsWith("Inbound call from");

        click("li[data-notification-id='" + id + "'] button");

        waiting().until(() -> "true".equals(attribute("li[data-notification-id='" + id + "']", "data-read")));
        assertThat(attribute("li[data-notification-id='" + id + "']", "class")).isEqualTo("read");
    }

    @Test
    @Order(5)
    void theCampaignIsPausedFromItsCard() {
        String card = "article[data-campaign-id='" + campaign + "']";

        click(card + " button[data-move='paused']");

        waiting().until(() -> "paused".equals(attribute(card, "data-status")));
        assertThat(text(card + " .badge")).isEqualTo("paused");
        assertThat(text(card + " button[data-move='processing']")).isEqualTo("Resume");
        assertThat(server.api().get("/api/campaigns/" + campaign).json().path("status").asText()).isEqualTo("paused");
    }

    @Test
    @Order(6)
    void webhookHealthCountsDeliveriesAndRefusedSignatures() throws Exception {
        assertThat(retell.postWithSignature(Fixtures.bytes(BOOKED.get(0)), "v=1,d=" + "0".repeat(64)).status())
                .isEqualTo(401);
        deliver(List.of(BOOKED.get(0))); // a duplicate

        waiting().until(() -> !"0".equals(text("[data-reason='outside_window']"))
                && !"0".equals(text("[data-total='duplicate']")));
        // Every delivery of the earlier tests was applied once: 4 booked, 2 no-answer, 3 voicemail, the inbound-call
        // request and 3 inbound events.
        assertThat(text("[data-total='applied']")).isEqualTo("13");
        waiting().until(() -> text("[data-ingestion='lag']").endsWith(" ms"));
        assertThat(text("[data-ingestion='pending']")).isEqualTo("0");
        assertThat(text("[data-ingestion='dead']")).isEqualTo("0");
        assertThat(browser.findElements(By.cssSelector("#deliveries-chart canvas"))).isNotEmpty();

        click("#call-detail-close");
        waiting().until(() -> !find("#call-detail").isDisplayed());
        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    /** An attribute read in the page in one step, for the same reason as {@link #text(String)}. */
    private static String attribute(String css, String name) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
    }
}
