package jp.madoguchi.app.counter.workflow;

import java.util.List;
import java.util.Optional;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.common.MadoguchiException;

/**
 * What the screens see of a running workflow: its step, what the clerk must enter next, the last
 * refusal (with its code), what to tell the resident, and cancel. The workflow's own methods advance
 * it; each returns after the step's card and store work is done. Not thread-safe: one caller thread
 * (the UI's worker), never the FX thread, since steps block on the card and the disk.
 *
 * @param <S> the workflow's step enum
 */
public interface Workflow<S extends Enum<S>> {

    /** What the clerk must provide next. */
    enum Input {
        /** Insert (or re-insert) the card and call {@code cardPresented()}. */
        CARD,
        /** Record the visitor and the identity documents. */
        IDENTITY,
        /** Record the collected items (delivery). */
        COLLECTED_ITEMS,
        /** Choose the PINs or certificate kinds the operation concerns. */
        CHOICE,
        /** The resident enters a new PIN and its confirmation on the PIN pad. */
        NEW_PIN,
        /** The resident enters a current PIN. */
        CURRENT_PIN,
        /** Nothing: the workflow can run its next step ({@code proceed()}). */
        PROCEED,
        /** Nothing more: finished, cancelled or stopped. */
        NONE
    }

    /** The id under which the state is saved (resume with the workflow's {@code resume}). */
    String id();

    S step();

    Input expects();

    /** The last refusal or failure, cleared by the next successful step. */
    Optional<MadoguchiException> failure();

    /** What the clerk tells the resident (queued until sync, weak PIN, certificates after sync…). */
    List<Notice> notices();

    /**
     * Whether the operation needs a supervisor's approval that it does not have yet: the work of an A
     * row of counter-rules §1.3 (PR-03's four eyes), whoever does it — a clerk's needs a supervisor's,
     * a supervisor's needs a second supervisor's or, as the only supervisor on duty, their own with a
     * reason. The workflow's steps run as usual up to the first step that cannot be undone (a card
     * write or the record); that step then fails with MDG-FLOW-007 until {@link #approve} succeeded.
     * False once approved, for work that needs no approval, and when ended.
     */
    boolean awaitingApproval();

    /** The approval given, if any (for the forms' "approving supervisor" and the tally's self-approvals). */
    Optional<SupervisorApproval> approval();

    /** {@link #approve(StaffDirectory, String, char[], Optional)} by a supervisor other than the requester. */
    default void approve(StaffDirectory staff, String supervisorId, char[] password) {
        approve(staff, supervisorId, password, Optional.empty());
    }

    /**
     * A supervisor approves the operation: {@code supervisorId} and {@code password} are checked
     * against this office's staff accounts ({@link StaffDirectory#reauthenticate}: the sign-in's
     * hashing and lockout); the approver must be a SUPERVISOR of this office. The requester (the
     * signed-in staff member) may approve their own operation only when no other supervisor is on
     * duty — none signed in or re-authenticated at this workstation since the start of the business
     * day ({@link StaffDirectory#supervisorsSeenSince}) — and with a {@code selfApprovalReason},
     * which is recorded with the act (PR-03); another supervisor's approval ignores the reason.
     * On success {@link #approval()} holds it, the state is saved and the failure cleared.
     * Refusals, each leaving the workflow at its step with nothing lost: wrong id or password
     * MDG-FLOW-008, locked account MDG-FLOW-009, a clerk (or a clerk requester) MDG-OFFICE-001, the
     * requester while another supervisor is on duty MDG-FLOW-011, the requester without a reason
     * MDG-FLOW-010, nothing to approve MDG-FLOW-004. {@code password} is cleared before this returns.
     * Blocks (hashing, disk): never on the FX thread.
     */
    void approve(StaffDirectory staff, String supervisorId, char[] password, Optional<String> selfApprovalReason);

    /** Whether the workflow ended (done, cancelled or refused for good). */
    boolean finished();

    /**
     * Cancels at the current step: nothing more is written to the card and nothing is recorded. A card
     * change that already happened stays (a PIN set at delivery stays set; the workflow can be started
     * again and resumes from the first PIN not yet set).
     */
    void cancel();
}
