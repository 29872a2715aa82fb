package jp.madoguchi.card;

import java.util.Map;
import jp.madoguchi.common.CounterFailure;

/**
 * The card left the reader (or was reset by someone else) during an operation: {@code MDG-CARD-007}.
 * It tells which operation, the last step that completed, and whether the card's stored state may
 * have changed, so a workflow knows where to resume (counter-rules PR-28).
 */
public class CardRemovedException extends CardAccessException {

    private static final long serialVersionUID = 1L;

    /** What the pull did to the card's non-volatile state. */
    public enum CardChange {
        /** Only reads, or volatile state (selection, admin state, pending keys) was lost. */
        UNCHANGED,
        /** At least one persistent change (PIN, life cycle, certificate) completed before the pull. */
        CHANGED,
        /** The pull came during a command that changes the card: its outcome is unknown. */
        UNKNOWN
    }

    private final String operation;
    private final String lastCompletedStep;
    private final CardChange change;

    public CardRemovedException(String operation, String lastCompletedStep, CardChange change, Throwable cause) {
        super(CounterFailure.CARD_REMOVED, Map.of(), cause);
        this.operation = operation;
        this.lastCompletedStep = lastCompletedStep;
        this.change = change;
    }

    public String operation() {
        return operation;
    }

    /** The last step that finished before the pull ("none" if none did). */
    public String lastCompletedStep() {
        return lastCompletedStep;
    }

    public CardChange change() {
        return change;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " [" + operation + " after " + lastCompletedStep + ", card " + change + "]";
    }
}
