package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.app.counter.Fixtures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.YearMonthRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceCalendarTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            # N24's example: the Sunday after the 3rd Saturday, not the 3rd Sunday
            2026-02, 2026-02-22
            2026-03, 2026-03-22
            # a month starting on Sunday: 3rd Saturday the 21st
            2026-11, 2026-11-22
            # a month starting on Saturday: 3rd Saturday the 15th
            2025-11, 2025-11-16
            2024-06, 2024-06-16
            """)
    void rule_day(YearMonth month, LocalDate day) {
        assertThat(MaintenanceCalendar.ruleDay(month)).isEqualTo(day);
    }

    @ParameterizedTest(name = "{0} {1} JST → maintenance {2}")
    @CsvSource(textBlock = """
            2026-02-21, 23:59:59, false
            2026-02-22, 00:00:00, true
            2026-02-22, 23:59:59, true
            2026-02-23, 00:00:00, false
            2026-02-15, 12:00:00, false
            """)
    void whole_day_by_default(LocalDate day, LocalTime time, boolean maintenance) {
        assertThat(MaintenanceCalendar.byRule().isMaintenance(Fixtures.jst(day, time))).isEqualTo(maintenance);
    }

    @ParameterizedTest(name = "announced hours 08:00-18:00 on the rule day; {0} → {1}")
    @CsvSource({"07:59:59, false", "08:00:00, true", "17:59:59, true", "18:00:00, false"})
    void feed_hours_win_on_their_day(LocalTime time, boolean maintenance) {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(new MaintenanceCalendar.Window(
                LocalDate.of(2026, 2, 22), Optional.of(LocalTime.of(8, 0)), Optional.of(LocalTime.of(18, 0)))));
        assertThat(calendar.isMaintenance(Fixtures.jst(LocalDate.of(2026, 2, 22), time))).isEqualTo(maintenance);
    }

    @org.junit.jupiter.api.Test
    void an_announced_extra_day_counts_and_the_rule_day_stays() {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(MaintenanceCalendar.Window.wholeDay(LocalDate.of(2026, 3, 1))));
        assertThat(calendar.isMaintenance(Fixtures.jstNoon(LocalDate.of(2026, 3, 1)))).isTrue();
        assertThat(calendar.isMaintenance(Fixtures.jstNoon(LocalDate.of(2026, 3, 22)))).isTrue();
        assertThat(calendar.isMaintenance(Fixtures.jstNoon(LocalDate.of(2026, 3, 2)))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void malformed_windows_are_refused() {
        LocalDate d = LocalDate.of(2026, 2, 22);
        assertThatThrownBy(() -> new MaintenanceCalendar.Window(d, Optional.of(LocalTime.NOON), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaintenanceCalendar.Window(d, Optional.of(LocalTime.NOON), Optional.of(LocalTime.of(8, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void rule_day_is_a_sunday_between_the_16th_and_22nd(@ForAll @YearMonthRange(min = "2020-01", max = "2040-12") YearMonth month) {
        LocalDate day = MaintenanceCalendar.ruleDay(month);
        assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(day.getDayOfMonth()).isBetween(16, 22);
        assertThat(YearMonth.from(day)).isEqualTo(month);
    }
}
