package jp.madoguchi.card;

/** 性別 as stored in 入力補助 EF 0002 DF25 (card-spec §2.7): "1" male, "2" female, anything else unknown. */
public enum Sex {
    MALE, FEMALE, UNKNOWN;

    static Sex fromCode(String code) {
        return switch (code) {
            case "1" -> MALE;
            case "2" -> FEMALE;
            default -> UNKNOWN;
        };
    }
}
