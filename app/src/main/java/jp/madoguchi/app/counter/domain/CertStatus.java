package jp.madoguchi.app.counter.domain;

/** The status of one certificate (counter-rules §4.3); transitions in {@code status.CertificateTransitions}. */
public enum CertStatus {
    /** 一時保留: pending delivery, or the card is suspended. */
    ON_HOLD,
    /** 有効. */
    VALID,
    /** 失効: terminal. */
    REVOKED,
    /** 有効期限切れ: terminal like {@link #REVOKED}. */
    EXPIRED;

    public boolean isTerminal() {
        return this == REVOKED || this == EXPIRED;
    }
}
