package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A supervisor's approval (承認) of an operation whose permission row is A (counter-rules §1.3,
 * PR-03): who approved, after re-authenticating at this workstation, and when; for a self-approval
 * (the only supervisor on duty approving their own operation) the reason they entered. It goes into
 * the recorded act ({@code supervisorId} of the act, the outbox entry and the operation sent to
 * central) and into the act's payload, which the audit row's content hash covers; forms print it as
 * the approving supervisor (§6), and the daily tally lists the self-approvals (§6.4).
 *
 * @param supervisorId       the approving supervisor's staff id
 * @param supervisorName     their display name, for the forms
 * @param at                 when the approval was given
 * @param selfApprovalReason the reason of a self-approval (stripped, not blank); null when another supervisor approved
 */
public record SupervisorApproval(String supervisorId, String supervisorName, Instant at, String selfApprovalReason) {
    public SupervisorApproval {
        Objects.requireNonNull(supervisorId, "supervisorId");
        Objects.requireNonNull(supervisorName, "supervisorName");
        Objects.requireNonNull(at, "at");
        if (selfApprovalReason != null && selfApprovalReason.isBlank()) {
            throw new IllegalArgumentException("a self-approval's reason must not be blank");
        }
    }

    /** An approval by a supervisor other than the requester. */
    public SupervisorApproval(String supervisorId, String supervisorName, Instant at) {
        this(supervisorId, supervisorName, at, null);
    }

    /** Whether the requester approved their own operation (PR-03, only supervisor on duty). */
    public boolean selfApproved() {
        return selfApprovalReason != null;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(selfApprovalReason);
    }
}
