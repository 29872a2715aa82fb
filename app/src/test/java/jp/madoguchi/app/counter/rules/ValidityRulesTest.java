package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.Optional;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.CertKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidityRulesTest {

    private final ValidityRules rules = new ValidityRules();

    @ParameterizedTest(name = "born {0}, received {1}, issued {2}, stay {3} → card until {4}")
    @CsvSource(nullValues = "-", textBlock = """
            # card-spec §9.8: adult, 10th birthday after issue
            1990-05-05, 2025-05-15, 2025-06-01, -,          2035-05-05
            # card-spec §9.8: age 14 → 5th birthday
            2010-08-20, 2025-05-15, 2025-06-01, -,          2029-08-20
            # N7: received before 2022-04-01, aged 19 → under the old line of 20 → 5 years
            2003-01-10, 2022-03-15, 2022-05-20, -,          2027-01-10
            # N7: received on 2022-04-01, aged 19 → 18+ → 10 years
            2003-01-10, 2022-04-01, 2022-05-20, -,          2032-01-10
            # 18 line after 2022-04-01: the day before the 18th birthday vs the birthday itself
            2007-06-10, 2025-06-09, 2025-07-01, -,          2030-06-10
            2007-06-10, 2025-06-10, 2025-07-01, -,          2035-06-10
            # 20 line before 2022-04-01: 19 vs 20 on the receipt date
            2001-03-01, 2021-02-28, 2021-03-20, -,          2026-03-01
            2001-03-01, 2021-03-01, 2021-03-20, -,          2031-03-01
            # the last receipt day of the old line, aged 18 → still under 20
            2003-06-01, 2022-03-31, 2022-04-20, -,          2026-06-01
            # 29 February births: 28 February in common years, 29 February in leap years
            2000-02-29, 2025-05-15, 2025-06-01, -,          2035-02-28
            2008-02-29, 2024-03-01, 2024-03-10, -,          2029-02-28
            2004-02-29, 2024-02-10, 2024-02-29, -,          2034-02-28
            2000-02-29, 2023-02-01, 2023-02-28, -,          2033-02-28
            1996-02-29, 2027-01-05, 2027-01-20, -,          2036-02-29
            # issued on 28 February of a common year: that day is the birthday, so the 10th is 2036-02-29
            1996-02-29, 2026-02-01, 2026-02-28, -,          2036-02-29
            # issued on the birthday: that birthday does not count (strictly after)
            1990-05-05, 2025-04-20, 2025-05-05, -,          2035-05-05
            1990-05-05, 2025-04-20, 2025-05-04, -,          2034-05-05
            # photo-less card for an infant (N9, PR-42): 5th birthday
            2025-01-10, 2025-03-01, 2025-03-20, -,          2030-01-10
            # era edges are irrelevant to validity: 昭和64年1月7日 and 平成元年1月8日
            1989-01-07, 2025-05-15, 2025-06-01, -,          2035-01-07
            1989-01-08, 2025-05-15, 2025-06-01, -,          2035-01-08
            2019-05-01, 2025-05-15, 2025-06-01, -,          2030-05-01
            # foreign resident: capped at the end of stay (N8), unless the stay outlasts the card
            1990-05-05, 2025-05-15, 2025-06-01, 2027-03-31, 2027-03-31
            1990-05-05, 2025-05-15, 2025-06-01, 2040-01-01, 2035-05-05
            """)
    void card_validity(LocalDate born, LocalDate received, LocalDate issued, LocalDate stay, LocalDate expected) {
        assertThat(rules.cardValidTo(born, received, issued, Optional.ofNullable(stay))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} born {1}, issued {2}, card {3}, stay {4}, auth {5} → {6}")
    @CsvSource(nullValues = "-", textBlock = """
            AUTH, 1990-05-05, 2025-06-01, 2035-05-05, -,          -,          2030-05-05
            SIGN, 1990-05-05, 2025-06-01, 2035-05-05, -,          2030-05-05, 2030-05-05
            # capped by the card
            AUTH, 1990-05-05, 2025-06-01, 2027-01-01, -,          -,          2027-01-01
            # capped by the end of stay
            AUTH, 1990-05-05, 2025-06-01, 2035-05-05, 2026-09-30, -,          2026-09-30
            # SIGN never outlasts AUTH; AUTH ignores that cap
            SIGN, 1990-05-05, 2025-06-01, 2035-05-05, -,          2029-12-31, 2029-12-31
            AUTH, 1990-05-05, 2025-06-01, 2035-05-05, -,          2029-12-31, 2030-05-05
            # 29 February
            AUTH, 2000-02-29, 2025-06-01, 2035-02-28, -,          -,          2030-02-28
            AUTH, 2004-02-29, 2025-06-01, 2035-02-28, -,          -,          2030-02-28
            # a child: 5th birthday at any age, and the card's 5th birthday coincides
            AUTH, 2010-08-20, 2025-06-01, 2029-08-20, -,          -,          2029-08-20
            """)
    void certificate_validity(CertKind kind, LocalDate born, LocalDate issued, LocalDate card, LocalDate stay,
                              LocalDate auth, LocalDate expected) {
        assertThat(rules.certificateValidTo(kind, born, issued, card, Optional.ofNullable(stay), Optional.ofNullable(auth)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "born {0}: age {2} on {1}, under 15 = {3}")
    @CsvSource(textBlock = """
            2011-11-25, 2026-11-24, 14, true
            2011-11-25, 2026-11-25, 15, false
            2011-11-25, 2026-11-26, 15, false
            # PR-48 for a 29 February birth: Period.between makes the 15th birthday 1 March in a common year
            2008-02-29, 2023-02-28, 14, true
            2008-02-29, 2023-03-01, 15, false
            2012-02-29, 2027-02-28, 14, true
            2012-02-29, 2027-03-01, 15, false
            2009-02-28, 2024-02-28, 15, false
            2009-02-28, 2024-02-27, 14, true
            # 75+ (N21)
            1951-04-01, 2026-03-31, 74, false
            1951-04-01, 2026-04-01, 75, false
            """)
    void age_in_completed_years(LocalDate born, LocalDate day, int age, boolean under15) {
        assertThat(ValidityRules.ageOn(born, day)).isEqualTo(age);
        assertThat(ValidityRules.isUnder15(born, day)).isEqualTo(under15);
    }

    @ParameterizedTest(name = "received {0} → dividing age {1}")
    @CsvSource({"2022-03-31, 20", "2022-04-01, 18", "2015-10-05, 20", "2026-01-01, 18"})
    void dividing_age_changes_on_2022_04_01(LocalDate received, int age) {
        assertThat(ValidityRules.dividingAge(received)).isEqualTo(age);
    }

    @ParameterizedTest(name = "expiry {0}: {1} is expired = {2}")
    @CsvSource(textBlock = """
            2035-05-05, 2035-05-05T00:00:00Z,     false
            2035-05-05, 2035-05-05T14:59:59Z,     false
            2035-05-05, 2035-05-05T14:59:59.999Z, false
            2035-05-05, 2035-05-05T15:00:00Z,     true
            2035-05-05, 2035-05-04T15:00:00Z,     false
            2028-02-29, 2028-02-29T14:59:59Z,     false
            2028-02-29, 2028-02-29T15:00:00Z,     true
            """)
    void expiry_is_end_of_day_jst(LocalDate expiry, Instant now, boolean expired) {
        assertThat(ValidityRules.expiryInstant(expiry)).isEqualTo(expiry.atTime(14, 59, 59).toInstant(java.time.ZoneOffset.UTC));
        assertThat(ValidityRules.isExpired(expiry, now)).isEqualTo(expired);
    }

    @ParameterizedTest(name = "{0} is JST day {1}")
    @CsvSource({"2026-05-25T14:59:59Z, 2026-05-25", "2026-05-25T15:00:00Z, 2026-05-26", "2026-12-31T15:00:00Z, 2027-01-01"})
    void today_is_the_jst_date(Instant now, LocalDate day) {
        assertThat(ValidityRules.today(now)).isEqualTo(day);
    }

    @ParameterizedTest(name = "expiry {0} → window opens {1}")
    @CsvSource(textBlock = """
            # N15 example
            2022-10-15, 2022-07-16
            # N16 / PR-47 example: month end
            2026-05-31, 2026-03-01
            # card-spec §9.8
            2030-05-05, 2030-02-06
            # February clamps: leap and common years
            2024-05-31, 2024-03-01
            2024-05-30, 2024-03-01
            2024-05-29, 2024-03-01
            2024-05-28, 2024-02-29
            2025-05-30, 2025-03-01
            2025-05-29, 2025-03-01
            2025-05-28, 2025-03-01
            2025-05-27, 2025-02-28
            # across a year end
            2026-03-31, 2026-01-01
            2026-01-15, 2025-10-16
            """)
    void renewal_window_opens(LocalDate expiry, LocalDate opens) {
        assertThat(rules.cardRenewalWindow(expiry).opensOn()).isEqualTo(opens);
    }

    @ParameterizedTest(name = "window for {0} at {1} {2} JST: {3}")
    @CsvSource(textBlock = """
            2030-05-05, 2030-02-05, 23:59:59, BEFORE_WINDOW
            2030-05-05, 2030-02-06, 00:00:00, OPEN
            2030-05-05, 2030-05-05, 23:59:59, OPEN
            2030-05-05, 2030-05-06, 00:00:00, EXPIRED
            """)
    void renewal_window_phases(LocalDate expiry, LocalDate day, LocalTime time, RenewalWindow.Phase phase) {
        Instant notAfter = ValidityRules.expiryInstant(expiry);
        assertThat(rules.certificateRenewalWindow(notAfter).phaseAt(Fixtures.jst(day, time))).isEqualTo(phase);
    }

    @ParameterizedTest(name = "12-month window (N17, configuration): expiry {0} opens {1}")
    @CsvSource({"2030-05-05, 2029-05-06", "2029-02-28, 2028-02-29"})
    void next_generation_window_is_configuration(LocalDate expiry, LocalDate opens) {
        assertThat(new ValidityRules(12).cardRenewalWindow(expiry).opensOn()).isEqualTo(opens);
    }

    @ParameterizedTest(name = "received {0}, reminder until {1}, undeliverable {2}, card {3}, on {4} → {5}")
    @CsvSource(nullValues = "-", textBlock = """
            2025-05-15, 2025-12-31, false, 2035-05-05, 2026-05-14, -
            2025-05-15, 2025-12-31, false, 2035-05-05, 2026-05-15, REMINDER_DEADLINE_PASSED
            2025-05-15, 2026-06-30, false, 2035-05-05, 2026-06-30, -
            2025-05-15, 2026-06-30, false, 2035-05-05, 2026-07-01, REMINDER_DEADLINE_PASSED
            2025-05-15, -,          true,  2035-05-05, 2026-05-14, -
            2025-05-15, -,          true,  2035-05-05, 2026-05-15, NOTICE_UNDELIVERABLE
            2025-05-15, -,          false, 2035-05-05, 2030-01-01, -
            2020-05-15, -,          false, 2025-06-01, 2025-06-02, CARD_EXPIRED
            """)
    void unclaimed_card_destruction_grounds(LocalDate received, LocalDate reminderUntil, boolean undeliverable,
                                            LocalDate cardValidTo, LocalDate day, ValidityRules.DestructionGround ground) {
        assertThat(ValidityRules.destructionGround(received, Optional.ofNullable(reminderUntil), undeliverable, cardValidTo,
                Fixtures.jstNoon(day))).isEqualTo(Optional.ofNullable(ground));
    }

    @org.junit.jupiter.api.Test
    void bad_input_is_refused() {
        assertThatThrownBy(() -> new ValidityRules(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules.cardValidTo(LocalDate.of(2000, 1, 1), LocalDate.of(2025, 6, 1),
                LocalDate.of(2025, 5, 1), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidityRules.ageOn(LocalDate.of(2000, 1, 1), LocalDate.of(1999, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidityRules.nthBirthdayAfter(LocalDate.of(2000, 1, 1), 0, LocalDate.of(2020, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- properties over the space of dates ---

    @Property
    void nth_birthday_is_strictly_after_and_on_the_birthday(
            @ForAll @DateRange(min = "1920-01-01", max = "2025-12-31") LocalDate born,
            @ForAll @DateRange(min = "2014-01-01", max = "2040-12-31") LocalDate after,
            @ForAll @IntRange(min = 1, max = 10) int n) {
        LocalDate result0 = ValidityRules.nthBirthdayAfter(born, 1, born.minusDays(1));
        assertThat(result0).isEqualTo(ValidityRules.birthdayIn(born, born.getYear() + 1));
        if (after.isBefore(born)) {
            return;
        }
        LocalDate result = ValidityRules.nthBirthdayAfter(born, n, after);
        assertThat(result).isAfter(after);
        boolean leapDayInCommonYear = born.getMonth() == Month.FEBRUARY && born.getDayOfMonth() == 29 && !result.isLeapYear();
        assertThat(result.getMonth()).isEqualTo(born.getMonth());
        assertThat(result.getDayOfMonth()).isEqualTo(leapDayInCommonYear ? 28 : born.getDayOfMonth());
        // exactly n birthdays in (after, result]: the one before result is not after `after` when n = 1
        LocalDate previous = ValidityRules.birthdayIn(born, result.getYear() - n);
        assertThat(previous).isBeforeOrEqualTo(after);
    }

    @Property
    void card_validity_is_5_or_10_years_and_never_beyond_the_stay(
            @ForAll @DateRange(min = "1930-01-01", max = "2024-12-31") LocalDate born,
            @ForAll @DateRange(min = "2016-01-01", max = "2030-12-31") LocalDate received,
            @ForAll @IntRange(min = 0, max = 60) int daysToIssue) {
        if (received.isBefore(born)) {
            return;
        }
        LocalDate issued = received.plusDays(daysToIssue);
        LocalDate validTo = rules.cardValidTo(born, received, issued, Optional.empty());
        boolean adult = ValidityRules.ageOn(born, received) >= ValidityRules.dividingAge(received);
        int years = adult ? 10 : 5;
        // A 29 February birthday falls on 28 February in common years (N10), so a card issued on 28
        // February of a common year runs to 29 February when the expiry year is a leap year: one day
        // past issued.plusYears(years), which clips to the 28th.
        boolean leapDayBirth = born.getMonth() == Month.FEBRUARY && born.getDayOfMonth() == 29;
        assertThat(validTo).isEqualTo(ValidityRules.birthdayIn(born, validTo.getYear()))
                .isAfter(issued.plusYears(years - 1))
                .isBeforeOrEqualTo(issued.plusYears(years).plusDays(leapDayBirth ? 1 : 0));
        LocalDate stay = issued.plusDays(100);
        assertThat(rules.cardValidTo(born, received, issued, Optional.of(stay))).isBeforeOrEqualTo(stay);
    }

    @Property
    void window_opens_the_day_after_three_months_before(
            @ForAll @DateRange(min = "2020-01-01", max = "2045-12-31") LocalDate expiry) {
        RenewalWindow window = rules.cardRenewalWindow(expiry);
        assertThat(window.opensOn().minusDays(1)).isEqualTo(expiry.minusMonths(3));
        assertThat(window.phaseAt(ValidityRules.expiryInstant(expiry))).isEqualTo(RenewalWindow.Phase.OPEN);
        assertThat(window.phaseAt(Fixtures.jst(window.opensOn(), LocalTime.MIDNIGHT))).isEqualTo(RenewalWindow.Phase.OPEN);
        assertThat(window.phaseAt(Fixtures.jst(window.opensOn(), LocalTime.MIDNIGHT).minusNanos(1)))
                .isEqualTo(RenewalWindow.Phase.BEFORE_WINDOW);
    }
}
