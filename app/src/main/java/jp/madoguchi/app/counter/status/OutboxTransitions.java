package jp.madoguchi.app.counter.status;

import static jp.madoguchi.app.counter.domain.OutboxState.ACKED;
import static jp.madoguchi.app.counter.domain.OutboxState.CONFLICT;
import static jp.madoguchi.app.counter.domain.OutboxState.IN_FLIGHT;
import static jp.madoguchi.app.counter.domain.OutboxState.PENDING;
import static jp.madoguchi.app.counter.domain.OutboxState.REJECTED;

import jp.madoguchi.app.counter.domain.OutboxState;

/**
 * counter-rules §4.4: the local sync state of one outbox entry. One row is added from the sync protocol
 * rather than §4.4: an IN_FLIGHT entry whose batch got no answer goes back to PENDING and is resent
 * (ops are idempotent by opId, so a lost response loses nothing).
 */
public final class OutboxTransitions {

    public enum Event {
        SEND, APPLIED, DUPLICATE, APPLIED_WITH_CONFLICT, REJECTED_BY_CENTRAL, NO_ANSWER
    }

    public static final TransitionTable<OutboxState, Event, OutboxState> TABLE =
            TransitionTable.<OutboxState, Event, OutboxState>builder()
                    .row(PENDING, Event.SEND, IN_FLIGHT)
                    .row(IN_FLIGHT, Event.APPLIED, ACKED)
                    .row(IN_FLIGHT, Event.DUPLICATE, ACKED)
                    .row(IN_FLIGHT, Event.APPLIED_WITH_CONFLICT, CONFLICT)
                    .row(IN_FLIGHT, Event.REJECTED_BY_CENTRAL, REJECTED)
                    .row(IN_FLIGHT, Event.NO_ANSWER, PENDING)
                    .build();

    private OutboxTransitions() {
    }
}
