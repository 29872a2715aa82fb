package jp.madoguchi.card;

/** The card's applications and their AIDs (card-spec §2.1). */
public enum CardApplication {
    JPKI("D392F000260100000001"),
    /** 券面事項入力補助AP. */
    TEXT("D3921000310001010408"),
    /** 券面事項確認AP. */
    FACE("D3921000310001010402"),
    /** 住基AP. */
    JUKI("D3921000310001010401"),
    /** 共通AP. */
    COMMON("D3921000310001010100");

    private final byte[] aid;

    CardApplication(String hex) {
        this.aid = java.util.HexFormat.of().parseHex(hex);
    }

    public byte[] aid() {
        return aid.clone();
    }
}
