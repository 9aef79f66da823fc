package io.callhook.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.core.retell.ParseResult;
import io.callhook.core.retell.RetellEventParser;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.core.retell.RetellSigner;
import io.callhook.core.retell.SignatureCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

    private static final Instant START = Instant.parse("2026-09-21T13:00:00Z");

    private static List<byte[]> generate(long seed, int calls) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        new EventGenerator(seed, "agent_test", START).generate(calls, null, (body, signature) -> bodies.add(body));
        return bodies;
    }

    @Test
    void fourEventsPerCallThatAllParse() throws IOException {
        List<byte[]> bodies = generate(1, 50);
        RetellEventParser parser = new RetellEventParser();

        assertThat(bodies).hasSize(200);
        assertThat(bodies).allSatisfy(body -> assertThat(parser.parse(body)).isInstanceOf(ParseResult.Parsed.class));
        assertThat(bodies.subList(0, 4)).extracting(b -> ((ParseResult.Parsed) parser.parse(b)).event().name())
                .containsExactly("call_started", "transcript_updated", "call_ended", "call_analyzed");
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        assertThat(generate(7, 20)).zipSatisfy(generate(7, 20), (a, b) -> assertThat(a).isEqualTo(b));
        assertThat(generate(7, 1).get(0)).isNotEqualTo(generate(8, 1).get(0));
    }

    @Test
    void signedEventsVerifyAtTheirEventTime() throws IOException {
        List<String> failures = new ArrayList<>();
        new EventGenerator(1, "agent_test", START).generate(5, new RetellSigner("key_gen"), (body, signature) -> {
            long at = Long.parseLong(signature.substring(2, signature.indexOf(',')));
            SignatureCheck check = new RetellSignatureVerifier(List.of("key_gen"),
                    Clock.fixed(Instant.ofEpochMilli(at), ZoneOffset.UTC)).verify(body, signature);
            if (!(check instanceof SignatureCheck.Valid)) {
                failures.add(signature);
            }
        });

        assertThat(failures).isEmpty();
    }

    @Test
    void theSetUpHasACampaignContactForEveryDialledNumber() throws IOException {
        ByteArrayOutputStream setup = new ByteArrayOutputStream();
        new EventGenerator(1, "agent_test", START).writeSetup(3, setup);

        assertThat(setup.toString()).contains("\"status\" : \"processing\"", EventGenerator.dialledNumber(0),
                EventGenerator.dialledNumber(2), "\"retell_agent_id\" : \"agent_test\"");
    }
}
