package jp.madoguchi.app.ui;

/**
 * What the status bar says about the card reader. The failure states name the layer that failed
 * (architecture.md §4, after AusweisApp's diagnostics): the PC/SC service, the reader, the card,
 * or the card's application (AP).
 */
public enum ReaderState {
    /** No report from the card thread yet, or the card layer could not be opened. */
    NOT_CONNECTED,
    /** The PC/SC service (pcscd / WinSCard) does not answer. */
    SERVICE_UNAVAILABLE,
    /** The service answers but no reader is attached. */
    NO_READER,
    /** A reader is attached, no card in it. */
    NO_CARD,
    /** A card is in the reader and answers. */
    CARD_READY,
    /** A card is in the reader but does not answer (mute, wrong way round, not a smart card). */
    CARD_UNRESPONSIVE,
    /** The card answers but a My Number Card application (AP) is missing. */
    AP_MISSING
}
