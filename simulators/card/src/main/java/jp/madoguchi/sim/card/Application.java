package jp.madoguchi.sim.card;

import java.util.Arrays;

/** The DFs of the card and their AIDs (card-spec.md §2.1). ISD is the power-on DF. */
public enum Application {
    ISD("A0000001510000"),
    JPKI("D392F000260100000001"),
    TEXT("D3921000310001010408"),
    FACE("D3921000310001010402"),
    JUKI("D3921000310001010401"),
    COMMON("D3921000310001010100");

    private final byte[] aid;

    Application(String aidHex) {
        this.aid = Hex.parse(aidHex);
    }

    public byte[] aid() {
        return aid.clone();
    }

    /** Full-AID match only (card-spec.md §1.3 [P]); null when no AP has this AID. */
    static Application byAid(byte[] candidate) {
        for (Application a : values()) {
            if (Arrays.equals(a.aid, candidate)) {
                return a;
            }
        }
        return null;
    }
}
