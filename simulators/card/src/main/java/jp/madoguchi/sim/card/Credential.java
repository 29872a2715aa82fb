package jp.madoguchi.sim.card;

/**
 * Every PIN and verification key of the card (card-spec.md §2.4) with its AP, key EF and maximum
 * tries. The first five are stored values ({@code pins} in the profile); the others are derived from
 * holder data ({@code verificationCounters}); TEXT_BLOCKED is the 入力補助 key that is always blocked.
 */
public enum Credential {
    AUTH(Application.JPKI, 0x18, 3, Format.FOUR_DIGITS, true),
    SIGN(Application.JPKI, 0x1B, 5, Format.SIGN_PASSWORD, true),
    CARD_TEXT(Application.TEXT, 0x11, 3, Format.FOUR_DIGITS, true),
    JUKI(Application.JUKI, 0x1C, 3, Format.FOUR_DIGITS, true),
    COMMON(Application.COMMON, 0x1C, 3, Format.FOUR_DIGITS, false),
    TEXT_A(Application.TEXT, 0x14, 10, Format.DERIVED, false),
    TEXT_B(Application.TEXT, 0x15, 10, Format.DERIVED, false),
    TEXT_BLOCKED(Application.TEXT, 0x12, 0, Format.DERIVED, false),
    FACE_BIRTH(Application.FACE, 0x11, 10, Format.DERIVED, false),
    FACE_B(Application.FACE, 0x12, 10, Format.DERIVED, false),
    FACE_A(Application.FACE, 0x13, 10, Format.DERIVED, false);

    /** How a new value is checked (RESET RETRY COUNTER, CHANGE REFERENCE DATA, profile loading). */
    enum Format { FOUR_DIGITS, SIGN_PASSWORD, DERIVED }

    final Application application;
    final int fid;
    final int maxTries;
    final Format format;
    /** One of the four holder PINs of card-spec.md §7 (RESET RETRY COUNTER targets, life-cycle check). */
    final boolean holderPin;

    Credential(Application application, int fid, int maxTries, Format format, boolean holderPin) {
        this.application = application;
        this.fid = fid;
        this.maxTries = maxTries;
        this.format = format;
        this.holderPin = holderPin;
    }

    public int maxTries() {
        return maxTries;
    }

    boolean stored() {
        return format != Format.DERIVED;
    }

    /** True if {@code value} (ASCII bytes) is a valid new value for this credential. */
    boolean accepts(byte[] value) {
        switch (format) {
            case FOUR_DIGITS:
                if (value.length != 4) {
                    return false;
                }
                for (byte b : value) {
                    if (b < '0' || b > '9') {
                        return false;
                    }
                }
                return true;
            case SIGN_PASSWORD:
                if (value.length < 6 || value.length > 16) {
                    return false;
                }
                boolean letter = false;
                boolean digit = false;
                for (byte b : value) {
                    if (b >= 'A' && b <= 'Z') {
                        letter = true;
                    } else if (b >= '0' && b <= '9') {
                        digit = true;
                    } else {
                        return false;
                    }
                }
                return letter && digit;
            default:
                return false;
        }
    }
}
