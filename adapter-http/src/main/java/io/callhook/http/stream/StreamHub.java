package io.callhook.http.stream;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callhook.db.live.ActivityFeed;
import io.callhook.db.live.ActivityWakeups;
import io.callhook.db.live.FeedEvent;
import io.callhook.db.live.FeedPosition;
import io.callhook.http.config.StreamFactory;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the streams of this process. Each subscriber gets a thread of a bounded pool (one more is refused, see
 * {@link #tryOpen}); it reads the activity log from its own position in the database and sends what it finds, then
 * waits for a wake-up from {@link ActivityWakeups} (any process's insert) or its poll interval, sending webhook health
 * and heartbeat comments on their own intervals. Because every event comes from the database, a page connected to
 * this process sees what every process wrote, in {@code seq} order, and can resume on any process.
 */
public final class StreamHub implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    private static final int BATCH = 200;
    private static final Duration HEALTH_WINDOW = Duration.ofMinutes(15);
    private static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(10);

    private final LiveSources sources;
    private final StreamFactory settings;
    private final ObjectMapper json;
    private final Semaphore slots;
    private final ExecutorService streams;
    private final ScheduledExecutorService background;
    private final Wakeup wakeup = new Wakeup();
    private final ActivityWakeups listener;
    private final SignatureFailureFlusher flusher;
    private final HealthCache healthCache;
    private final UUID processId = UUID.randomUUID();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean running = true;

    public StreamHub(LiveSources sources, StreamFactory settings, ObjectMapper json, MetricRegistry metrics,
                     Clock clock) {
        this.sources = sources;
        this.settings = settings;
        this.json = json;
        this.slots = new Semaphore(settings.getMaxSubscribers());
        AtomicInteger threads = new AtomicInteger();
        this.streams = Executors.newFixedThreadPool(settings.getMaxSubscribers(), r -> {
            Thread t = new Thread(r, "callhook-stream-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "callhook-stream-background");
            t.setDaemon(true);
            return t;
        });
        this.listener = new ActivityWakeups(sources.listenerConnections(), wakeup::ring, Duration.ofSeconds(2));
        this.flusher = new SignatureFailureFlusher(metrics, sources.health(), clock);
        this.healthCache = new HealthCache(() -> sources.health().read(HEALTH_WINDOW),
                settings.getHealthInterval().toMilliseconds());
    }

    public LiveSources sources() {
        return sources;
    }

    @Override
    public void start() {
        listener.start();
        long flushMillis = settings.getHealthInterval().toMilliseconds();
        background.scheduleWithFixedDelay(this::flushQuietly, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::announce, ANNOUNCE_EVERY.toMillis(), ANNOUNCE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Keeps this process announced as a listener while it has streams open, so inserts notify; without any open
     * stream in any process the webhook's commits do not notify at all. The first stream announces at once.
     */
    private synchronized void announce() {
        try {
            if (open.get() > 0) {
                sources.feed().announceListener(processId, ANNOUNCE_EVERY.multipliedBy(3));
            } else {
                sources.feed().withdrawListener(processId);
            }
        } catch (RuntimeException e) {
            LOG.debug("announcing the activity listener failed", e);
        }
    }

    @Override
    public void stop() throws Exception {
        running = false;
        wakeup.ring();
        listener.close();
        background.shutdownNow();
        open.set(0);
        announce();
        streams.shutdownNow();
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flusher.flush();
        } catch (RuntimeException e) {
            LOG.debug("signature failure flush failed", e);
        }
    }

    /** Takes a subscriber slot; {@code false} when every slot is taken (the caller answers 503). */
    boolean tryOpen() {
        return slots.tryAcquire();
    }

    /** Streams to {@code sink} from {@code start} on a pool thread; the slot taken by {@link #tryOpen} is freed at the end. */
    void follow(SseEventSink sink, Sse sse, FeedPosition start, boolean resumed) {
        try {
            streams.execute(() -> run(sink, sse, start, resumed));
        } catch (RuntimeException e) {
            slots.release();
            sink.close();
            throw e;
        }
    }

    private void run(SseEventSink sink, Sse sse, FeedPosition start, boolean resumed) {
        if (open.getAndIncrement() == 0) {
            announce();
        }
        try {
            FeedPosition position = start;
            send(sink, sse.newEventBuilder().name("ready").id(Long.toString(start.seq()))
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class,
                            text(new StreamEvents.Ready(start.seq(), resumed))).build());
            long heartbeatMillis = settings.getHeartbeatInterval().toMilliseconds();
            long healthMillis = settings.getHealthInterval().toMilliseconds();
            long pollMillis = settings.getPollInterval().toMilliseconds();
            long nextHealth = 0;
            long nextHeartbeat = System.currentTimeMillis() + heartbeatMillis;
            boolean warned = false;
            while (running && !sink.isClosed()) {
                long seen = wakeup.generation();
                boolean full = false;
                try {
                    ActivityFeed.Read read = sources.feed().read(position, BATCH);
                    for (FeedEvent event : read.events()) {
                        send(sink, sse.newEventBuilder().name(StreamEvents.name(event)).id(Long.toString(event.seq()))
                                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(String.class, text(StreamEvents.Change.of(event))).build());
                        nextHeartbeat = System.currentTimeMillis() + heartbeatMillis;
                    }
                    position = read.next();
                    full = read.events().size() == BATCH;
                    long now = System.currentTimeMillis();
                    if (now >= nextHealth) {
                        send(sink, sse.newEventBuilder().name("health").mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(String.class, text(StreamEvents.Health.of(healthCache.get()))).build());
                        nextHealth = now + healthMillis;
                    }
                    warned = false;
                } catch (SinkClosedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (!warned) {
                        LOG.warn("A live stream cannot read the database ({}); it keeps trying",
                                e.getClass().getSimpleName());
                        warned = true;
                    }
                }
                long now = System.currentTimeMillis();
                if (now >= nextHeartbeat) {
                    send(sink, sse.newEventBuilder().comment("keep-alive").build());
                    nextHeartbeat = now + heartbeatMillis;
                }
                if (!full) {
                    long wait = Math.max(1, Math.min(pollMillis, Math.min(nextHeartbeat, nextHealth) - now));
                    wakeup.await(seen, wait);
                }
            }
        } catch (SinkClosedException e) {
            // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
            slots.release();
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a stream", e);
            }
        }
    }

    private static void send(SseEventSink sink, OutboundSseEvent event) {
        if (sink.isClosed()) {
            throw new SinkClosedException();
        }
        try {
            sink.send(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SinkClosedException();
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stream events are plain records", e);
        }
    }

    /** The subscriber went away (or its connection broke): stop streaming to it. */
    private static final class SinkClosedException extends RuntimeException {
        SinkClosedException() {
            super(null, null, false, false);
        }
    }
}
