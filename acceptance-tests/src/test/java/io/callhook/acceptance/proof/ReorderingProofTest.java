package io.callhook.acceptance.proof;

import static io.callhook.acceptance.support.Fixtures.BOOKED;
import static io.callhook.acceptance.support.Fixtures.BOOKED_CONTACT;
import static io.callhook.acceptance.support.Fixtures.CANCELLED_TRANSFER;
import static io.callhook.acceptance.support.Fixtures.CHAT;
import static io.callhook.acceptance.support.Fixtures.FRONT_DESK_AGENT;
import static io.callhook.acceptance.support.Fixtures.INBOUND;
import static io.callhook.acceptance.support.Fixtures.INBOUND_NUMBER;
import static io.callhook.acceptance.support.Fixtures.INBOUND_WEBHOOK;
import static io.callhook.acceptance.support.Fixtures.NO_ANSWER;
import static io.callhook.acceptance.support.Fixtures.NO_ANSWER_CONTACT;
import static io.callhook.acceptance.support.Fixtures.OUTBOUND_AGENT;
import static io.callhook.acceptance.support.Fixtures.OUTBOUND_NUMBER;
import static io.callhook.acceptance.support.Fixtures.TRANSFER;
import static io.callhook.acceptance.support.Fixtures.VIP_AGENT;
import static io.callhook.acceptance.support.Fixtures.VOICEMAIL;
import static io.callhook.acceptance.support.Fixtures.VOICEMAIL_CONTACT;
import static io.callhook.acceptance.support.Fixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callhook.acceptance.proof.support.Load;
import io.callhook.acceptance.proof.support.Load.Delivery;
import io.callhook.acceptance.proof.support.Load.Sent;
import io.callhook.acceptance.proof.support.ProofCluster;
import io.callhook.acceptance.proof.support.Snapshot;
import io.callhook.acceptance.support.Fixtures;
import io.callhook.acceptance.support.Management;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 1, reordering: Retell gives no order guarantee between the events of a call, retries them, and a load
 * balancer spreads the copies over servers. For every recorded lifecycle (plus a call known only by its analysis and
 * one that ended without a start event), each order of its events, with each event delivered three times at once over
 * both server processes, must leave exactly the database that one in-order delivery leaves: same calls, contacts,
 * attempts, campaign counters, notifications and inbox rows, and the same entities created in the activity trail
 * (whose other entries record the path the events took, see {@link Snapshot#withActivityReducedToCreations()}), none
 * of them twice.
 *
 * <p>Scale knob: {@code proof.reorder.permutations}, the most orders tried per lifecycle (3 in the build, drawn with
 * a fixed seed, always including the reverse order; {@code 0} tries every order: 787 in all, 720 of them the
 * six-event warm transfer).
 */
class ReorderingProofTest {

    @RegisterExtension
    static final ProofCluster cluster = ProofCluster.shared();

    private static final int MAX_PERMUTATIONS = Integer.getInteger("proof.reorder.permutations", 3);
    private static final int COPIES = 3;

    static Stream<Arguments> lifecycles() {
        return Stream.of(
                Arguments.of("booked outbound call", BOOKED),
                Arguments.of("outbound call not answered", NO_ANSWER),
                Arguments.of("outbound call to voicemail", VOICEMAIL),
                Arguments.of("inbound call routed by our webhook", concat(List.of(INBOUND_WEBHOOK), INBOUND)),
                Arguments.of("inbound call warm-transferred", TRANSFER),
                Arguments.of("cancelled transfer", List.of(CANCELLED_TRANSFER)),
                Arguments.of("web call", List.of(WEB)),
                Arguments.of("analysed only", List.of("03-outbound-call_analyzed.json")),
                Arguments.of("ended without started", List.of("02-outbound-call_ended.json",
                        "03-outbound-call_analyzed.json")),
                Arguments.of("chat", CHAT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycles")
    void everyOrderOfALifecycleDeliveredThriceAtOnceOverTwoServersEndsAsInOrderDelivery(String lifecycle,
                                                                                       List<String> fixtures) {
        freshWorld();
        List<Sent> inOrder = new Load(cluster.servers().subList(0, 1), 1).sendAll(deliveries(fixtures));
        assertThat(inOrder).allSatisfy(s -> assertThat(s.acknowledged()).as("%s", s).isTrue());
        Snapshot expected = settledSnapshot().withActivityReducedToCreations();

        List<List<String>> orders = orders(fixtures);
        Load copiesAtOnce = new Load(cluster.servers(), COPIES);
        long started = System.nanoTime();
        for (List<String> order : orders) {
            freshWorld();
            for (Delivery event : deliveries(order)) {
                List<Sent> sent = copiesAtOnce.sendAll(Collections.nCopies(COPIES, event));
                assertThat(sent).as("order %s", order)
                        .allSatisfy(s -> assertThat(s.acknowledged()).as("%s", s).isTrue());
            }
            Snapshot state = settledSnapshot();
            assertThat(state.withActivityReducedToCreations().differencesFrom(expected)).as("order %s", order)
                    .isEmpty();
            assertThat(state.activity()).as("no copy adds to the activity trail, order %s", order)
                    .doesNotHaveDuplicates();
            assertThat(Snapshot.inboxAttempts(cluster.jdbi()).values()).as("every copy counted, order %s", order)
                    .containsOnly(COPIES);
        }
        System.out.printf("proof 1 (reordering) %s: %d events, %d of %d orders, %d copies each at once over 2"
                        + " servers: %d requests in %d s, all acknowledged, all equal to in-order delivery (%d rows)%n",
                lifecycle, fixtures.size(), orders.size(), factorial(fixtures.size()), COPIES,
                orders.size() * fixtures.size() * COPIES, Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                expected.size());
    }

    /**
     * An empty database, then what the recorded calls need, through the management API: the organisation with two
     * users, its three agents, our outbound number and our inbound number (answered by the VIP agent), and a running
     * campaign of the three recorded contacts that retries an unanswered call once.
     */
    private static void freshWorld() {
        cluster.truncateAll();
        Management manage = new Management(cluster.server(0).api());
        String organization = manage.organization("Acme Dental").path("id").asText();
        manage.user(organization, "ann@acme.test", "Ann");
        manage.user(organization, "bob@acme.test", "Bob");
        String outbound = manage.agent(organization, OUTBOUND_AGENT, "Recall").path("id").asText();
        manage.agent(organization, FRONT_DESK_AGENT, "Front desk");
        String vip = manage.agent(organization, VIP_AGENT, "VIP desk").path("id").asText();
        manage.phoneNumber(organization, OUTBOUND_NUMBER, null);
        manage.phoneNumber(organization, INBOUND_NUMBER, vip);
        String campaign = manage.campaign(organization, outbound, "September recall", List.of("no_answer"), 2, 3600)
                .path("id").asText();
        manage.contactsCsv(campaign, "phone_number,name\n" + BOOKED_CONTACT + ",Maria Lopez\n" + NO_ANSWER_CONTACT
                + ",Sam Carter\n" + VOICEMAIL_CONTACT + ",Lee Park\n");
        manage.status(campaign, "processing");
    }

    private static Snapshot settledSnapshot() {
        await("deliveries applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Snapshot.settled(cluster.jdbi()));
        return cluster.snapshot();
    }

    private static List<Delivery> deliveries(List<String> fixtures) {
        return fixtures.stream().map(name -> new Delivery(name, Fixtures.bytes(name))).toList();
    }

    /**
     * Every order of {@code fixtures}, or at most {@link #MAX_PERMUTATIONS} of them: the reverse order and a sample
     * drawn with a fixed seed.
     */
    private static List<List<String>> orders(List<String> fixtures) {
        List<List<String>> all = new ArrayList<>();
        permute(new ArrayList<>(fixtures), 0, all);
        if (MAX_PERMUTATIONS <= 0 || all.size() <= MAX_PERMUTATIONS) {
            return all;
        }
        List<String> reverse = new ArrayList<>(fixtures);
        Collections.reverse(reverse);
        all.remove(reverse);
        Collections.shuffle(all, new Random(fixtures.hashCode()));
        List<List<String>> sample = new ArrayList<>(List.of(reverse));
        sample.addAll(all.subList(0, MAX_PERMUTATIONS - 1));
        return sample;
    }

    private static void permute(List<String> items, int from, List<List<String>> out) {
        if (from == items.size()) {
            out.add(List.copyOf(items));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            Collections.swap(items, from, i);
            permute(items, from + 1, out);
            Collections.swap(items, from, i);
        }
    }

    private static long factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
