package jp.madoguchi.app.counter.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.CertKind;

/**
 * Card and certificate validity, expiry and renewal windows (counter-rules §3 N5–N18, card-spec §6):
 * the one place these dates are computed (architecture.md §3).
 *
 * <p>All dates are calendar dates in Japan Standard Time; every method that judges "now" takes the
 * instant explicitly. Immutable and thread-safe.
 */
public final class ValidityRules {

    /** Dates and the end of day are Japan's (counter-rules: "Dates are calendar dates in JST"). */
    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    /** From this J-LIS receipt date on, the card's dividing age is 18 instead of 20 (N7). */
    public static final LocalDate AGE_OF_MAJORITY_CHANGE = LocalDate.of(2022, 4, 1);

    /** No signing certificate below this age (N18). */
    public static final int SIGN_MINIMUM_AGE = 15;

    /** N15: the window opens the day after the date this many months before expiry. */
    public static final int DEFAULT_RENEWAL_WINDOW_MONTHS = 3;

    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private final int renewalWindowMonths;

    /** The rules in force: a 3-month renewal window (N15). */
    public ValidityRules() {
        this(DEFAULT_RENEWAL_WINDOW_MONTHS);
    }

    /**
     * Rules with another window length: N17's next-generation card (12 months) is configuration, not
     * in force.
     */
    public ValidityRules(int renewalWindowMonths) {
        if (renewalWindowMonths < 1 || renewalWindowMonths > 12) {
            throw new IllegalArgumentException("renewal window must be 1-12 months, was " + renewalWindowMonths);
        }
        this.renewalWindowMonths = renewalWindowMonths;
    }

