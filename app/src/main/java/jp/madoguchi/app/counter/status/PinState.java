package jp.madoguchi.app.counter.status;

import java.util.Optional;
import jp.madoguchi.app.counter.domain.PinType;

/**
 * counter-rules §4.4: one PIN on the card as the terminal reads it. {@code triesLeft} is 0 exactly when
 * BLOCKED or NOT_SET.
 */
public record PinState(PinType type, Status status, int triesLeft) {

    public enum Status {
        OK, BLOCKED, NOT_SET
    }

    public enum Event {
        WRONG_ENTRY, CORRECT_ENTRY, PIN_RESET,
        /** Set at delivery or certificate issuance (card-spec §7.5 on a PIN never set). */
        PIN_SET
    }

    public PinState {
        if (status == Status.OK && (triesLeft < 1 || triesLeft > type.maxTries())) {
            throw new IllegalArgumentException("OK needs 1.." + type.maxTries() + " tries left");
        }
        if (status != Status.OK && triesLeft != 0) {
            throw new IllegalArgumentException(status + " has no tries left");
        }
    }

    public static PinState full(PinType type) {
        return new PinState(type, Status.OK, type.maxTries());
    }

    /**
     * The state after {@code event}, or empty when §4.4 has no such row: wrong or correct entries on a
     * BLOCKED or NOT_SET PIN (the card answers 6984 and nothing changes), a reset of a PIN never set, or
     * setting a PIN that is already set or blocked.
     */
    public Optional<PinState> next(Event event) {
        return switch (status) {
            case OK -> switch (event) {
                case WRONG_ENTRY -> Optional.of(triesLeft > 1
                        ? new PinState(type, Status.OK, triesLeft - 1) : new PinState(type, Status.BLOCKED, 0));
                case CORRECT_ENTRY, PIN_RESET -> Optional.of(full(type));
                case PIN_SET -> Optional.empty();
            };
            case BLOCKED -> event == Event.PIN_RESET ? Optional.of(full(type)) : Optional.empty();
            case NOT_SET -> event == Event.PIN_SET ? Optional.of(full(type)) : Optional.empty();
        };
    }
}
