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
    /** The counter's parts (card thread, queue, link) cannot be opened for the workflows. */
    COUNTER_UNAVAILABLE("MDG-UI-006");

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
