package io.callhook.http.ingestion;

import io.callhook.core.port.in.ApplyInboxUseCase;
import io.callhook.core.port.in.ApplyInboxUseCase.ApplyReport;
import io.callhook.core.port.out.PersistenceUnavailableException;
import io.callhook.db.FailureReasons;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier threads of one server process. Each claims a batch of due inbox entries and applies it, again at once
 * while full batches come, else it waits for a wake-up (an inbox notification) or the poll interval. Processes share
 * the work through the database's claims, so any number of them can run.
 */
public final class InboxAppliers implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(InboxAppliers.class);

    private final ApplyInboxUseCase inbox;
    private final IngestionMetrics metrics;
    private final WakeUp wakeUp = new WakeUp();
    private final int threads;
    private final int batchSize;
    private final Duration pollInterval;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    public InboxAppliers(ApplyInboxUseCase inbox, IngestionMetrics metrics, int threads, int batchSize,
                         Duration pollInterval) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.threads = threads;
        this.batchSize = batchSize;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** Tells idle appliers that work may be waiting. */
    public void wake() {
        wakeUp.signal();
    }

    @Override
    public void start() {
        running = true;
        for (int i = 1; i <= threads; i++) {
            Thread worker = new Thread(this::work, "callhook-applier-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        if (threads > 0) {
            LOG.info("{} applier(s) apply accepted webhooks in batches of up to {}", threads, batchSize);
        }
    }

    private void work() {
        while (running) {
            long seen = wakeUp.generation();
            try {
                ApplyReport report = inbox.applyDue(batchSize);
                metrics.record(report);
                if (report.failed() + report.dead() > 0) {
                    LOG.warn("{} event(s) failed to apply and will be retried, {} failed for the last time and are "
                            + "dead (see the inbox entries' detail)", report.failed(), report.dead());
                }
                if (report.claimed() < batchSize) {
                    wakeUp.await(seen, pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (PersistenceUnavailableException e) {
                LOG.debug("Appliers wait for the database");
                pause();
            } catch (RuntimeException e) {
                // the store refused a claim or an outcome: keep going, the claims lapse and are taken over
                LOG.error("An applier could not claim or record events: {}", FailureReasons.describe(e));
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        wakeUp.signal();
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(30).toMillis());
        }
        workers.clear();
    }
}