    /** The JST calendar date at {@code now}. */
    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, JST);
    }

    /**
     * Age in completed years on {@code day} (PR-48: {@code Period.between}, so the day before the
     * 15th birthday still counts as 14). A 29 February birth in a common year turns a year older on
     * 1 March under this rule.
     */
    public static int ageOn(LocalDate birthDate, LocalDate day) {
        if (day.isBefore(birthDate)) {
            throw new IllegalArgumentException("day before birth");
        }
        return Period.between(birthDate, day).getYears();
    }

    /** Whether the holder is under 15 on {@code day} (N18): no signing certificate, a legal representative acts. */
    public static boolean isUnder15(LocalDate birthDate, LocalDate day) {
        return ageOn(birthDate, day) < SIGN_MINIMUM_AGE;
    }

    /**
     * The birthday in {@code year}: 29 February falls on 28 February in a common year (N10,
     * {@code LocalDate.plusYears}). Always computed from the birth date, never chained, so a leap-day
     * birthday comes back to 29 February in leap years.
     */
    public static LocalDate birthdayIn(LocalDate birthDate, int year) {
        return birthDate.plusYears((long) year - birthDate.getYear());
    }

    /** The Nth birthday strictly after {@code date} (N10; a birthday on {@code date} itself does not count). */
    public static LocalDate nthBirthdayAfter(LocalDate birthDate, int n, LocalDate date) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        // The birth itself is not a birthday: the first one is a year later.
        int year = Math.max(date.getYear(), birthDate.getYear() + 1);
        LocalDate first = birthdayIn(birthDate, year);
        if (!first.isAfter(date)) {
            year++;
        }
        return birthdayIn(birthDate, year + n - 1);
    }

    /** The card's dividing age for an application J-LIS received on {@code receivedOn}: 20 before 2022-04-01, then 18 (N5–N7). */
    public static int dividingAge(LocalDate receivedOn) {
        return receivedOn.isBefore(AGE_OF_MAJORITY_CHANGE) ? 20 : 18;
    }

    /**
     * A card's expiry date: the 10th birthday after the issue date if the holder had reached the
     * dividing age on J-LIS's receipt date, else the 5th (N5–N7; N9/PR-42 photo-less cards are under 1
     * and so take the 5th); capped at the end of a limited period of stay (N8). Used both for a preview
     * and for a foreign resident's extension (the cap is then the new stay expiry, ◐).
     *
     * @param birthDate  the holder's birth date
     * @param receivedOn J-LIS's application receipt date (申請受付日)
     * @param issuedOn   J-LIS's issue date (発行日), not the handover
     * @param stayExpiry the end of a limited period of stay, if any
     */
    public LocalDate cardValidTo(LocalDate birthDate, LocalDate receivedOn, LocalDate issuedOn,
                                 Optional<LocalDate> stayExpiry) {
        Objects.requireNonNull(stayExpiry, "stayExpiry");
        if (issuedOn.isBefore(receivedOn) || receivedOn.isBefore(birthDate)) {
            throw new IllegalArgumentException("dates out of order: born, received, issued");
        }
        int years = ageOn(birthDate, receivedOn) >= dividingAge(receivedOn) ? 10 : 5;
        LocalDate byAge = nthBirthdayAfter(birthDate, years, issuedOn);
        return stayExpiry.filter(stay -> stay.isBefore(byAge)).orElse(byAge);
    }

    /**
     * A certificate's expiry date: the 5th birthday after issue at any age, also for renewals inside
     * the window (N12, N13/PR-45), capped by the card's expiry and the end of the period of stay; a
     * {@code SIGN} certificate is also capped by the {@code AUTH} one (◐). The CA computes this; the
     * workstation only previews it.
     *
     * @param authValidTo the AUTH certificate's expiry date, for a SIGN certificate issued beside it
     */
    public LocalDate certificateValidTo(CertKind kind, LocalDate birthDate, LocalDate issuedOn, LocalDate cardValidTo,
                                        Optional<LocalDate> stayExpiry, Optional<LocalDate> authValidTo) {
        LocalDate result = nthBirthdayAfter(birthDate, 5, issuedOn);
        result = earlier(result, cardValidTo);
        if (stayExpiry.isPresent()) {
            result = earlier(result, stayExpiry.get());
        }
        if (kind == CertKind.SIGN && authValidTo.isPresent()) {
            result = earlier(result, authValidTo.get());
        }
        return result;
    }

    /** The expiry instant of an expiry date: 23:59:59 JST that day (N14/PR-46), i.e. 14:59:59Z. */
    public static Instant expiryInstant(LocalDate expiryDate) {
        return expiryDate.atTime(END_OF_DAY).atZone(JST).toInstant();
    }

    /** The JST date of a certificate's notAfter (the date shown and used for its window). */
    public static LocalDate expiryDate(Instant notAfter) {
        return today(notAfter);
    }

    /**
     * Whether something expiring at {@code notAfter} has expired at {@code now}. Validity is judged to
     * the second, like an X.509 notAfter: 23:59:59.999 JST on the expiry date is still valid, midnight
     * is not.
     */
    public static boolean isExpired(Instant notAfter, Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).isAfter(notAfter);
    }

    /** Whether a card (or anything with an expiry date) has expired at {@code now}. */
    public static boolean isExpired(LocalDate expiryDate, Instant now) {
        return isExpired(expiryInstant(expiryDate), now);
    }

    /**
     * The renewal window of something expiring on {@code expiryDate} at {@code closesAt}: it opens on
     * {@code expiry.minusMonths(months).plusDays(1)} (N15, N16/PR-47: at a month end the date three
     * months before is clamped to that month's last day, then one day is added).
     */
    public RenewalWindow renewalWindow(LocalDate expiryDate, Instant closesAt) {
        return new RenewalWindow(expiryDate.minusMonths(renewalWindowMonths).plusDays(1), expiryDate, closesAt);
    }

    /** A card's window: it closes at the card's expiry instant. */
    public RenewalWindow cardRenewalWindow(LocalDate cardValidTo) {
        return renewalWindow(cardValidTo, expiryInstant(cardValidTo));
    }

    /** A certificate's window: it closes at the certificate's own notAfter (PR-46: the notAfter wins). */
    public RenewalWindow certificateRenewalWindow(Instant notAfter) {
        return renewalWindow(expiryDate(notAfter), notAfter);
    }

    /** Why an unclaimed card may be destroyed (N25/PR-50). */
    public enum DestructionGround {
        /** The reminder's deadline has passed and 365 days have gone by since J-LIS's receipt date. */
        REMINDER_DEADLINE_PASSED,
        /** The notice came back undeliverable and 365 days have gone by since the receipt date. */
        NOTICE_UNDELIVERABLE,
        /** The card has expired. */
        CARD_EXPIRED
    }

    /** Days after J-LIS's receipt date before an unclaimed card may be destroyed on the first two grounds (PR-50). */
    public static final int UNCLAIMED_DAYS = 365;

    /**
     * The ground on which an unclaimed card may be destroyed today, if any (N25/PR-50). The expiry ground
     * is reported first, since it holds whatever the notices did.
     *
     * @param receivedOn          J-LIS's application receipt date
     * @param reminderDeadline    the deadline printed on the reminder (再通知), if one was sent
     * @param noticeUndeliverable the notice came back undeliverable
     * @param cardValidTo         the card's expiry date
     */
    public static Optional<DestructionGround> destructionGround(LocalDate receivedOn, Optional<LocalDate> reminderDeadline,
                                                               boolean noticeUndeliverable, LocalDate cardValidTo,
                                                               Instant now) {
        if (isExpired(cardValidTo, now)) {
            return Optional.of(DestructionGround.CARD_EXPIRED);
        }
        LocalDate today = today(now);
        boolean yearGone = !today.isBefore(receivedOn.plusDays(UNCLAIMED_DAYS));
        if (yearGone && reminderDeadline.filter(today::isAfter).isPresent()) {
            return Optional.of(DestructionGround.REMINDER_DEADLINE_PASSED);
        }
        if (yearGone && noticeUndeliverable) {
            return Optional.of(DestructionGround.NOTICE_UNDELIVERABLE);
        }
        return Optional.empty();
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return b.isBefore(a) ? b : a;
    }
}
