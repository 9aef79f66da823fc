package io.callhook.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.cli.input.Origin;
import io.callhook.cli.input.RecordedEvent;
import io.callhook.cli.support.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureGateTest {

    private static final String FILE = "02-outbound-call_ended.json";

    private static RecordedEvent recorded(byte[] body, String signature) {
        return new RecordedEvent(body, signature, Origin.ofLine("x", 1));
    }

    @Test
    void withoutATimeARecordedSignatureIsCheckedAtItsOwnTimestamp() {
        SignatureGate gate = new SignatureGate(List.of("key_rotated_in", Fixtures.FIXTURE_KEY), null);

        assertThat(gate.refusal(recorded(Fixtures.bytes(FILE), Fixtures.signatureOf(FILE)))).isEmpty();
    }

    @Test
    void withATimeTheFiveMinuteWindowApplies() {
        Instant signedAt = Fixtures.signedAt(FILE);

        assertThat(new SignatureGate(List.of(Fixtures.FIXTURE_KEY), signedAt.plusSeconds(299))
                .refusal(recorded(Fixtures.bytes(FILE), Fixtures.signatureOf(FILE)))).isEmpty();
        assertThat(new SignatureGate(List.of(Fixtures.FIXTURE_KEY), signedAt.plusSeconds(301))
                .refusal(recorded(Fixtures.bytes(FILE), Fixtures.signatureOf(FILE))))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("signature outside_window"));
    }

    @Test
    void aChangedBodyAWrongKeyOrNoSignatureIsRefusedWithoutRevealingTheKey() {
        SignatureGate gate = new SignatureGate(List.of(Fixtures.FIXTURE_KEY), null);
        byte[] body = Fixtures.bytes(FILE);
        byte[] changed = Fixtures.text(FILE).replace("agent_hangup", "user_hangup").getBytes();

        assertThat(gate.refusal(recorded(changed, Fixtures.signatureOf(FILE))))
                .hasValue("signature mismatch: the signature does not match the request body");
        assertThat(new SignatureGate(List.of("key_other"), null).refusal(recorded(body, Fixtures.signatureOf(FILE))))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("signature mismatch")
                        .doesNotContain("key_other"));
        assertThat(gate.refusal(recorded(body, null)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("no recorded signature"));
        assertThat(gate.refusal(recorded(body, "sha256=abc")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("signature malformed"));
    }
}
