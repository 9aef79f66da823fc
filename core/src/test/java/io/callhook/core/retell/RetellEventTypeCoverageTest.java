package io.callhook.core.retell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sealed event family and the parser stay in step: every concrete event type is produced for some body. */
class RetellEventTypeCoverageTest {

    @Test
    void everyConcreteEventTypeIsProducedByTheParser() {
        Set<Class<?>> produced = RetellPayloads.oneOfEachEventType().stream()
                .map(RetellPayloads::parse)
                .map(Object::getClass)
                .collect(Collectors.toSet());

        assertThat(concreteSubtypes(RetellEvent.class))
                .hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(type -> assertThat(produced).as("parser output types").contains(type));
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
}
