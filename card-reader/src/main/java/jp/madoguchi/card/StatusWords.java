package jp.madoguchi.card;

/**
 * Status word → typed exception (card-spec §1.4). Operations that give a status word a specific
 * meaning (VERIFY's 63Cx, EXTERNAL AUTHENTICATE's 6300/6983, ACTIVATE's 6A80) check it before falling
 * back here.
 */
final class StatusWords {

    private StatusWords() {
    }

    static CardStatusException exception(int sw, String command) {
        ReaderFailure failure = switch (sw) {
            case 0x6982 -> ReaderFailure.SECURITY_NOT_SATISFIED;
            case 0x6983 -> ReaderFailure.ADMIN_LOCKED;
            case 0x6985 -> ReaderFailure.WRONG_CARD_STATE;
            default -> ReaderFailure.CARD_REFUSED;
        };
        return new CardStatusException(failure, sw, command);
    }
}
