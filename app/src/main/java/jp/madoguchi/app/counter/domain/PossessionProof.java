package jp.madoguchi.app.counter.domain;

/** What the counter saw or verified besides documents (counter-rules §2.0 identity table). */
public enum PossessionProof {
    /** The holder's card is on the counter. */
    CARD_PRESENTED,
    /** The face was compared with the card photo. */
    FACE_CHECKED,
    /** The 住基用 PIN was entered and verified on the card. */
    JUKI_PIN_VERIFIED,
    /** The current certificate PINs were entered and verified on the card. */
    CERT_PINS_VERIFIED
}
