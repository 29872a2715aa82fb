package jp.madoguchi.app.counter.rules;

/**
 * Fees (counter-rules N23, §2.4, §6.4): first issue, card renewal, certificate renewal and new
 * certificates are free; a reissue costs ¥800 for the card (¥1,800 express) plus ¥200 when it carries
 * certificates; a reissue because the annotation area is full is free. Stateless and thread-safe.
 */
public final class FeeRules {

    /** The card part of a reissue, and its express variant (N22, N23). */
    public static final int CARD_REISSUE_YEN = 800;
    public static final int CARD_EXPRESS_REISSUE_YEN = 1_800;
    /** The certificates within a reissue (§2.4: ¥200 as part of a reissue after loss). */
    public static final int CERTIFICATES_IN_REISSUE_YEN = 200;

    /** Why a new card is made. */
    public enum Cause {
        /** 初回交付. */
        FIRST_ISSUE,
        /** A new card at the end of the old one's validity. */
        CARD_RENEWAL,
        /** 再交付 after loss, theft, damage and the like. */
        REISSUE,
        /** Free reissue because the annotation area (追記欄) is full. */
        ANNOTATION_AREA_FULL
    }

    /**
     * The fee, split into the tally's lines (¥800/¥1,800 for the card, ¥200 for certificates).
     *
     * @param cardYen         the card line
     * @param certificatesYen the certificate line
     */
    public record Fee(int cardYen, int certificatesYen) {
        public int totalYen() {
            return cardYen + certificatesYen;
        }
    }

    private FeeRules() {
    }

    /** The fee for a new card. */
    public static Fee forCard(Cause cause, boolean express, boolean withCertificates) {
        if (cause != Cause.REISSUE) {
            return new Fee(0, 0);
        }
        return new Fee(express ? CARD_EXPRESS_REISSUE_YEN : CARD_REISSUE_YEN, withCertificates ? CERTIFICATES_IN_REISSUE_YEN : 0);
    }

    /** Certificate work outside a reissue (renewal or new issuance at the counter) is free (N23). */
    public static Fee forCertificateWork(boolean partOfReissue) {
        return new Fee(0, partOfReissue ? CERTIFICATES_IN_REISSUE_YEN : 0);
    }
}
