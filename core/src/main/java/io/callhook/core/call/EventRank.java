package io.callhook.core.call;

import io.callhook.core.retell.CallAnalyzed;
import io.callhook.core.retell.CallEnded;
import io.callhook.core.retell.CallEvent;
import io.callhook.core.retell.CallStarted;
import io.callhook.core.retell.TranscriptUpdated;
import io.callhook.core.retell.TransferEnded;
import io.callhook.core.retell.TransferEvent;

/**
 * How complete the call object of an event is. A field takes its value from the highest-ranked event that carries it,
 * which makes the merged call independent of delivery order: {@code transcript_updated} (a partial snapshot) &lt;
 * {@code call_started} (a subset) &lt; mid-call {@code transfer_*} &lt; {@code call_ended} &lt; {@code call_analyzed}
 * &lt; {@code transfer_ended} (adds the human leg's end and cost to the analysed object).
 */
public final class EventRank {

    /** Rank of what the inbound-call webhook tells us before the call starts. */
    public static final int INBOUND_WEBHOOK = 0;

    private EventRank() {
    }

    /** The rank of an event's call object. */
    public static int of(CallEvent event) {
        if (event instanceof TransferEnded) {
            return 6;
        } else if (event instanceof CallAnalyzed) {
            return 5;
        } else if (event instanceof CallEnded) {
            return 4;
        } else if (event instanceof TransferEvent) {
            return 3;
        } else if (event instanceof CallStarted) {
            return 2;
        } else if (event instanceof TranscriptUpdated) {
            return 1;
        }
        throw new IllegalArgumentException("no rank for " + event.name());
    }

    /** Whether the event reports the end of the call (so it must carry a terminal state). */
    public static boolean isTerminal(CallEvent event) {
        return event instanceof CallEnded || event instanceof CallAnalyzed || event instanceof TransferEnded;
    }
}
