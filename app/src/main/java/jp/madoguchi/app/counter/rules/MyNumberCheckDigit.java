package jp.madoguchi.app.counter.rules;

/**
 * The My Number check digit (card-spec §5, 総務省令第85号 第5条) for input screens: the 12th digit
 * from the first 11 with weights {@code 6 5 4 3 2 7 6 5 4 3 2}, {@code check = r <= 1 ? 0 : 11 - r}.
 *
 * <p>Note the scheme maps remainders 0 and 1 to the same digit, so a one-digit typo that moves the
 * remainder between 0 and 1 goes unnoticed; every other single-digit change is caught.
 */
public final class MyNumberCheckDigit {

    private static final int[] WEIGHTS = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    /** What an entered number is. */
    public enum Verdict {
        VALID, WRONG_LENGTH, NOT_DIGITS, WRONG_CHECK_DIGIT
    }

    private MyNumberCheckDigit() {
    }

    /** The check digit for 11 digits, e.g. {@code 12345678901} → 8. */
    public static int compute(CharSequence first11) {
        if (first11.length() != 11) {
            throw new IllegalArgumentException("need exactly 11 digits");
        }
        return checkOf(remainder(first11));
    }

    /** The remainder {@code S mod 11} of the weighted sum (exposed for tests of the scheme itself). */
    static int remainder(CharSequence first11) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            char c = first11.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit at position " + (i + 1));
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return sum % 11;
    }

    static int checkOf(int remainder) {
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    /**
     * Judges a typed My Number (exactly 12 ASCII digits; no spaces or hyphens are stripped here, the
     * input field does that). Never logs or echoes the number.
     */
    public static Verdict validate(CharSequence number) {
        if (number.length() != 12) {
            return Verdict.WRONG_LENGTH;
        }
        for (int i = 0; i < 12; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return Verdict.NOT_DIGITS;
            }
        }
        return compute(number.subSequence(0, 11)) == number.charAt(11) - '0' ? Verdict.VALID : Verdict.WRONG_CHECK_DIGIT;
    }

    /** The on-screen mask of counter-rules §2.0: only the last 4 digits shown ({@code ********9018}). */
    public static String masked(CharSequence number) {
        if (number.length() != 12) {
            throw new IllegalArgumentException("a My Number has 12 digits");
        }
        return "********" + number.subSequence(8, 12);
    }
}
