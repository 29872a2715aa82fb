package jp.madoguchi.app.counter.workflow;

import jp.madoguchi.common.FailureCode;

/**
 * Failures of the workflows themselves that counter-rules §2.0 has no code for (area {@code FLOW}).
 * Rule refusals use {@link jp.madoguchi.common.CounterFailure}; card and cache errors keep their own codes.
 */
public enum WorkflowFailure implements FailureCode {
    /** The CA refused the certificate request for a reason the counter rules did not foresee ({reason}). */
    CA_REFUSED("MDG-FLOW-001"),
    /** The card was pulled while a write ran and it cannot be told whether the write happened. */
    NEEDS_CHECK("MDG-FLOW-002"),
    /** The saved state of an interrupted workflow cannot be read. */
    STATE_UNREADABLE("MDG-FLOW-003"),
    /** The step asked for is not the workflow's current step (a UI bug, never a resident's fault). */
    WRONG_STEP("MDG-FLOW-004"),
    /** The card record in the read cache lacks what the workflow needs (no CARD_SHIPPED event). */
    RECORD_INCOMPLETE("MDG-FLOW-005"),
    /** New issuance asked for a kind that has a live certificate ({kind}): that is a renewal. */
    CERTIFICATE_PRESENT("MDG-FLOW-006"),
    /** The step cannot be undone and the operation needs a supervisor's approval first (PR-03). */
    APPROVAL_NEEDED("MDG-FLOW-007"),
    /** The approving supervisor's staff id or password is wrong (one answer for both, as at sign-in). */
    APPROVER_NOT_CONFIRMED("MDG-FLOW-008"),
    /** The approving supervisor's account is locked after wrong passwords until {until}. */
    APPROVER_LOCKED("MDG-FLOW-009"),
    /** The requester approves their own operation without a reason (PR-03 asks for one). */
    SELF_APPROVAL_REASON_NEEDED("MDG-FLOW-010"),
    /** The requester approves their own operation while another supervisor is on duty today (PR-03). */
    SELF_APPROVAL_NOT_ALONE("MDG-FLOW-011");

    private final String code;

    WorkflowFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.app.counter.workflow.WorkflowFailures";
    }
}
