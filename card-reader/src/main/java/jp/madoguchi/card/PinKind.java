package jp.madoguchi.card;

/**
 * The four holder PINs (card-spec §2.4, counter-rules codes). Each knows its application, its PIN EF's
 * SFI form for VERIFY P2, its format and its maximum tries.
 */
public enum PinKind {
    /** JPKI 利用者証明用 PIN, 4 digits, 3 tries. */
    AUTH(CardApplication.JPKI, 0x98, false, 3),
    /** JPKI 署名用 password, 6–16 of A–Z/0–9 with both kinds, 5 tries. */
    SIGN(CardApplication.JPKI, 0x9B, true, 5),
    /** 券面事項入力補助 PIN, 4 digits, 3 tries. */
    CARD_TEXT(CardApplication.TEXT, 0x91, false, 3),
    /** 住基 PIN, 4 digits, 3 tries. */
    JUKI(CardApplication.JUKI, 0x9C, false, 3);

    private final CardApplication application;
    private final int p2;
    private final boolean password;
    private final int maxTries;

    PinKind(CardApplication application, int p2, boolean password, int maxTries) {
        this.application = application;
        this.p2 = p2;
        this.password = password;
        this.maxTries = maxTries;
    }

    public CardApplication application() {
        return application;
    }

    /** VERIFY / RESET RETRY COUNTER P2: 80 | SFI of the PIN EF. */
    public int p2() {
        return p2;
    }

    public int maxTries() {
        return maxTries;
    }

    /** True for the sign password (letters and digits), false for 4-digit PINs. */
    public boolean isPassword() {
        return password;
    }
}
