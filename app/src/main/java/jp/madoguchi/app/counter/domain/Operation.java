package jp.madoguchi.app.counter.domain;

/**
 * Every counter operation the rules speak about, with its code from the glossary (counter-rules §7).
 * The permission matrix, the identity rules and the online requirements are keyed on these.
 */
public enum Operation {
    DELIVERY("delivery", true),
    PIN_RESET("pinReset", true),
    PIN_CHANGE("pinChange", true),
    CERT_RENEWAL("certRenewal", true),
    CERT_ISSUE("certIssue", true),
    SUSPENSION_LIFT("suspensionLift", true),
    LOSS_REVOCATION("lossRevocation", true),
    ANNOTATION("annotation", true),
    CONTINUED_USE("continuedUse", true),
    VALIDITY_EXTENSION("validityExtension", true),
    FACE_AUTH_SWITCH("faceAuthSwitch", true),
    OVERSEAS_CONVERSION("overseasConversion", true),
    OVERSEAS_APPLICATION("overseasApplication", false),
    DOMESTIC_APPLICATION("application", false),
    CARD_RETURN("cardReturn", true),
    OLD_CARD_COLLECTION("oldCardCollection", false),
    STOCK_RECEIPT("stockReceipt", true),
    DELIVERY_NOTICE("deliveryNotice", true),
    DEFECT_REPORT("defectReport", true),
    UNCLAIMED_DESTRUCTION("unclaimedDestruction", true),
    VOID_OPERATION("void", false),
    CONFLICT_RESOLUTION("conflictResolution", false),
    CONFLICT_NOTE("conflictNote", false),
    DAILY_TALLY_CLOSE("dailyTallyClose", false),
    TRAINING_MODE("trainingMode", false);

    private final String code;
    private final boolean concernsCardRecord;

    Operation(String code, boolean concernsCardRecord) {
        this.code = code;
        this.concernsCardRecord = concernsCardRecord;
    }

    /** The glossary code, e.g. {@code pinReset}. */
    public String code() {
        return code;
    }

    /**
     * Whether the operation acts on one card's cached record, so that offline it needs that record
     * in the read cache (counter-rules PR-24 (a), (c)). Application intake, the collection of old
     * items (recorded against the holder, not a stock card) and the supervisory work do not.
     */
    public boolean concernsCardRecord() {
        return concernsCardRecord;
    }
}
