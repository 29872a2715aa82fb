package jp.madoguchi.card;

import java.util.Map;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * The typed outcome of one VERIFY (card-spec §2.5).
 *
 * @param remaining tries left after this VERIFY (the maximum after OK, 0 when blocked or not set)
 */
public record PinVerification(PinKind pin, Result result, int remaining) {

    public enum Result {
        OK, WRONG, BLOCKED, NOT_SET
    }

    public boolean ok() {
        return result == Result.OK;
    }

    /** The counter-rules failure for a non-OK outcome: MDG-PIN-005 (wrong), MDG-PIN-004 (locked), READER-014. */
    public MadoguchiException failure() {
        return switch (result) {
            case OK -> throw new IllegalStateException("the PIN was accepted");
            case WRONG -> new CardAccessException(CounterFailure.PIN_WRONG, Map.of("n", remaining, "pin", pin), null);
            case BLOCKED -> new CardAccessException(CounterFailure.PIN_LOCKED, Map.of("pin", pin), null);
            case NOT_SET -> new CardAccessException(ReaderFailure.PIN_NOT_SET, Map.of("pin", pin), null);
        };
    }
}
