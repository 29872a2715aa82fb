package jp.madoguchi.app.counter.rules;

import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.OfficeType;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.Resident;
import jp.madoguchi.common.CounterFailure;

/**
 * Overseas cards (国外転出者向けカード, "emigrant cards", counter-rules §2.8) and what an overseas mission
 * (在外公館, {@link OfficeType#MISSION}) does with them: how the card's address and the former surname
 * are shown, who may hold one, and, for an operation the permission matrix refuses at a mission, where
 * the resident is sent instead. The matrix itself (§1.3) stays {@link PermissionMatrix}'s; this class
 * only adds what the matrix cannot say. Stateless and thread-safe.
 */
public final class OverseasCardRules {

    /** The bundle keys of the overseas address line (CounterTexts). */
    static final java.util.List<String> TEXT_KEYS = java.util.List.of("overseas.address", "overseas.addressUndated");

    /**
     * The address line for {@code card}: on an overseas card 「国外転出 YYYY年M月D日」 with the planned
     * departure date (§2.8, "Card content"; English "Moved abroad YYYY-MM-DD"), whatever the resident
     * record's last domestic address was; otherwise {@code domesticAddress} exactly as received.
     */
    public String addressLine(Card card, String domesticAddress, Locale locale) {
        if (!card.overseasCard()) {
            return domesticAddress;
        }
        return card.departureDate()
                .map(d -> CounterTexts.text("overseas.address", locale).replace("{date}", CounterTexts.label(d, locale)))
                .orElseGet(() -> CounterTexts.text("overseas.addressUndated", locale));
    }

    /**
     * Whether the card face carries the former surname (旧氏) and its furigana: not on an overseas card
     * until the operator's FY2027 plan (§2.8, §5 ◐). The counter's screens and forms still show it
     * ({@link Resident#displayNameWithFormerSurname()}): they are not the card face.
     */
    public boolean formerSurnameOnCardFace(Card card) {
        return !card.overseasCard();
    }

    /**
     * Who may hold an overseas card (§2.8 "Eligibility"): Japanese nationals only. A foreign national's
     * card marked overseas is MDG-CARD-002 (it is handled at the 住所地); empty when eligible or when the
     * card is no overseas card. {@code japaneseNational} as central's resident record says
     * ({@link Resident#japaneseNational()}; the feed's {@code foreignResident} flag).
     */
    public Optional<Refusal> checkHolder(Card card, boolean japaneseNational) {
        if (card.overseasCard() && !japaneseNational) {
            return Optional.of(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", PermissionMatrix.Handler.RESIDENCE_MUNICIPALITY));
        }
        return Optional.empty();
    }

    /**
     * What the clerk tells the resident when {@code operation} is refused at {@code office} because it is
     * a mission (§2.8 "At a mission", §2.2, PR-07): a PIN change is made at the 本籍地 (a mission resets
     * only); certificate renewal and issuance at a municipal counter; a change of particulars means a
     * new overseas card, free, and returning the old one. Empty for other offices and operations.
     */
    public Optional<Notice> missionGuidance(Office office, Operation operation) {
        if (office.type() != OfficeType.MISSION) {
            return Optional.empty();
        }
        return switch (operation) {
            case PIN_CHANGE -> Optional.of(Notice.of(Notice.Kind.MISSION_PIN_CHANGE_AT_DOMICILE));
            case CERT_RENEWAL, CERT_ISSUE -> Optional.of(Notice.of(Notice.Kind.MISSION_CERTIFICATES_AT_MUNICIPALITY));
            case ANNOTATION, CONTINUED_USE, VALIDITY_EXTENSION, OVERSEAS_CONVERSION ->
                    Optional.of(Notice.of(Notice.Kind.MISSION_NEW_CARD_INSTEAD));
            default -> Optional.empty();
        };
    }
}
