package jp.madoguchi.card;

import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * Local PIN format checks made before any APDU (counter-rules N1, card-spec §2.4/§7.5): 4 ASCII digits,
 * or for the sign password 6–16 of A–Z/0–9 with at least one letter and one digit. Lower case is
 * refused, never converted.
 */
final class PinFormat {

    private PinFormat() {
    }

    static void check(PinKind kind, char[] pin) {
        if (kind.isPassword()) {
            boolean letter = false;
            boolean digit = false;
            boolean valid = pin.length >= 6 && pin.length <= 16;
            for (char c : pin) {
                if (c >= 'A' && c <= 'Z') {
                    letter = true;
                } else if (c >= '0' && c <= '9') {
                    digit = true;
                } else {
                    valid = false;
                }
            }
            if (!valid || !letter || !digit) {
                throw new MadoguchiException(CounterFailure.PIN_SIGN_FORMAT);
            }
        } else {
            boolean valid = pin.length == 4;
            for (char c : pin) {
                valid &= c >= '0' && c <= '9';
            }
            if (!valid) {
                throw new MadoguchiException(CounterFailure.PIN_DIGITS_FORMAT);
            }
        }
    }

    /** ASCII bytes of a checked PIN; the caller clears them after the transmit. */
    static byte[] bytes(char[] pin) {
        byte[] out = new byte[pin.length];
        for (int i = 0; i < pin.length; i++) {
            out[i] = (byte) pin[i];
        }
        return out;
    }
}
