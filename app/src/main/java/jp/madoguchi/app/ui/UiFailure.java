package jp.madoguchi.app.ui;

import jp.madoguchi.common.FailureCode;

/** The {@code UI} area's failure codes (docs/failure-codes.md). Texts in {@code UiFailures*.properties}. */
public enum UiFailure implements FailureCode {
    /** Wrong staff id or password; the same for an unknown id. */
    SIGN_IN_REJECTED("MDG-UI-001"),
    /** The staff account is locked after repeated wrong passwords. */
    STAFF_LOCKED("MDG-UI-002"),
    /** The staff file cannot be read or written. */
    STAFF_FILE_UNUSABLE("MDG-UI-003"),
    /** No staff account is provisioned on this workstation. */
    NO_STAFF_PROVISIONED("MDG-UI-004"),
    /** The self-check could not run at all. */
    SELF_CHECK_FAILED("MDG-UI-005"),
    /** The workstation is not enrolled: an enrolment file the counter's parts need is missing. */
    ENROLMENT_MISSING("MDG-UI-006"),
    /** A part of the counter (card thread, store, read cache, link) could not be opened at start. */
    COUNTER_PART_UNAVAILABLE("MDG-UI-007"),
    /** A workflow step failed in a way no layer below coded (the log has the cause). */
    COUNTER_UNAVAILABLE("MDG-UI-008");

    private final String code;

    UiFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.app.ui.UiFailures";
    }
}
