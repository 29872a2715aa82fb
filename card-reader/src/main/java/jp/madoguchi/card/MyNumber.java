package jp.madoguchi.card;

import java.nio.charset.StandardCharsets;
import jp.madoguchi.card.codec.Tlv;

/**
 * The 12-digit individual number from 入力補助 EF 0001 ({@code FF 10 0C} ‖ digits ‖ filler, §2.7).
 * {@link #toString()} masks it; only {@link #digits()} reveals it.
 */
public record MyNumber(String digits) {

    public static MyNumber parse(byte[] ef) {
        Tlv tlv = Tlv.read(ef, 0, ef.length);
        if (tlv.tag() != 0xFF10 || tlv.length() != 12) {
            throw new MalformedResponseException("My Number: expected FF10 of 12 bytes");
        }
        byte[] value = tlv.value(ef);
        BasicInfo.requireDigits(value, "My Number: not 12 digits");
        return new MyNumber(new String(value, StandardCharsets.US_ASCII));
    }

    /** The check digit of card-spec §5 is right. */
    public boolean checkDigitValid() {
        return digits.length() == 12 && checkDigit(digits.substring(0, 11)) == digits.charAt(11) - '0';
    }

    /** Check digit over the first 11 digits (card-spec §5). */
    public static int checkDigit(String elevenDigits) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = elevenDigits.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /** "********9018"-style: the last 4 digits only. */
    public String masked() {
        return "********" + digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
