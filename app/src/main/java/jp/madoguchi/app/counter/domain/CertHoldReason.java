package jp.madoguchi.app.counter.domain;

/** Why a certificate is {@link CertStatus#ON_HOLD} (counter-rules §4.3, PR-25). */
public enum CertHoldReason {
    PENDING_DELIVERY, CARD_SUSPENDED
}
