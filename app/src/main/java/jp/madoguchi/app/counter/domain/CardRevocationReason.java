package jp.madoguchi.app.counter.domain;

/** Why a card is {@link CardStatus#REVOKED} (counter-rules §4.2). */
public enum CardRevocationReason {
    UNCLAIMED, LOST, RETURNED, REPLACED, EXPIRED, CONTINUED_USE_MISSED, SPECIAL_MOVE_OUT_LAPSED,
    EMIGRATED_WITHOUT_CONVERSION, NUMBER_CHANGED, DEATH
}
