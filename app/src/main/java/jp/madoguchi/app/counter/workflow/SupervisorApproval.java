package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * A supervisor's approval (承認) of an operation that a clerk started and whose permission cell is A
 * (counter-rules §1.3, PR-03): who approved, after re-authenticating at this workstation, and when.
 * It goes into the recorded act ({@code supervisorId} of the act, the outbox entry and the operation
 * sent to central) and into the act's payload, which the audit row's content hash covers; forms print
 * it as the approving supervisor (§6).
 *
 * @param supervisorId   the approving supervisor's staff id
 * @param supervisorName their display name, for the forms
 * @param at             when the approval was given
 */
public record SupervisorApproval(String supervisorId, String supervisorName, Instant at) {
    public SupervisorApproval {
        Objects.requireNonNull(supervisorId, "supervisorId");
        Objects.requireNonNull(supervisorName, "supervisorName");
        Objects.requireNonNull(at, "at");
    }
}
