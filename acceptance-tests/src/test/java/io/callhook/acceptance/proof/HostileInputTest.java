package io.callhook.acceptance.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.callhook.acceptance.proof.hostile.HostileValues;
import io.callhook.acceptance.support.CallhookServer;
import io.callhook.acceptance.support.Fixtures;
import io.callhook.core.retell.RetellSigner;
import io.callhook.db.StorableValues;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.awaitility.core.ConditionFactory;
import org.jdbi.v3.core.Handle;

/**
 * Scenario 6: generated hostile requests against the real server on PostgreSQL. About 10,500 requests in CI (set
 * {@code -Dcallhook.hostile.scale=10} for ten times as many); whatever they hold, no answer is a 5xx or shows a stack
 * frame, class name, SQL or path; unsigned or mis-signed deliveries write nothing; signed ones are kept (2xx), their
 * values stored verbatim or by the {@link StorableValues} rule and readable through the API, and a later valid event
 * for the same call still applies.
 */
@PropertyDefaults(shrinking = ShrinkingMode.OFF)
class HostileInputTest {

    /** Requests per try; the tries are fixed by the annotations, so this is the knob for longer runs. */
    private static final int SCALE = Integer.getInteger("callhook.hostile.scale", 1);
    private static final CallhookServer SERVER = CallhookServer.start();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final RetellSigner SIGNER = new RetellSigner(CallhookServer.RETELL_API_KEY);
    /** Reads numbers as the server stores them: exact decimals. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong CALLS = new AtomicLong();
    /**
     * What a server gives away in an error answer. Not {@code "SELECT "}: the generator sends it (a field named
     * {@code $$; SELECT pg_sleep(1); $$}), and a 422 naming the caller's own unknown field is no leak.
     */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "javax.", "jakarta.",
            "io.callhook", "org.eclipse", "org.postgresql", "SQLState", "ERROR: ", "INSERT INTO", "UPDATE ", "jdbc:",
            "/home/",
            "/work/", "/tmp/", "/srv/", ".java");
    private static long started;
    /**
     * One database connection for the "nothing written" counts: the test data source opens a new PostgreSQL
     * connection per use, which cost more than the request it checked.
     */
    private static Handle database;

    @BeforeContainer
    static void startServer() throws Exception {
        SERVER.beforeAll(null);
        database = SERVER.jdbi().open();
        started = System.nanoTime();
    }

    @AfterContainer
    static void stopServer() {
        System.out.printf("HostileInputTest: %d requests, %d signed calls, %d s%n", REQUESTS.get(), CALLS.get(),
                (System.nanoTime() - started) / 1_000_000_000);
        database.close();
        SERVER.afterAll(null);
    }

    private static long inboxRows() {
        return database.createQuery("SELECT count(*) FROM webhook_events").mapTo(Long.class).one();
    }

    // ---- signed events: kept, readable, and the call goes on ------------------------------------------------------

    record Hostile(String callIdSuffix, String metadata, String transcript) {
    }

    @Provide
    Arbitrary<List<Hostile>> signedEvents() {
        Arbitrary<String> suffix = Arbitraries.of("", "\u0000", "\ud800", "' OR '1'='1", "<img src=x onerror=alert(1)>",
                "☎️Ω", " space", "\uFFFD");
        return Combinators.combine(suffix, HostileValues.jsonObject(), HostileValues.text())
                .as(Hostile::new).list().ofSize(SCALE);
    }

    @Property(tries = 1250)
    void signedHostileEventsAreKeptReadableAndTheCallGoesOn(@ForAll("signedEvents") List<Hostile> events)
            throws Exception {
        for (Hostile event : events) {
            String callId = "call_hostile_" + CALLS.incrementAndGet() + event.callIdSuffix();
            byte[] started = startedEvent(callId, event.metadata()).getBytes(StandardCharsets.UTF_8);

            HttpResponse<String> answer = post("/webhooks/retell", started, "application/json", SIGNER.sign(started,
                    Instant.now()));

            assertSafe(answer);
            if (started.length > CallhookServer.MAX_BODY_BYTES) {
                assertThat(answer.statusCode()).isEqualTo(413);
                continue;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
            String path = "/api/calls/" + URLEncoder.encode(StorableValues.text(callId), StandardCharsets.UTF_8)
                    .replace("+", "%20");
            JsonNode call = stored().until(() -> readCall(path), c -> c != null);
            JsonNode expected = StorableValues.json(JSON.readTree(event.metadata()));
            assertThat(sameJson(call.path("metadata"), expected))
                    .as("metadata %s stored as %s", event.metadata(), call.path("metadata")).isTrue();

            byte[] ended = endedEvent(callId, event.transcript()).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> endedAnswer = post("/webhooks/retell", ended, "application/json",
                    SIGNER.sign(ended, Instant.now()));
            assertThat(endedAnswer.statusCode()).as(endedAnswer.body()).isEqualTo(204);
            String transcript = StorableValues.text(event.transcript());
            stored().until(() -> readCall(path),
                    c -> c != null && c.path("state").asText().equals("ended")
                            && c.path("transcript").asText().equals(transcript));
        }
    }

    private static String startedEvent(String callId, String metadata) {
        return "{\"event\":\"call_started\",\"call\":{\"call_id\":" + HostileValues.quote(callId)
                + ",\"call_type\":\"phone_call\",\"agent_id\":\"agent_hostile\",\"from_number\":\"+14155550142\","
                + "\"to_number\":\"+12125550198\",\"direction\":\"outbound\",\"call_status\":\"ongoing\","
                + "\"start_timestamp\":1790006412873,\"metadata\":" + metadata + "}}";
    }

    private static String endedEvent(String callId, String transcript) {
        return "{\"event\":\"call_ended\",\"call\":{\"call_id\":" + HostileValues.quote(callId)
                + ",\"call_type\":\"phone_call\",\"agent_id\":\"agent_hostile\",\"from_number\":\"+14155550142\","
                + "\"to_number\":\"+12125550198\",\"direction\":\"outbound\",\"call_status\":\"ended\","
                + "\"start_timestamp\":1790006412873,\"end_timestamp\":1790006500000,"
                + "\"disconnection_reason\":\"user_hangup\",\"transcript\":" + HostileValues.quote(transcript) + "}}";
    }

    /**
     * A 204 means the event is stored, so the first look usually finds it: look at once and then often, instead of
     * Awaitility's default 100 ms before the first look, which alone made up most of this test's time.
     */
    private static ConditionFactory stored() {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    private static JsonNode readCall(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request(path).header("Authorization", "Bearer " + CallhookServer.API_TOKEN)
                .GET().build());
        assertSafe(answer);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
    }

    /** Equal JSON, numbers compared by value (jsonb writes {@code 1E+400} back as 1 followed by 400 zeros). */
    private static boolean sameJson(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        if (actual.isObject() && expected.isObject()) {
            if (actual.size() != expected.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!actual.has(field.getKey()) || !sameJson(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (actual.isArray() && expected.isArray()) {
            if (actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < actual.size(); i++) {
                if (!sameJson(actual.get(i), expected.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return actual.equals(expected);
    }

    // ---- unsigned and mis-signed deliveries: refused, nothing written ---------------------------------------------

    record Delivery(String path, byte[] body, String contentType, String signature) {
    }

    @Provide
    Arbitrary<List<Delivery>> unsignedDeliveries() {
        byte[] fixture = Fixtures.bytes("02-outbound-call_ended.json");
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                HostileValues.json(3).map(j -> j.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.integers().between(0, fixture.length - 1).tuple2().map(t -> {
                    byte[] mutated = fixture.clone();
                    mutated[t.get1()] = (byte) (mutated[t.get1()] ^ (1 + t.get2() % 255));
                    return mutated;
                }),
                Arbitraries.just(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        Arbitrary<String> paths = Arbitraries.of("/webhooks/retell", "/webhooks/retell", "/webhooks/retell/",
                "/webhooks/retell?x=%00", "/webhooks//retell", "/webhooks/retell;a=b", "/webhooks/RETELL");
        Arbitrary<String> types = Arbitraries.of("application/json", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/xml", "*/*",
                "text/csv", "application/octet-stream");
        return Combinators.combine(paths, bodies, types, Arbitraries.integers().between(0, 7),
                        Arbitraries.strings().ascii().ofMaxLength(80).map(s -> s.replaceAll("[\\x00-\\x1f\\x7f]", "")))
                .as((path, body, type, kind, junk) -> new Delivery(path, body, type, switch (kind) {
                    case 0 -> null;
                    case 1 -> "";
                    case 2 -> junk;
                    case 3 -> "v=1,d=00";
                    case 4 -> new RetellSigner("key_not_configured_1234").sign(body, Instant.now());
                    case 5 -> SIGNER.sign(body, Instant.now().minus(Duration.ofMinutes(6)));
                    case 6 -> SIGNER.sign(fixture, Instant.now()); // a real signature over other bytes
                    default -> SIGNER.sign(body, Instant.now().plus(Duration.ofMinutes(6)));
                }))
                .list().ofSize(SCALE);
    }

    @Property(tries = 3000)
    void unsignedDeliveriesAreRefusedAndWriteNothing(@ForAll("unsignedDeliveries") List<Delivery> deliveries)
            throws Exception {
        for (Delivery delivery : deliveries) {
            long inboxBefore = inboxRows();

            HttpResponse<String> answer = post(delivery.path(), delivery.body(), delivery.contentType(),
                    delivery.signature());

            assertSafe(answer);
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(inboxRows()).isEqualTo(inboxBefore);
        }
    }

    // ---- the API: every refusal a typed 4xx -----------------------------------------------------------------------

    @Provide
    Arbitrary<List<HttpRequest>> apiRequests() {
        Arbitrary<HttpRequest> organizations = Arbitraries.oneOf(
                HostileValues.json(2).map(v -> "{\"name\":" + v + "}"), HostileValues.json(3))
                .map(body -> apiPost("/api/organizations", "application/json", body));
        Arbitrary<HttpRequest> calls = HostileValues.text().map(t -> apiGet("/api/calls/" + encode(t)));
        Arbitrary<HttpRequest> activity = Combinators.combine(HostileValues.text(), HostileValues.text(),
                        HostileValues.text())
                .as((since, limit, org) -> apiGet("/api/activity?since=" + encode(since) + "&limit=" + encode(limit)
                        + "&organizationId=" + encode(org)));
        Arbitrary<HttpRequest> campaigns = Combinators.combine(HostileValues.text(), HostileValues.json(2))
                .as((id, body) -> apiPost("/api/organizations/" + encode(id) + "/campaigns", "application/json",
                        "{\"agent_id\":" + body + ",\"name\":" + body + ",\"max_attempts\":" + body + "}"));
        Arbitrary<HttpRequest> csv = HostileValues.text().map(t -> apiPost(
                "/api/campaigns/3f2b9c1e-8d4a-4c6b-9e0f-1a2b3c4d5e6f/contacts", "text/csv",
                "phone_number,name\n" + t + "," + t + "\n"));
        return Arbitraries.oneOf(organizations, calls, activity, campaigns, csv).list().ofSize(SCALE);
    }

    @Property(tries = 2500)
    void apiRequestsAreAnsweredWithoutServerErrorsOrLeaks(@ForAll("apiRequests") List<HttpRequest> requests)
            throws Exception {
        for (HttpRequest request : requests) {
            if (refusedByJettysParser(request)) {
                assertRefusedByJettysParser(request);
                continue;
            }
            HttpResponse<String> answer = send(request);

            assertSafe(answer);
            assertThat(answer.statusCode()).as(request + " " + answer.body()).isLessThan(500);
        }
    }

    /** Jetty's request-head buffer (Dropwizard's default {@code maxRequestHeaderSize}, 8 KiB). */
    private static final int REQUEST_HEAD_LIMIT = 8 * 1024;

    /**
     * Request lines Jetty's HTTP parser refuses before the application sees them: longer than its 8 KiB head buffer
     * (the generator makes texts of 20,000 characters, up to 180 KB of URI), or with an encoded NUL in the path.
     */
    private static boolean refusedByJettysParser(HttpRequest request) {
        String path = request.uri().getRawPath();
        return path.length() > REQUEST_HEAD_LIMIT || path.toUpperCase(java.util.Locale.ROOT).contains("%00");
    }

    /**
     * Jetty answers such a request (414, or 400) and closes the connection without reading the rest of it. The
     * kernel answers the unread bytes still arriving (the rest of the head, the body) with a reset, which can throw
     * the answer away before this client reads it: the answer, when it arrives, must be Jetty's typed refusal; a reset
     * is the transport's, not a lost event (README, "Known limits").
     */
    private static void assertRefusedByJettysParser(HttpRequest request) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = send(request);
        } catch (IOException resetBeforeTheAnswerWasRead) {
            return;
        }
        assertSafe(answer);
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 414);
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest apiGet(String path) {
        return request(path).header("Authorization", "Bearer " + CallhookServer.API_TOKEN).GET().build();
    }

    private static HttpRequest apiPost(String path, String contentType, String body) {
        return request(path).header("Authorization", "Bearer " + CallhookServer.API_TOKEN)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static HttpResponse<String> post(String path, byte[] body, String contentType, String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Retell-Signature", signature);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        REQUESTS.incrementAndGet();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** No 5xx, and an error answer gives nothing of the server away. */
    private static void assertSafe(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
        if (answer.statusCode() >= 400) {
            assertThat(answer.body()).startsWith("{\"error\":\"").doesNotContain(LEAKS);
        }
    }
}
