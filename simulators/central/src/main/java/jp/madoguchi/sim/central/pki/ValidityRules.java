package jp.madoguchi.sim.central.pki;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;

/**
 * Validity arithmetic of counter-rules §3 (N5–N16) and card-spec §6. Pure functions of their
 * arguments; dates are JST calendar days.
 */
public final class ValidityRules {

    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final LocalDate ADULT_AGE_CHANGE = LocalDate.of(2022, 4, 1);

    private ValidityRules() {
    }

    /** The n-th birthday strictly after {@code date} (N10: 29 February falls on 28 February in common years). */
    public static LocalDate nthBirthdayAfter(LocalDate birth, LocalDate date, int n) {
        int k = Math.max(0, date.getYear() - birth.getYear() - 1);
        while (!birth.plusYears(k).isAfter(date)) {
            k++;
        }
        return birth.plusYears(k + (long) n - 1);
    }

    /** Completed years on {@code day} (N18: the day before the 15th birthday is still 14). */
    public static int age(LocalDate birth, LocalDate day) {
        return Period.between(birth, day).getYears();
    }

    /**
     * Card expiry (N5–N8): 10th birthday after issue for holders of 18+ (20+ before 2022-04-01) on
     * the receipt date, else the 5th; capped by the end of the period of stay when there is one.
     */
    public static LocalDate cardExpiry(LocalDate birth, LocalDate receivedOn, LocalDate issuedOn, LocalDate stayExpiry) {
        int adult = receivedOn.isBefore(ADULT_AGE_CHANGE) ? 20 : 18;
        LocalDate end = nthBirthdayAfter(birth, issuedOn, age(birth, receivedOn) >= adult ? 10 : 5);
        return stayExpiry != null && stayExpiry.isBefore(end) ? stayExpiry : end;
    }

    /** Certificate expiry day (N12, PR-45): 5th birthday after issue, capped by the card and, for SIGN, by AUTH. */
    public static LocalDate certificateExpiry(LocalDate birth, LocalDate issuedOn, LocalDate cardExpiry, LocalDate authExpiry) {
        LocalDate end = nthBirthdayAfter(birth, issuedOn, 5);
        if (cardExpiry.isBefore(end)) {
            end = cardExpiry;
        }
        if (authExpiry != null && authExpiry.isBefore(end)) {
            end = authExpiry;
        }
        return end;
    }

    /** 23:59:59 JST on the expiry day (N14). */
    public static Instant endOfDay(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(JST).toInstant();
    }

    /** N15/N16: the window opens the day after the date three months before expiry. */
    public static LocalDate renewalOpens(LocalDate expiry) {
        return expiry.minusMonths(3).plusDays(1);
    }

    public static LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(JST));
    }
}
