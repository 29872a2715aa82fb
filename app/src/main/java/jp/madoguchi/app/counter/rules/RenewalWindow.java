package jp.madoguchi.app.counter.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * 更新期間: from the day the window opens to the expiry instant (counter-rules N15–N16).
 *
 * @param opensOn   the first JST day renewal is accepted
 * @param expiresOn the expiry date (shown with {@code MDG-CERT-001})
 * @param closesAt  the expiry instant; after it the certificate or card has expired
 */
public record RenewalWindow(LocalDate opensOn, LocalDate expiresOn, Instant closesAt) {

    /** Where {@code now} falls relative to the window. */
    public enum Phase {
        BEFORE_WINDOW, OPEN, EXPIRED
    }

    public RenewalWindow {
        Objects.requireNonNull(opensOn, "opensOn");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(closesAt, "closesAt");
        if (opensOn.isAfter(expiresOn)) {
            throw new IllegalArgumentException("window opens after expiry");
        }
    }

    public Phase phaseAt(Instant now) {
        if (ValidityRules.isExpired(closesAt, now)) {
            return Phase.EXPIRED;
        }
        return ValidityRules.today(now).isBefore(opensOn) ? Phase.BEFORE_WINDOW : Phase.OPEN;
    }
}
