package jp.madoguchi.app.counter.domain;

/** The status of a card application (counter-rules §4.1); transitions in {@code status.ApplicationTransitions}. */
public enum ApplicationStatus {
    SUBMITTED, RECEIVED, DEFECT_RETURNED, CANCELLED, VOID, ISSUED, SHIPPED, DELIVERED_BY_POST, AT_OFFICE,
    DEFECTIVE, NOTIFIED, RENOTIFIED, DELIVERED, DESTROYED
}
