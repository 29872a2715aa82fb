package jp.madoguchi.app.counter.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The foreign-resident fields of counter-rules §5.
 *
 * @param alphabeticName          アルファベット氏名, as on the residence card, never truncated
 * @param kanjiName               漢字氏名（併記）, the form central holds
 * @param alias                   通称 (changing it revokes SIGN)
 * @param aliasFurigana           the alias's furigana
 * @param residenceCardNumber     在留カード番号 as central holds it (never printed)
 * @param statusOfResidence       在留資格 (decides whether the card is capped at the end of stay)
 * @param stayExpiry              在留期間満了日: present exactly when the status has a period of stay
 * @param nationality             国籍・地域
 * @param integratedResidenceCard 特定在留カード (PR-56: not delivered by Madoguchi)
 */
public record ForeignResident(PersonName alphabeticName, Optional<PersonName> kanjiName, Optional<PersonName> alias,
                              Optional<String> aliasFurigana, String residenceCardNumber,
                              StatusOfResidence statusOfResidence, Optional<LocalDate> stayExpiry, String nationality,
                              boolean integratedResidenceCard) {
    public ForeignResident {
        Objects.requireNonNull(alphabeticName, "alphabeticName");
        Objects.requireNonNull(kanjiName, "kanjiName");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(aliasFurigana, "aliasFurigana");
        Objects.requireNonNull(residenceCardNumber, "residenceCardNumber");
        Objects.requireNonNull(statusOfResidence, "statusOfResidence");
        Objects.requireNonNull(stayExpiry, "stayExpiry");
        Objects.requireNonNull(nationality, "nationality");
        if (statusOfResidence.hasPeriodOfStay() != stayExpiry.isPresent()) {
            throw new IllegalArgumentException("a stay expiry goes with a status that has a period of stay, and only with it");
        }
    }

    @Override
    public String toString() {
        return "ForeignResident[" + statusOfResidence + "]";
    }
}
