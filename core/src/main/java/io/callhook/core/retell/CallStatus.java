package io.callhook.core.retell;

/**
 * Retell's {@code call_status} as sent. The domain never classifies outcomes from it (Retell changed what failed dials
 * carry); it only orders the lifecycle. Values this version does not know become {@link #OTHER}.
 */
public enum CallStatus {
    REGISTERED("registered"),
    ONGOING("ongoing"),
    ENDED("ended"),
    NOT_CONNECTED("not_connected"),
    ERROR("error"),
    OTHER("other");

    private static final WireEnum<CallStatus> WIRE = new WireEnum<>(CallStatus.class, CallStatus::wire, OTHER);
    private final String wire;

    CallStatus(String wire) {
        this.wire = wire;
    }

    /** The value as Retell writes it. */
    public String wire() {
        return wire;
    }

    /** Never fails: unknown values map to {@link #OTHER}. */
    public static CallStatus fromWire(String value) {
        return WIRE.of(value);
    }
}
