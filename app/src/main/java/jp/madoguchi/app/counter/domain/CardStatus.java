package jp.madoguchi.app.counter.domain;

/** The central status of a card (counter-rules §4.2); transitions in {@code status.CardTransitions}. */
public enum CardStatus {
    /** 発行済・未交付: made and shipped, not yet handed over. */
    ISSUED,
    /** 運用中. */
    ACTIVE,
    /** 一時停止: put on hold through the 24-hour line. */
    SUSPENDED,
    /** 廃止: terminal; a found card is not revived. */
    REVOKED
}
