package io.callhook.core.call;

/**
 * Where a call is in its lifecycle. A call only moves forward: {@code REGISTERED < ONGOING <} one of the terminal
 * states. The terminal state comes from the most complete event that carries one.
 */
public enum CallState {
    REGISTERED(0),
    ONGOING(1),
    ENDED(2),
    NOT_CONNECTED(2),
    ERROR(2);

    private final int stage;

    CallState(int stage) {
        this.stage = stage;
    }

    /** Whether the call is over (no later state exists). */
    public boolean isTerminal() {
        return stage == 2;
    }

    /** Lifecycle stage: 0 registered, 1 ongoing, 2 terminal. */
    public int stage() {
        return stage;
    }
}
