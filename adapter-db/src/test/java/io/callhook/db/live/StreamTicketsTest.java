package io.callhook.db.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.db.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stream tickets on real PostgreSQL: single use, short-lived, nothing left behind. */
class StreamTicketsTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.create();

    @Test
    void aTicketIsRedeemedOnceAndOnlyBeforeItExpires() {
        Instant now = Instant.parse("2026-09-01T00:00:00Z");
        StreamTickets issuer = new StreamTickets(DB.jdbi(), Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30));
        StreamTickets later = new StreamTickets(DB.jdbi(), Clock.fixed(now.plusSeconds(31), ZoneOffset.UTC),
                Duration.ofSeconds(30));

        StreamTickets.Ticket ticket = issuer.issue();
        StreamTickets.Ticket expired = issuer.issue();

        assertThat(ticket.expiresAt()).isEqualTo(now.plusSeconds(30));
        assertThat(issuer.redeem(ticket.value())).isTrue();
        assertThat(issuer.redeem(ticket.value())).isFalse();
        assertThat(later.redeem(expired.value())).isFalse();
        assertThat(issuer.redeem("not-a-ticket")).isFalse();
        long left = DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM stream_tickets")
                .mapTo(Long.class).one());
        assertThat(left).as("redeemed and expired tickets are deleted").isZero();
    }

}
