package io.callhook.db.store;

import static io.callhook.db.store.SqlStates.CHECK_VIOLATION;
import static io.callhook.db.store.SqlStates.UNIQUE_VIOLATION;
import static io.callhook.db.store.SqlStates.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallDetails;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallLinks;
import io.callhook.core.call.CallState;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.Contact;
import io.callhook.core.contract.TestWorld;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.port.out.UnitOfWork;
import io.callhook.core.retell.CallAnalysis;
import io.callhook.core.retell.CallType;
import io.callhook.core.retell.Direction;
import io.callhook.core.retell.Sentiment;
import io.callhook.db.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCallRepositoryTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    /** Configured like RetellEventParser's, so the trees are the kind the parser hands to the domain. */
    @SuppressWarnings("deprecation")
    private static final JsonMapper PARSER_LIKE = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final Instant T = Instant.parse("2026-09-22T10:15:30.123456Z");

    private UnitOfWork store;
    private CallLinks links;

    @BeforeEach
    void arrange() {
        DB.truncateAll();
        store = new PostgresUnitOfWork(DB.jdbi());
        TestWorld world = TestWorld.in(store);
        Organization org = world.organization("Acme");
        Agent agent = world.agent(org, "agent_a");
        Campaign campaign = world.processingCampaign(org, agent);
        Contact contact = world.contact(campaign, "+14155550101");
        links = new CallLinks(org.id(), agent.id(), campaign.id(), contact.id());
    }

    @Test
    void callWithEveryFieldSetReadsBackEqual() {
        Call call = fullCall("call_full");
        assertThat(CallDetails.class.getRecordComponents())
                .as("the fixture sets every CallDetails component, so none escapes the round trip")
                .allSatisfy(component -> assertThat(value(component, call.details())).isNotNull());

        save(call);
        Call loaded = store.inTransaction(s -> s.calls().find(call.id())).orElseThrow();

        assertThat(loaded).isEqualTo(call);
        assertThat(loaded.details().costCents()).isEqualTo(new BigDecimal("43.945"));
        assertThat(loaded.details().metadata().get("price").decimalValue()).isEqualTo(new BigDecimal("5.110"));
        assertThat(loaded.details().metadata().get("price").isBigDecimal()).isTrue();
        assertThat(loaded.details().metadata().get("huge").isBigInteger()).isTrue();
        assertThat(loaded.details().analysis().customAnalysisData().get("score").isBigDecimal()).isTrue();
        assertThat(loaded.details().ranks()).isEqualTo(call.details().ranks());
        assertThat(loaded.outcome()).isEqualTo(Outcome.CONNECTED);
    }

    @Test
    void jsonNumbersReadBackAsTheSameKindOfNode() {
        // what Python's json.dumps and JavaScript write: small floats in exponent form, trailing zeros, big integers
        JsonNode metadata = json("""
                {"tiny": 1e-05, "small": 2.5E-7, "scaled": 5.110, "zero": 0.0, "negative": -12.50, "int": 3,
                 "long": 9007199254740993, "big": 123456789012345678901234567890, "text": "1e-05"}
                """);
        Call base = Call.register(new CallId("call_numbers"), CallLinks.NONE, T);
        Call call = new Call(base.id(), base.links(), base.state(), base.stateRank(),
                new CallDetails(null, null, null, null, null, null, metadata, null, null, null, null, null, null, null,
                        null, null, null, null, null, Map.of("metadata", 2)), null, T);

        save(call);

        assertThat(find("call_numbers")).isEqualTo(call);
        assertThat(find("call_numbers").details().metadata().get("tiny").decimalValue())
                .isEqualTo(new BigDecimal("1e-05"));
    }

    @Test
    void theDerivedOutcomeIsStoredForQueries() {
        save(fullCall("call_outcome"));

        String outcome = DB.jdbi().withHandle(h -> h.createQuery("SELECT outcome FROM calls WHERE call_id = 'call_outcome'")
                .mapTo(String.class).one());

        assertThat(outcome).isEqualTo("connected");
    }

    @Test
    void anAnalysisWithEveryFieldAbsentIsNotConfusedWithNoAnalysis() {
        Call registered = Call.register(new CallId("call_empty_analysis"), CallLinks.NONE, T);
        CallDetails d = registered.details();
        Call withEmptyAnalysis = new Call(registered.id(), registered.links(), registered.state(),
                registered.stateRank(), new CallDetails(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, new CallAnalysis(null, null, null, null, null), null, null, d.ranks()),
                null, T);

        save(withEmptyAnalysis);
        save(Call.register(new CallId("call_no_analysis"), CallLinks.NONE, T));

        assertThat(find("call_empty_analysis").details().analysis()).isEqualTo(new CallAnalysis(null, null, null, null,
                null));
        assertThat(find("call_no_analysis").details().analysis()).isNull();
        assertThat(find("call_no_analysis")).isEqualTo(Call.register(new CallId("call_no_analysis"), CallLinks.NONE, T));
    }

    @Test
    void everyEnumValueOfACallIsAcceptedByItsColumn() {
        int i = 0;
        for (CallState state : CallState.values()) {
            for (Sentiment sentiment : Sentiment.values()) {
                Call base = fullCall("call_enum_" + i);
                CallDetails d = base.details();
                CallType type = CallType.values()[i % CallType.values().length];
                Direction direction = Direction.values()[i % Direction.values().length];
                Call call = new Call(base.id(), base.links(), state, base.stateRank(), new CallDetails(d.retellAgentId(),
                        d.agentVersion(), type, direction, d.fromNumber(), d.toNumber(), d.metadata(), d.startedAt(),
                        d.endedAt(), d.durationMs(), d.disconnectionReason(), d.costCents(), d.transcript(),
                        d.transcriptObject(), d.recordingUrl(), d.publicLogUrl(),
                        new CallAnalysis("s", false, sentiment, true, null), d.transferDestination(),
                        d.transferEndedAt(), d.ranks()), base.outcomeSeenAt(), base.createdAt());
                save(call);
                assertThat(find(call.id().value())).isEqualTo(call);
                i++;
            }
        }
    }

    @Test
    void savingAgainReplacesEveryColumnButKeepsTheCreationOrder() {
        Call first = Call.register(new CallId("call_1"), links, T);
        Call second = Call.register(new CallId("call_2"), links, T);
        save(first);
        save(second);
        Call firstLater = fullCall("call_1");

        save(firstLater);

        assertThat(find("call_1")).isEqualTo(firstLater);
        List<Call> byCampaign = store.inTransaction(s -> s.calls().findByCampaign(links.campaignId()));
        assertThat(byCampaign).extracting(Call::id).containsExactly(first.id(), second.id());
    }

    @Test
    void aSecondRowForACallIdIsImpossible() {
        save(Call.register(new CallId("call_once"), CallLinks.NONE, T));

        assertFailsWith(UNIQUE_VIOLATION, "calls_pkey", () -> DB.jdbi().useHandle(h -> h.execute("""
                INSERT INTO calls (call_id, state, state_rank, created_at) VALUES ('call_once', 'ongoing', 2, now())
                """)));
    }

    @Test
    void anUnknownStateIsRejectedByTheDatabase() {
        assertFailsWith(CHECK_VIOLATION, "calls_state_check", () -> DB.jdbi().useHandle(h -> h.execute("""
                INSERT INTO calls (call_id, state, state_rank, created_at) VALUES ('call_x', 'teleported', 2, now())
                """)));
        assertFailsWith(CHECK_VIOLATION, "calls_outcome_check", () -> DB.jdbi().useHandle(h -> h.execute("""
                INSERT INTO calls (call_id, state, state_rank, created_at, outcome)
                VALUES ('call_x', 'ended', 4, now(), 'CONNECTED')
                """)));
    }

    @Test
    void lockingACallIdWithoutARowMakesASecondLockerWaitAndThenSeeTheCommittedCall() throws Exception {
        CallId id = new CallId("call_raced");
        Call created = fullCall(id.value());
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);

        CompletableFuture<Optional<Call>> first = CompletableFuture.supplyAsync(() -> store.inTransaction(s -> {
            Optional<Call> seen = s.calls().lock(id);
            firstHoldsTheLock.countDown();
            awaitLatch(releaseFirst);
            s.calls().save(created);
            return seen;
        }));
        assertThat(firstHoldsTheLock.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Optional<Call>> second = CompletableFuture.supplyAsync(
                () -> store.inTransaction(s -> s.calls().lock(id)));

        await().atMost(Duration.ofSeconds(10)).until(() -> waitingAdvisoryLocks() == 1);
        assertThat(second).isNotDone();
        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
        // read after the lock was granted: the call the first transaction created, not the snapshot from before
        assertThat(second.get(10, TimeUnit.SECONDS)).contains(created);
    }

    @Test
    void lockingOneCallIdDoesNotBlockAnother() throws Exception {
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> store.inTransaction(s -> {
            s.calls().lock(new CallId("call_a"));
            firstHoldsTheLock.countDown();
            awaitLatch(releaseFirst);
            return null;
        }));
        try {
            assertThat(firstHoldsTheLock.await(10, TimeUnit.SECONDS)).isTrue();

            Optional<Call> other = CompletableFuture.supplyAsync(
                    () -> store.inTransaction(s -> s.calls().lock(new CallId("call_b")))).get(10, TimeUnit.SECONDS);

            assertThat(other).isEmpty();
        } finally {
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
        }
    }

    private static long waitingAdvisoryLocks() {
        return DB.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").mapTo(Long.class).one());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void save(Call call) {
        store.inTransaction(s -> {
            s.calls().save(call);
            return null;
        });
    }

    private Call find(String id) {
        return store.inTransaction(s -> s.calls().find(new CallId(id))).orElseThrow();
    }

    private Call fullCall(String id) {
        CallDetails details = new CallDetails(
                "agent_retell_1",
                7,
                CallType.PHONE_CALL,
                Direction.OUTBOUND,
                "+14155550100",
                "+14155550101",
                json("""
                        {"customer_id": "c-42", "price": 5.110, "huge": 123456789012345678901234567890,
                         "nested": {"list": [1, 2.50, "three", null, true], "empty": {}}, "unicode": "Grüße ✓"}
                        """),
                T,
                T.plusSeconds(187),
                187_432L,
                "user_hangup",
                new BigDecimal("43.945"),
                "Agent: Hello\nUser: Hi",
                json("""
                        [{"role": "agent", "content": "Hello", "words": [{"word": "Hello", "start": 0.5, "end": 0.90}]},
                         {"role": "user", "content": "Hi"}]
                        """),
                "https://example.test/recording.wav",
                "https://example.test/log",
                new CallAnalysis("Booked a demo.", false, Sentiment.POSITIVE, true,
                        json("{\"score\": 0.950, \"booked\": true, \"slot\": \"2026-09-23T10:00\"}")),
                "+14155550199",
                T.plusSeconds(400),
                Map.of("retell_agent_id", 5, "metadata", 2, "combined_cost", 6, "call_analysis", 5));
        return new Call(new CallId(id), links, CallState.ENDED, 5, details, T.plusSeconds(190), T);
    }

    private static JsonNode json(String text) {
        try {
            return PARSER_LIKE.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
