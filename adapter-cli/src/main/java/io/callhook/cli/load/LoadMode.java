package io.callhook.cli.load;

/** How a load run sends: as fast as the server answers, or on a fixed timetable. */
public sealed interface LoadMode {

    /** {@code connections} senders, each sending its next delivery as soon as the previous one is answered. */
    record ClosedLoop(int connections) implements LoadMode {
        public ClosedLoop {
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be at least 1, was " + connections);
            }
        }
    }

    /**
     * One delivery every {@code 1 / ratePerSecond} seconds whether or not earlier ones were answered; latency is measured
     * from each delivery's scheduled time, so a server that falls behind shows it in the percentiles instead of silently
     * slowing the sender down (no coordinated omission).
     */
    record OpenLoop(double ratePerSecond) implements LoadMode {
        public OpenLoop {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("rate must be a positive number, was " + ratePerSecond);
            }
        }
    }
}
