package jp.madoguchi.cache;

/**
 * The operation types a workstation pushes to central (sync-protocol.md "Types"), and whether each may
 * wait in the queue while the link is down (queueable) or is offered only while the link is ONLINE.
 */
public enum OperationType {
    DELIVERY_COMPLETED(true),
    OLD_CARD_COLLECTED(true),
    PIN_RESET(true),
    PIN_CHANGED(true),
    CERT_RENEWED(true),
    CERT_ISSUED(true),
    CERT_ISSUE_ABORTED(true),
    SUSPENSION_LIFTED(false),
    LOSS_REPORTED(true),
    CARD_RETURNED(true),
    CARD_ANNOTATED(false),
    CONTINUED_USE_REGISTERED(false),
    VALIDITY_EXTENDED(false),
    OVERSEAS_CONVERTED(false),
    FACE_AUTH_SWITCHED(false),
    APPLICATION_SUBMITTED(true),
    CARD_RECEIVED_AT_OFFICE(true),
    CARD_DEFECT_REPORTED(false),
    NOTICE_SENT(true),
    RENOTICE_SENT(true),
    UNCLAIMED_DESTROYED(false),
    OPERATION_VOIDED(true),
    /** Written by the sync engine, never by a workflow: the audit chain's head at the time of a sync. */
    AUDIT_HEAD(true);

    private final boolean queueable;

    OperationType(boolean queueable) {
        this.queueable = queueable;
    }

    /** True when the act completes locally and is sent when the link allows (PR-20..PR-22). */
    public boolean queueable() {
        return queueable;
    }
}
