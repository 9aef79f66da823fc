package io.callhook.http.spool;

import io.callhook.core.port.in.Delivery;
import io.callhook.core.port.in.IngestWebhookUseCase;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.FailureSummary;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread per process that moves spooled deliveries into the inbox, oldest first, through the same
 * {@link IngestWebhookUseCase#accept} as a delivery taken directly (so deduplication is exactly the same). It wakes
 * every {@code interval} and after every append, and stops at the first delivery the database does not take, to try
 * again later.
 *
 * <p>The signature is not verified again: it was when the delivery was received, and its timestamp may be older than
 * the verifier's window by now. The inbox keeps the original receive time. A spooled {@code call_inbound} was answered
 * {@code {}} (Retell's own set-up picked the agent), so the decision recorded with it is that empty one.
 */
public final class SpoolDrainer implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDrainer.class);

    private final Spool spool;
    private final IngestWebhookUseCase ingest;
    private final Duration interval;
    private final SpoolMetrics metrics;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private boolean waitingReported;

    public SpoolDrainer(Spool spool, IngestWebhookUseCase ingest, Duration interval, SpoolMetrics metrics) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        spool.onAppend(this::wake);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "spool-drainer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        wake();
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Drains soon (after an append). */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (running) {
            drainOnce();
            try {
                wakeups.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One pass: everything spooled, until the database refuses. */
    void drainOnce() {
        if (spool.depth() == 0 && spool.bytes() == 0) {
            return; // nothing waits (segments holding only damaged records are drained too, to free their space)
        }
        long moved = 0;
        try {
            moved = spool.drainTo(spooled -> {
                // answered as stored without a routing decision: a call_inbound's record must say so
                ingest.accept(new Delivery(spooled.body(), spooled.receivedAt(), true));
                metrics.drained();
            });
            if (moved > 0) {
                LOG.info("Moved {} spooled deliveries into the inbox; the spool is empty", moved);
            }
            waitingReported = false;
        } catch (PersistenceUnavailableException unavailable) {
            if (!waitingReported) {
                LOG.info("The database cannot be reached; {} spooled deliveries wait to be moved into the inbox",
                        spool.depth());
                waitingReported = true;
            }
        } catch (IOException e) {
            LOG.error("Could not read the spool; retrying: {}", FailureSummary.of(e));
        } catch (RuntimeException e) {
            LOG.warn("Could not move a spooled delivery into the inbox; retrying: {}", FailureSummary.of(e));
        }
    }
}
