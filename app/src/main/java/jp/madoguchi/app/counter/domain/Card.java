package jp.madoguchi.app.counter.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A card as the counter knows it: the read cache's central record plus what the chip reports.
 *
 * @param serial                the card serial (digits; only the last 4 are ever printed)
 * @param applicationId         the application it was made for
 * @param stockOfficeCode       the office whose stock holds it (delivery precondition, counter-rules §2.1)
 * @param residenceMunicipality the holder's address municipality (住所地) as central records it
 * @param lifeCycle             the chip's life cycle (card-spec §7.9)
 * @param status                the central status, with {@code revocationReason} when REVOKED
 * @param revocationReason      present exactly when {@code status} is REVOKED
 * @param statusVersion         the central status version the cached record carries (the outbox's {@code basedOn})
 * @param cardType              PIN card or face-auth card
 * @param applicationReceivedOn J-LIS's application receipt date (申請受付日), which decides the 18/20 line
 * @param issuedOn              J-LIS's issue date (発行日), from which the validity is counted
 * @param validTo               the expiry date as central gave it (counter-rules PR-44: displayed, not recomputed)
 * @param overseasCard          whether this is a 国外転出者向けカード
 * @param departureDate         the planned departure date printed on an overseas card, or recorded before a conversion
 * @param pinsPreset            PINs set before handover (PR-30): delivery skips PIN setting
 * @param deliveredOn           the delivery date once ACTIVE (for {@code MDG-CARD-003})
 */
public record Card(String serial, String applicationId, String stockOfficeCode, String residenceMunicipality,
                   CardLifeCycle lifeCycle, CardStatus status, Optional<CardRevocationReason> revocationReason,
                   long statusVersion, CardType cardType, LocalDate applicationReceivedOn, LocalDate issuedOn,
                   LocalDate validTo, boolean overseasCard, Optional<LocalDate> departureDate, boolean pinsPreset,
                   Optional<LocalDate> deliveredOn) {

    public Card {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stockOfficeCode, "stockOfficeCode");
        Objects.requireNonNull(residenceMunicipality, "residenceMunicipality");
        Objects.requireNonNull(lifeCycle, "lifeCycle");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(revocationReason, "revocationReason");
        Objects.requireNonNull(cardType, "cardType");
        Objects.requireNonNull(applicationReceivedOn, "applicationReceivedOn");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(validTo, "validTo");
        Objects.requireNonNull(departureDate, "departureDate");
        Objects.requireNonNull(deliveredOn, "deliveredOn");
        if (!serial.matches("[0-9]{4,}")) {
            throw new IllegalArgumentException("card serial must be digits");
        }
        if ((status == CardStatus.REVOKED) != revocationReason.isPresent()) {
            throw new IllegalArgumentException("a revocation reason goes with REVOKED and only with it");
        }
        if (issuedOn.isBefore(applicationReceivedOn)) {
            throw new IllegalArgumentException("issued before the application was received");
        }
    }

    /** The only part of the serial that may be printed or shown in lists (counter-rules §6). */
    public String serialLast4() {
        return serial.substring(serial.length() - 4);
    }

    /** Whether the card carries PINs at all (a face-auth card has none, {@code MDG-CARD-008}). */
    public boolean hasPins() {
        return cardType == CardType.PIN;
    }

    /** This record with another central status (and reason), as applied from the feed or a workflow. */
    public Card withStatus(CardStatus newStatus, Optional<CardRevocationReason> reason, long newVersion) {
        return new Card(serial, applicationId, stockOfficeCode, residenceMunicipality, lifeCycle, newStatus, reason,
                newVersion, cardType, applicationReceivedOn, issuedOn, validTo, overseasCard, departureDate,
                pinsPreset, deliveredOn);
    }
}
