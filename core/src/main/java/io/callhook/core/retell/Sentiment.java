package io.callhook.core.retell;

/** {@code user_sentiment}; Retell capitalises the values. Values this version does not know become {@link #OTHER}. */
public enum Sentiment {
    POSITIVE("Positive"),
    NEGATIVE("Negative"),
    NEUTRAL("Neutral"),
    UNKNOWN("Unknown"),
    OTHER("other");

    private static final WireEnum<Sentiment> WIRE = new WireEnum<>(Sentiment.class, Sentiment::wire, OTHER);
    private final String wire;

    Sentiment(String wire) {
        this.wire = wire;
    }

    /** The value as Retell writes it. */
    public String wire() {
        return wire;
    }

    /** Never fails: unknown values map to {@link #OTHER}. */
    public static Sentiment fromWire(String value) {
        return WIRE.of(value);
    }
}
