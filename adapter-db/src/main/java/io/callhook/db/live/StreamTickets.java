package io.callhook.db.live;

import static io.callhook.db.live.Timestamps.utc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Short-lived, single-use tickets that stand in for the API token where a browser cannot send headers
 * ({@code EventSource}). A ticket is 256 random bits; only its SHA-256 digest is stored, in the database, so any server
 * process redeems what another issued, and a redeemed ticket is deleted in the same statement that checks it.
 */
public final class StreamTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lifetime;

    public StreamTickets(Jdbi jdbi, Clock clock, Duration lifetime) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A new ticket and when it expires. */
    public record Ticket(String value, Instant expiresAt) {
    }

    /** Issues a ticket (and clears expired ones, so the table stays as small as the number of open pages). */
    public Ticket issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM stream_tickets WHERE expires_at < :now").bind("now", utc(now)).execute();
            h.createUpdate("INSERT INTO stream_tickets (ticket_sha256, expires_at) VALUES (:digest, :expires_at)")
                    .bind("digest", digest(value))
                    .bind("expires_at", utc(expiresAt))
                    .execute();
        });
        return new Ticket(value, expiresAt);
    }

    /** Whether {@code value} is a ticket that has not expired and was not redeemed before; it cannot be used again. */
    public boolean redeem(String value) {
        if (value == null || value.isEmpty() || value.length() > 100) {
            return false;
        }
        return jdbi.withHandle(h -> h.createQuery(
                        "DELETE FROM stream_tickets WHERE ticket_sha256 = :digest RETURNING expires_at >= :now")
                .bind("digest", digest(value))
                .bind("now", utc(clock.instant()))
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
    }


    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
