package jp.madoguchi.app.counter.rules;

import jp.madoguchi.app.counter.domain.Operation;

/** Whether an operation needs the central system (counter-rules §2.0 "Which operations need central online"). */
public enum CentralRequirement {
    /** Completes offline and is queued (PR-20, PR-21, PR-22). */
    QUEUEABLE,
    /** Blocked with {@code MDG-SYNC-001} while central is unreachable (PR-23, PR-29). */
    ONLINE_ONLY,
    /** Never contacts central (training mode, PR-11; local supervisory work). */
    NEVER;

    public static CentralRequirement of(Operation operation) {
        return switch (operation) {
            case DELIVERY, PIN_RESET, PIN_CHANGE, LOSS_REVOCATION, DOMESTIC_APPLICATION, OVERSEAS_APPLICATION,
                 CARD_RETURN, OLD_CARD_COLLECTION, STOCK_RECEIPT, DELIVERY_NOTICE, VOID_OPERATION -> QUEUEABLE;
            case CERT_RENEWAL, CERT_ISSUE, SUSPENSION_LIFT, ANNOTATION, CONTINUED_USE, VALIDITY_EXTENSION,
                 OVERSEAS_CONVERSION, FACE_AUTH_SWITCH, UNCLAIMED_DESTRUCTION, DEFECT_REPORT -> ONLINE_ONLY;
            case TRAINING_MODE, CONFLICT_RESOLUTION, CONFLICT_NOTE, DAILY_TALLY_CLOSE -> NEVER;
        };
    }
}
