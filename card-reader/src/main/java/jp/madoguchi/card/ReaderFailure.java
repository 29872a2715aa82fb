package jp.madoguchi.card;

import jp.madoguchi.common.FailureCode;

/**
 * The card-reader module's own failure area {@code READER} (architecture.md §3). Conditions that
 * counter-rules.md §2.0 names (card pulled, wrong or locked PIN, PIN formats) use
 * {@link jp.madoguchi.common.CounterFailure} instead.
 */
public enum ReaderFailure implements FailureCode {
    /** The PC/SC service (pcscd, Windows SCardSvr) is not running or was lost. */
    NO_SERVICE("MDG-READER-001"),
    /** No card reader is connected, or the named one is absent. */
    NO_READER("MDG-READER-002"),
    /** No card is in the reader. */
    NO_CARD("MDG-READER-003"),
    /** Another program holds the card exclusively. */
    CARD_BUSY("MDG-READER-004"),
    /** The card does not answer the JPKI application selection. */
    NOT_A_MY_NUMBER_CARD("MDG-READER-005"),
    /** The reader or card failed to communicate. */
    COMMUNICATION("MDG-READER-006"),
    /** The card's answer does not follow card-spec.md (truncated, wrong lengths, bad DER). */
    MALFORMED_RESPONSE("MDG-READER-007"),
    /** The card refused a command with a status word this operation does not expect. */
    CARD_REFUSED("MDG-READER-008"),
    /** The card's security state does not allow the command (6982). */
    SECURITY_NOT_SATISFIED("MDG-READER-009"),
    /** The card does not know the counter-administration protocol (GET DATA 0101 failed). */
    ADMIN_NOT_SUPPORTED("MDG-READER-010"),
    /** The card's answer to EXTERNAL AUTHENTICATE is wrong: the card is not genuine. */
    CARD_NOT_GENUINE("MDG-READER-011"),
    /** The workstation's issuer key was refused (6300). */
    ISSUER_KEY_REFUSED("MDG-READER-012"),
    /** Card administration is locked for good (6983). */
    ADMIN_LOCKED("MDG-READER-013"),
    /** The PIN was never set (card in TRANSPORT, or no sign certificate). */
    PIN_NOT_SET("MDG-READER-014"),
    /** The certificate does not fit the pending key, or the card has no pending key. */
    CERTIFICATE_REJECTED("MDG-READER-015"),
    /** The card is in a life-cycle state that does not allow the command (6985). */
    WRONG_CARD_STATE("MDG-READER-016"),
    /** The card face (券面AP EF 0002) does not verify against its DF28 signature: the photo is not shown. */
    FACE_SIGNATURE_INVALID("MDG-READER-020"),
    /** 照合番号A/B did not match; {n} tries left. */
    FACE_KEY_WRONG("MDG-READER-021"),
    /** 照合番号A/B has no try left: the card face does not open with it. */
    FACE_KEY_LOCKED("MDG-READER-022"),
    /** 照合番号A is not 12 digits with a right check digit, or the security code is not 4 digits. */
    FACE_KEY_FORMAT("MDG-READER-023"),
    /** The card is not delivered yet (TRANSPORT): its card face does not open. */
    FACE_NOT_OPEN("MDG-READER-024");

    private final String code;

    ReaderFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.card.ReaderFailures";
    }
}
