package io.callhook.core.port.in;

import java.util.Map;

/**
 * Our answer to a {@code call_inbound} webhook: which agent picks up and what it is told. Every component is optional;
 * {@link #EMPTY} lets Retell apply the number's own agent.
 *
 * @param overrideAgentId  Retell agent id to answer with, or {@code null}
 * @param dynamicVariables variables for the agent; values are strings, as Retell requires
 * @param metadata         string metadata identifying the organisation, echoed on every later call event
 */
public record InboundAnswer(String overrideAgentId, Map<String, String> dynamicVariables, Map<String, String> metadata) {

    /** No override: Retell's default applies. */
    public static final InboundAnswer EMPTY = new InboundAnswer(null, Map.of(), Map.of());

    public InboundAnswer {
        dynamicVariables = dynamicVariables == null ? Map.of() : Map.copyOf(dynamicVariables);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Whether this answer overrides nothing. */
    public boolean isEmpty() {
        return overrideAgentId == null && dynamicVariables.isEmpty() && metadata.isEmpty();
    }
}
