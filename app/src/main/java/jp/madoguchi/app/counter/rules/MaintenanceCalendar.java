package jp.madoguchi.app.counter.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The national maintenance day (全国一斉システム保守日, counter-rules N24, PR-26, PR-49): every month the
 * Sunday after the third Saturday, the whole day 00:00–24:00 JST unless central's feed gives hours.
 * Days the feed announces ({@code OFFICE_CONFIG_CHANGED.maintenanceDays}) are added to the rule's days.
 * Immutable and thread-safe.
 *
 * @param announced the maintenance windows from the feed
 */
public record MaintenanceCalendar(List<Window> announced) {

    /**
     * One announced maintenance day, with its hours when the feed gives them ({@code from} inclusive,
     * {@code to} exclusive, JST).
     */
    public record Window(LocalDate date, Optional<LocalTime> from, Optional<LocalTime> to) {
        public Window {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.isPresent() != to.isPresent()) {
                throw new IllegalArgumentException("maintenance hours need both ends");
            }
            if (from.isPresent() && !from.get().isBefore(to.get())) {
                throw new IllegalArgumentException("maintenance hours end before they start");
            }
        }

        public static Window wholeDay(LocalDate date) {
            return new Window(date, Optional.empty(), Optional.empty());
        }

        boolean covers(LocalTime time) {
            return from.map(f -> !time.isBefore(f) && time.isBefore(to.orElseThrow())).orElse(true);
        }
    }

    public MaintenanceCalendar {
        announced = List.copyOf(announced);
    }

    /** The rule alone, nothing announced. */
    public static MaintenanceCalendar byRule() {
        return new MaintenanceCalendar(List.of());
    }

    /** The rule's maintenance day of {@code month}: the Sunday after its third Saturday (2026-02 → 2026-02-22). */
    public static LocalDate ruleDay(YearMonth month) {
        LocalDate thirdSaturday = month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.SATURDAY));
        return thirdSaturday.plusDays(1);
    }

    /** Whether {@code now} falls in maintenance. */
    public boolean isMaintenance(Instant now) {
        ZonedDateTime local = now.atZone(ValidityRules.JST);
        LocalDate day = local.toLocalDate();
        List<Window> forDay = announced.stream().filter(w -> w.date().equals(day)).toList();
        if (!forDay.isEmpty()) {
            return forDay.stream().anyMatch(w -> w.covers(local.toLocalTime()));
        }
        return day.equals(ruleDay(YearMonth.from(day)));
    }
}
