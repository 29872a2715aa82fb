package jp.madoguchi.app.counter.rules;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.common.CounterFailure;

/**
 * PIN rules for the PIN pad (counter-rules N1–N3, §2.1 step 7, §2.2). PINs arrive as {@code char[]} and
 * are only read here: never copied into a String, logged, or put in a refusal. The caller clears them.
 */
public final class PinRules {

    /** Why a 4-digit PIN draws a warning (N2/PR-41: warned, still accepted). */
    public enum Weakness implements CounterTexts.Labelled {
        /** Four equal digits (0000, 7777). */
        REPEATED_DIGIT,
        /** An ascending or descending run (1234, 9876). */
        SEQUENCE,
        /** The holder's birth month and day (MMDD). */
        BIRTH_MONTH_DAY;

        @Override
        public String labelKey() {
            return "weakness." + name();
        }
    }

    /** Who keys the new PINs in (printed on the delivery receipt, §6.1). */
    public enum PinEntrant {
        HOLDER, LEGAL_REPRESENTATIVE, STAFF_FROM_SEALED_ENTRY
    }

    private PinRules() {
    }

    /**
     * Checks a PIN's format: SIGN 6–16 of A–Z and 0–9 with at least one of each, lower case refused and
     * never converted (N1/PR-40) → {@code MDG-PIN-001}; the others exactly 4 ASCII digits (N2) →
     * {@code MDG-PIN-002}.
     */
    public static Optional<Refusal> checkFormat(PinType type, char[] pin) {
        if (type == PinType.SIGN) {
            return isSignFormat(pin) ? Optional.empty() : Optional.of(Refusal.of(CounterFailure.PIN_SIGN_FORMAT));
        }
        return isFourDigits(pin) ? Optional.empty() : Optional.of(Refusal.of(CounterFailure.PIN_DIGITS_FORMAT));
    }

    private static boolean isSignFormat(char[] pin) {
        if (pin.length < 6 || pin.length > 16) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (char c : pin) {
            if (c >= 'A' && c <= 'Z') {
                letter = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                return false;
            }
        }
        return letter && digit;
    }

    private static boolean isFourDigits(char[] pin) {
        if (pin.length != 4) {
            return false;
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that the confirmation equals the first entry → {@code MDG-PIN-003} (both entries are then
     * cleared by the caller). The comparison takes the same time wherever the first difference lies.
     */
    public static Optional<Refusal> checkConfirmation(char[] first, char[] confirmation) {
        int diff = first.length ^ confirmation.length;
        int n = Math.max(first.length, confirmation.length);
        for (int i = 0; i < n; i++) {
            char a = i < first.length ? first[i] : 0;
            char b = i < confirmation.length ? confirmation[i] : 0;
            diff |= a ^ b;
        }
        return diff == 0 ? Optional.empty() : Optional.of(Refusal.of(CounterFailure.PIN_CONFIRMATION_MISMATCH));
    }

    /**
     * The weak-PIN warnings of N2 for a well-formed 4-digit PIN; none for the signing password (N1 has
     * no such rule) or for a malformed entry (the format refusal comes first).
     */
    public static Set<Weakness> weaknesses(PinType type, char[] pin, LocalDate birthDate) {
        Set<Weakness> found = EnumSet.noneOf(Weakness.class);
        if (!type.isFourDigit() || !isFourDigits(pin)) {
            return found;
        }
        if (pin[0] == pin[1] && pin[1] == pin[2] && pin[2] == pin[3]) {
            found.add(Weakness.REPEATED_DIGIT);
        }
        int step = pin[1] - pin[0];
        if ((step == 1 || step == -1) && pin[2] - pin[1] == step && pin[3] - pin[2] == step) {
            found.add(Weakness.SEQUENCE);
        }
        int month = birthDate.getMonthValue();
        int day = birthDate.getDayOfMonth();
        if (pin[0] - '0' == month / 10 && pin[1] - '0' == month % 10 && pin[2] - '0' == day / 10 && pin[3] - '0' == day % 10) {
            found.add(Weakness.BIRTH_MONTH_DAY);
        }
        return found;
    }

    /** The warning notice for a weak PIN, or empty. */
    public static Optional<Notice> weakPinNotice(PinType type, char[] pin, LocalDate birthDate) {
        return weaknesses(type, pin, birthDate).isEmpty() ? Optional.empty() : Optional.of(Notice.of(Notice.Kind.WEAK_PIN));
    }

    /** {@code MDG-PIN-004}: the PIN a step needs is locked; a reset in the same visit is offered. */
    public static Refusal locked(PinType type) {
        return Refusal.of(CounterFailure.PIN_LOCKED, "pin", type);
    }

    /** {@code MDG-PIN-005}: wrong current PIN with {@code triesLeft} tries left before the lock. */
    public static Refusal wrong(int triesLeft) {
        if (triesLeft < 1) {
            throw new IllegalArgumentException("a wrong PIN with no tries left is a lock (MDG-PIN-004)");
        }
        return Refusal.of(CounterFailure.PIN_WRONG, "n", triesLeft);
    }

    /**
     * The PINs set at delivery (§2.1 step 7, PR-30): none on a face-auth card or a {@code pinsPreset}
     * card; the signing PIN only when the card carries a signing certificate.
     */
    public static Set<PinType> pinsToSetAtDelivery(Card card, boolean cardHasSignCertificate) {
        if (!card.hasPins() || card.pinsPreset()) {
            return EnumSet.noneOf(PinType.class);
        }
        Set<PinType> pins = EnumSet.of(PinType.AUTH, PinType.JUKI, PinType.CARD_TEXT);
        if (cardHasSignCertificate) {
            pins.add(PinType.SIGN);
        }
        return pins;
    }

    /**
     * Who keys the PINs in (§2.0, §2.1 step 7): the legal representative for a holder under 15 or an
     * adult ward; staff from the holder's concealed entry for a voluntary proxy (or a legal
     * representative collecting without the holder, PR-17); otherwise the holder.
     */
    public static PinEntrant deliveryEntrant(VisitorType visitor, boolean holderUnder15OrAdultWard) {
        return switch (visitor) {
            case VOLUNTARY_PROXY, SAME_HOUSEHOLD, LEGAL_REP -> PinEntrant.STAFF_FROM_SEALED_ENTRY;
            case HOLDER_WITH_LEGAL_REP -> holderUnder15OrAdultWard ? PinEntrant.LEGAL_REPRESENTATIVE : PinEntrant.HOLDER;
            case HOLDER -> PinEntrant.HOLDER;
        };
    }
}
