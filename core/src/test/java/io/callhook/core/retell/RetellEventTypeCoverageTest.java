package io.callhook.core.retell;

import static io.callhook.core.retell.RetellPayloads.callEvent;
import static io.callhook.core.retell.RetellPayloads.callInbound;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sealed event family and the parser stay in step: every concrete event type is produced for some body. */
class RetellEventTypeCoverageTest {

    @Test
    void everyConcreteEventTypeIsProducedByTheParser() {
        Set<Class<?>> produced = sampleBodies().stream()
                .map(RetellPayloads::parse)
                .map(Object::getClass)
                .collect(Collectors.toSet());

        assertThat(concreteSubtypes(RetellEvent.class))
                .hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(type -> assertThat(produced).as("parser output types").contains(type));
    }

    private static List<byte[]> sampleBodies() {
        return Stream.of(
                        callEvent(CallStarted.NAME).bytes(),
                        callEvent(CallEnded.NAME).bytes(),
                        callEvent(CallAnalyzed.NAME).bytes(),
                        callEvent(TranscriptUpdated.NAME).bytes(),
                        callEvent(TransferStarted.NAME).bytes(),
                        callEvent(TransferBridged.NAME).bytes(),
                        callEvent(TransferCancelled.NAME).bytes(),
                        callEvent(TransferEnded.NAME).bytes(),
                        callInbound("+13105550123", "+14155550100").bytes(),
                        utf8("{\"event\":\"chat_inbound\",\"chat_inbound\":{\"from_number\":\"+1\",\"to_number\":\"+2\"}}"),
                        utf8("{\"event\":\"chat_started\",\"chat\":{\"chat_id\":\"chat_1\"}}"),
                        utf8("{\"event\":\"something_new\"}"))
                .toList();
    }

    /** Walks the sealed hierarchy: records are leaves, sealed interfaces are expanded. */
    private static Set<Class<?>> concreteSubtypes(Class<?> type) {
        Set<Class<?>> leaves = new HashSet<>();
        if (!type.isSealed()) {
            leaves.add(type);
            return leaves;
        }
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            leaves.addAll(concreteSubtypes(permitted));
        }
        return leaves;
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
