package io.callhook.core.retell;

/** Retell's {@code call_type}; values this version does not know become {@link #OTHER}. */
public enum CallType {
    PHONE_CALL("phone_call"),
    WEB_CALL("web_call"),
    OTHER("other");

    private static final WireEnum<CallType> WIRE = new WireEnum<>(CallType.class, CallType::wire, OTHER);
    private final String wire;

    CallType(String wire) {
        this.wire = wire;
    }

    /** The value as Retell writes it. */
    public String wire() {
        return wire;
    }

    /** Never fails: unknown values map to {@link #OTHER}. */
    public static CallType fromWire(String value) {
        return WIRE.of(value);
    }
}
