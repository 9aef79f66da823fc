package io.callhook.core.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a campaign may call: some days of the week between two local times in an IANA time zone, e.g. Monday to Friday,
 * 09:00–17:00 in {@code America/New_York}. Local times are resolved in the zone on each day, so a window keeps its wall
 * clock hours across daylight-saving changes.
 *
 * @param days  the days calls are allowed on; not empty
 * @param start first allowed local time (inclusive)
 * @param end   end of the window (exclusive); after {@code start}
 * @param zone  the time zone of {@code start} and {@code end}
 */
public record CallingWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public CallingWindow {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a calling window needs at least one day");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a calling window must end after it starts");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether {@code instant} falls inside the window. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }

    /** {@code instant} itself when it is inside the window, else the next moment the window opens. */
    public Instant nextOpening(Instant instant) {
        if (contains(instant)) {
            return instant;
        }
        LocalDate day = instant.atZone(zone).toLocalDate();
        for (int i = 0; i <= 7; i++) {
            LocalDate candidate = day.plusDays(i);
            if (days.contains(candidate.getDayOfWeek())) {
                // atZone resolves a start inside a DST gap to the first valid instant after it
                Instant opening = candidate.atTime(start).atZone(zone).toInstant();
                if (!opening.isBefore(instant)) {
                    return opening;
                }
            }
        }
        throw new IllegalStateException("unreachable: a non-empty week always has an opening");
    }
}
