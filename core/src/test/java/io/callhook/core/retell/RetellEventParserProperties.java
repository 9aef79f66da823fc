package io.callhook.core.retell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever arrives, the parser answers with a result and an operator-friendly message, never an exception. */
class RetellEventParserProperties {

    private final RetellEventParser parser = new RetellEventParser();

    @Provide
    Arbitrary<byte[]> fixtures() {
        return Arbitraries.of(
                "02-outbound-call_ended.json", "10-inbound-call_inbound.request.json", "20-noanswer-call_ended.json",
                "41-transfer-transfer_started.json", "45-transfer-transfer_ended.json", "72-chat-chat_analyzed.json",
                "75-sms-chat_inbound.request.json").map(RetellPayloads::fixture);
    }

    @Property(tries = 300)
    void arbitraryBytesNeverThrow(@ForAll byte[] body) {
        assertAnswered(parser.parse(body));
    }

    @Property(tries = 300)
    void arbitraryTextNeverThrows(@ForAll String body) {
        assertAnswered(parser.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 300)
    void truncatedFixtureNeverThrows(@ForAll("fixtures") byte[] fixture,
                                     @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cut) {
        assertAnswered(parser.parse(Arrays.copyOf(fixture, cut % fixture.length)));
    }

    @Property(tries = 500)
    void fixtureWithOneByteChangedNeverThrows(@ForAll("fixtures") byte[] fixture,
                                              @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
                                              @ForAll byte replacement) {
        byte[] changed = fixture.clone();
        changed[position % changed.length] = replacement;

        assertAnswered(parser.parse(changed));
    }

    private static void assertAnswered(ParseResult result) {
        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Malformed malformed) {
            assertThat(malformed.fieldPath()).isNotBlank();
            assertThat(malformed.message()).isNotBlank()
                    .doesNotContain("com.fasterxml", "java.", "Exception", "jackson");
        }
    }
}
