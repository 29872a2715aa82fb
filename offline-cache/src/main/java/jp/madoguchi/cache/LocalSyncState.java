package jp.madoguchi.cache;

/** An outbox entry's local sync state (counter-rules §4.4). */
public enum LocalSyncState {
    /** Not yet acknowledged by central (shown as 未送信). */
    PENDING,
    /** In a batch that was sent; no answer recorded yet. Treated like PENDING on restart. */
    IN_FLIGHT,
    /** Central applied it (APPLIED, or DUPLICATE of an applied op). */
    ACKED,
    /** Central recorded it with a conflict and opened a case (要対応). */
    CONFLICT,
    /** Central rejected it with a reason; kept and flagged for a supervisor, never dropped. */
    REJECTED;

    public boolean settled() {
        return this == ACKED || this == CONFLICT || this == REJECTED;
    }
}
