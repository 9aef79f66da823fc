package io.callhook.core.retell;

/** Retell's {@code direction} of a phone call; values this version does not know become {@link #OTHER}. */
public enum Direction {
    INBOUND("inbound"),
    OUTBOUND("outbound"),
    OTHER("other");

    private static final WireEnum<Direction> WIRE = new WireEnum<>(Direction.class, Direction::wire, OTHER);
    private final String wire;

    Direction(String wire) {
        this.wire = wire;
    }

    /** The value as Retell writes it. */
    public String wire() {
        return wire;
    }

    /** Never fails: unknown values map to {@link #OTHER}. */
    public static Direction fromWire(String value) {
        return WIRE.of(value);
    }
}
