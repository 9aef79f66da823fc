package io.callhook.core.call;

import io.callhook.core.retell.CallEvent;
import io.callhook.core.retell.CallStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A call: the merge of every event seen for its {@code call_id}, in whatever order and however often they arrived.
 *
 * <p>Lifecycle: a call is created by its first event (any call event, or the inbound-call webhook), is linked once to
 * an organisation, agent, campaign and contact ({@link CallLinks}), and then only moves forward through
 * {@link CallState}: {@code REGISTERED} → {@code ONGOING} → a terminal state. Calls that never connect get no
 * {@code call_started}; their first event is already terminal. Facts are merged by {@link CallDetails} so that richer
 * events win whatever their order; the {@link Outcome} of the attempt is derived from those facts, never stored apart.
 *
 * @param id           Retell's call id
 * @param links        what the call belongs to, fixed at creation
 * @param state        lifecycle state
 * @param stateRank    rank of the event that set {@code state} (decides between terminal states)
 * @param details      merged facts
 * @param outcomeSeenAt when an outcome was first known; stands in for the end time of calls that never connected
 * @param createdAt    when callhook first heard of the call
 */
public record Call(CallId id, CallLinks links, CallState state, int stateRank, CallDetails details, Instant outcomeSeenAt,
                   Instant createdAt) {

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A call nothing is known about yet, linked as given. */
    public static Call register(CallId id, CallLinks links, Instant now) {
        return new Call(id, links, CallState.REGISTERED, -1, CallDetails.EMPTY, null, now);
    }

    /** This call with one more event applied. Applying the same event twice gives the same call. */
    public Call apply(CallEvent event, Instant now) {
        int rank = EventRank.of(event);
        CallDetails merged = details.merge(event.call(), rank);
        CallState eventState = stateOf(event, merged);
        boolean advances = eventState.stage() > state.stage()
                || (eventState.stage() == state.stage() && rank > stateRank)
                || (eventState.stage() == state.stage() && rank == stateRank && eventState.ordinal() > state.ordinal());
        CallState nextState = advances ? eventState : state;
        int nextStateRank = advances ? rank : stateRank;
        Instant seen = outcomeSeenAt == null && outcomeOf(merged) != null ? now : outcomeSeenAt;
        return new Call(id, links, nextState, nextStateRank, merged, seen, createdAt);
    }

    /** This call with what the inbound-call webhook announced. */
    public Call applyInbound(String agentId, Integer agentVersion, String from, String to) {
        return new Call(id, links, state, stateRank, details.mergeInbound(agentId, agentVersion, from, to), outcomeSeenAt,
                createdAt);
    }

    /** The outcome of this attempt, or {@code null} while it has none. */
    public Outcome outcome() {
        return outcomeOf(details);
    }

    /** When the attempt finished: its end timestamp, else when the outcome became known; {@code null} if not yet. */
    public Instant finishedAt() {
        if (outcome() == null) {
            return null;
        }
        return details.endedAt() != null ? details.endedAt() : outcomeSeenAt;
    }

    private static Outcome outcomeOf(CallDetails d) {
        return OutcomeClassifier.classify(d.disconnectionReason(), d.inVoicemail());
    }

    /**
     * The state an event reports. Terminal events whose {@code call_status} is not terminal (Retell's docs sample shows
     * {@code registered} on {@code call_ended}) take it from the outcome instead.
     */
    private static CallState stateOf(CallEvent event, CallDetails merged) {
        CallStatus status = event.call().callStatus();
        CallState reported = status == null ? null : switch (status) {
            case REGISTERED -> CallState.REGISTERED;
            case ONGOING -> CallState.ONGOING;
            case ENDED -> CallState.ENDED;
            case NOT_CONNECTED -> CallState.NOT_CONNECTED;
            case ERROR -> CallState.ERROR;
            case OTHER -> null;
        };
        if (!EventRank.isTerminal(event)) {
            return reported == null ? CallState.ONGOING : reported;
        }
        if (reported != null && reported.isTerminal()) {
            return reported;
        }
        Outcome outcome = outcomeOf(merged);
        if (outcome == Outcome.PLATFORM_ERROR) {
            return CallState.ERROR;
        }
        boolean neverConnected = outcome == Outcome.NO_ANSWER || outcome == Outcome.BUSY || outcome == Outcome.DECLINED
                || outcome == Outcome.INVALID_NUMBER || outcome == Outcome.FAILED || outcome == Outcome.SPAM_FLAGGED;
        return neverConnected ? CallState.NOT_CONNECTED : CallState.ENDED;
    }
}
