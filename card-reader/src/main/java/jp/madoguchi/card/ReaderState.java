package jp.madoguchi.card;

/** What the card thread knows about one reader (issue 4). */
public enum ReaderState {
    /** The PC/SC service is not running; the card thread keeps trying to reconnect. */
    NO_SERVICE,
    /** The service runs but this reader is not connected. */
    NO_READER,
    /** Reader connected, no card. */
    EMPTY,
    /** A My Number Card (it answered SELECT of the JPKI AID with 9000). */
    CARD_PRESENT,
    /** Another program holds the card exclusively; the card thread retries on every poll. */
    CARD_BUSY,
    /** A card that refused the JPKI AID. */
    NOT_A_MY_NUMBER_CARD,
    /** A card that could not be powered or talked to. */
    CARD_ERROR
}
