package io.callhook.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CallingWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final CallingWindow WEEKDAYS_9_TO_17 = new CallingWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), NEW_YORK);

    @Test
    void instantInsideTheWindowIsKept() {
        Instant wednesdayNoon = Instant.parse("2026-03-04T17:00:00Z"); // 12:00 EST

        assertThat(WEEKDAYS_9_TO_17.nextOpening(wednesdayNoon)).isEqualTo(wednesdayNoon);
    }

    @Test
    void eveningMovesToNextMorning() {
        Instant wednesdayEvening = Instant.parse("2026-03-04T23:30:00Z"); // 18:30 EST

        assertThat(WEEKDAYS_9_TO_17.nextOpening(wednesdayEvening)).isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));
    }

    @Test
    void endOfWindowIsExclusive() {
        Instant fivePm = Instant.parse("2026-03-04T22:00:00Z"); // 17:00 EST

        assertThat(WEEKDAYS_9_TO_17.contains(fivePm)).isFalse();
        assertThat(WEEKDAYS_9_TO_17.nextOpening(fivePm)).isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));
    }

    @Test
    void fridayEveningMovesToMonday() {
        Instant fridayEvening = Instant.parse("2026-03-06T23:00:00Z");

        assertThat(WEEKDAYS_9_TO_17.nextOpening(fridayEvening)).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void windowKeepsItsWallClockHoursAcrossTheSpringDstChange() {
        // Saturday 2026-03-07, before DST starts on Sunday 03-08: Monday 09:00 is EDT (UTC-4), not EST.
        Instant saturday = Instant.parse("2026-03-07T15:00:00Z");

        assertThat(WEEKDAYS_9_TO_17.nextOpening(saturday)).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void openingInsideADstGapMovesToTheFirstValidInstant() {
        CallingWindow sundayAt0230 = new CallingWindow(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30),
                LocalTime.of(4, 0), NEW_YORK);
        Instant saturday = Instant.parse("2026-03-07T15:00:00Z");

        // 02:30 does not exist on 2026-03-08 in New York; 03:30 EDT is the same offset from midnight
        assertThat(sundayAt0230.nextOpening(saturday)).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void windowAlreadyClosedTodayOnTheOnlyDayWaitsAWeek() {
        CallingWindow mondays = new CallingWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(10, 0), ZoneId.of("Europe/Berlin"));
        Instant mondayAfternoon = Instant.parse("2026-03-02T14:00:00Z");

        assertThat(mondays.nextOpening(mondayAfternoon)).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
    }

    @Test
    void windowMustEndAfterItStartsAndHaveDays() {
        assertThatThrownBy(() -> new CallingWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(10, 0),
                LocalTime.of(9, 0), NEW_YORK)).hasMessage("a calling window must end after it starts");
        assertThatThrownBy(() -> new CallingWindow(EnumSet.noneOf(DayOfWeek.class), LocalTime.of(9, 0),
                LocalTime.of(10, 0), NEW_YORK)).hasMessage("a calling window needs at least one day");
    }
}
