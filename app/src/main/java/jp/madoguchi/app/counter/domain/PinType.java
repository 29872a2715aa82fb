package jp.madoguchi.app.counter.domain;

/**
 * The four holder PINs (counter-rules §7, card-spec §2.4), with their try limits (counter-rules N3).
 */
public enum PinType {
    /** 署名用電子証明書の暗証番号: 6–16 of A–Z and 0–9, 5 tries. */
    SIGN(5),
    /** 利用者証明用電子証明書の暗証番号: 4 digits, 3 tries. */
    AUTH(3),
    /** 住民基本台帳用暗証番号: 4 digits, 3 tries. */
    JUKI(3),
    /** 券面事項入力補助用暗証番号: 4 digits, 3 tries. */
    CARD_TEXT(3);

    private final int maxTries;

    PinType(int maxTries) {
        this.maxTries = maxTries;
    }

    /** Consecutive wrong entries before the PIN locks. */
    public int maxTries() {
        return maxTries;
    }

    /** Whether this PIN is the 4-digit kind (all but the signing password). */
    public boolean isFourDigit() {
        return this != SIGN;
    }
}
