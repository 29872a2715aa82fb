package jp.madoguchi.app.counter.workflow;

import java.util.List;
import java.util.Optional;
import jp.madoguchi.app.counter.rules.Notice;
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

    /** Whether the workflow ended (done, cancelled or refused for good). */
    boolean finished();

    /**
     * Cancels at the current step: nothing more is written to the card and nothing is recorded. A card
     * change that already happened stays (a PIN set at delivery stays set; the workflow can be started
     * again and resumes from the first PIN not yet set).
     */
    void cancel();
}
