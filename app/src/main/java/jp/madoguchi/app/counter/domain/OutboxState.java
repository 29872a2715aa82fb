package jp.madoguchi.app.counter.domain;

/** The local sync state of one recorded operation (counter-rules §4.4); transitions in {@code status.OutboxTransitions}. */
public enum OutboxState {
    PENDING, IN_FLIGHT, ACKED, CONFLICT, REJECTED;

    /**
     * Whether the operation and its forms carry 「未送信」 (counter-rules PR-52): everything until
     * central has acknowledged it.
     */
    public boolean showsNotSent() {
        return this != ACKED;
    }
}
