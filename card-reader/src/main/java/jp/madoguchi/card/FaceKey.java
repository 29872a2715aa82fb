package jp.madoguchi.card;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

/**
 * The key that opens 券面AP EF 0002 (card-spec §2.4, §2.8): 照合番号A (the 12-digit My Number, key EF
 * 0013, P2 93) or 照合番号B (era {@code YYMMDD} of birth ‖ card expiry year {@code YYYY} ‖ the 4-digit
 * security code printed on the card face, key EF 0012, P2 92). Formats are checked here, before any
 * APDU ({@code MDG-READER-023}). The value is a {@code char[]} that {@link CardConnection#readCardFace}
 * clears; {@link #toString()} never shows it.
 *
 * <p>Not thread-safe: made on one thread and handed to the card thread.
 */
public final class FaceKey {

    /** Which 照合番号 and the P2 of its VERIFY. */
    public enum Kind {
        A(0x93), B(0x92);

        private final int p2;

        Kind(int p2) {
            this.p2 = p2;
        }

        int p2() {
            return p2;
        }
    }

    private final Kind kind;
    private final char[] value;

    private FaceKey(Kind kind, char[] value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * 照合番号A from the My Number; {@code digits} must be 12 digits with a right check digit (card-spec §5).
     * Takes ownership of {@code digits} (cleared with the key; on a format error at once).
     */
    public static FaceKey a(char[] digits) {
        boolean valid = digits.length == 12 && allDigits(digits);
        if (valid) {
            int sum = 0;
            for (int n = 1; n <= 11; n++) {
                int p = digits[11 - n] - '0';
                sum += p * (n <= 6 ? n + 1 : n - 5);
            }
            int r = sum % 11;
            valid = digits[11] - '0' == (r <= 1 ? 0 : 11 - r);
        }
        if (!valid) {
            Arrays.fill(digits, '\0');
            throw new CardAccessException(ReaderFailure.FACE_KEY_FORMAT, Map.of("key", Kind.A), null);
        }
        return new FaceKey(Kind.A, digits);
    }

    /**
     * 照合番号B from the holder's birth date, the card's expiry and the 4-digit security code the clerk
     * reads off the card face. The birth date is written in the Japanese era, or in Gregorian
     * {@code YYMMDD} for a foreign resident [A] (card-spec §2.4). Takes ownership of {@code securityCode}
     * and clears it.
     */
    public static FaceKey b(LocalDate birthDate, boolean foreignResident, LocalDate cardExpiry, char[] securityCode) {
        try {
            if (securityCode.length != 4 || !allDigits(securityCode) || cardExpiry.getYear() > 9999) {
                throw new CardAccessException(ReaderFailure.FACE_KEY_FORMAT, Map.of("key", Kind.B), null);
            }
            char[] value = new char[14];
            String yymmdd = foreignResident ? String.format(java.util.Locale.ROOT, "%02d%02d%02d", birthDate.getYear() % 100,
                    birthDate.getMonthValue(), birthDate.getDayOfMonth()) : eraYymmdd(birthDate);
            String head = yymmdd + String.format(java.util.Locale.ROOT, "%04d", cardExpiry.getYear());
            head.getChars(0, 10, value, 0);
            System.arraycopy(securityCode, 0, value, 10, 4);
            return new FaceKey(Kind.B, value);
        } finally {
            Arrays.fill(securityCode, '\0');
        }
    }

    /**
     * Era {@code YYMMDD} (card-spec §2.4): 令和 from 2019-05-01, 平成 from 1989-01-08, 昭和 from
     * 1926-12-25, 大正 from 1912-07-30, 明治 before [A].
     */
    static String eraYymmdd(LocalDate d) {
        int offset;
        if (!d.isBefore(LocalDate.of(2019, 5, 1))) {
            offset = 2018;
        } else if (!d.isBefore(LocalDate.of(1989, 1, 8))) {
            offset = 1988;
        } else if (!d.isBefore(LocalDate.of(1926, 12, 25))) {
            offset = 1925;
        } else if (!d.isBefore(LocalDate.of(1912, 7, 30))) {
            offset = 1911;
        } else {
            offset = 1867;
        }
        return String.format(java.util.Locale.ROOT, "%02d%02d%02d", d.getYear() - offset, d.getMonthValue(),
                d.getDayOfMonth());
    }

    private static boolean allDigits(char[] chars) {
        for (char c : chars) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public Kind kind() {
        return kind;
    }

    /** ASCII bytes for the VERIFY; the caller clears them after the transmit. */
    byte[] bytes() {
        byte[] out = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            out[i] = (byte) value[i];
        }
        return out;
    }

    /** Wipes the value; the key is unusable afterwards. */
    public void clear() {
        Arrays.fill(value, '\0');
    }

    @Override
    public String toString() {
        return "FaceKey[" + kind + ", value withheld]";
    }
}
