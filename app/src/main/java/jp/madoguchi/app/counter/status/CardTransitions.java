package jp.madoguchi.app.counter.status;

import static jp.madoguchi.app.counter.domain.CardStatus.ACTIVE;
import static jp.madoguchi.app.counter.domain.CardStatus.ISSUED;
import static jp.madoguchi.app.counter.domain.CardStatus.REVOKED;
import static jp.madoguchi.app.counter.domain.CardStatus.SUSPENDED;

import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardRevocationReason;
import jp.madoguchi.app.counter.domain.CardStatus;

/** counter-rules §4.2: the card's central status, row for row. REVOKED is terminal. */
public final class CardTransitions {

    /** The events of §4.2 (the feed's {@code CARD_STATUS_CHANGED} split by what happened). */
    public enum Event {
        CARD_SHIPPED,
        DELIVERY_COMPLETED,
        UNCLAIMED_DESTROYED,
        /** A loss call on the 24-hour line (マイナポータル too ◐). */
        SUSPENDED_BY_LOSS_CALL,
        SUSPENSION_LIFTED,
        LOSS_REPORTED,
        CARD_RETURNED,
        /** {@code OLD_CARD_COLLECTED} with a new card. */
        REPLACED,
        EXPIRY_REACHED,
        CONTINUED_USE_MISSED,
        SPECIAL_MOVE_OUT_LAPSED,
        EMIGRATED_WITHOUT_CONVERSION,
        NUMBER_CHANGED,
        DEATH,
        CARD_ANNOTATED,
        CONTINUED_USE_REGISTERED,
        VALIDITY_EXTENDED,
        OVERSEAS_CONVERTED,
        FACE_AUTH_SWITCHED
    }

    /** A target: the status and, for REVOKED, the reason. */
    public record Target(CardStatus status, Optional<CardRevocationReason> reason) {
        public Target {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }

        static Target to(CardStatus status) {
            return new Target(status, Optional.empty());
        }

        static Target revoked(CardRevocationReason reason) {
            return new Target(REVOKED, Optional.of(reason));
        }
    }

    public static final TransitionTable<CardStatus, Event, Target> TABLE = build();

    private static TransitionTable<CardStatus, Event, Target> build() {
        TransitionTable.Builder<CardStatus, Event, Target> b = TransitionTable.builder();
        b.creates(Event.CARD_SHIPPED, Target.to(ISSUED));
        b.row(ISSUED, Event.DELIVERY_COMPLETED, Target.to(ACTIVE));
        b.row(ISSUED, Event.UNCLAIMED_DESTROYED, Target.revoked(CardRevocationReason.UNCLAIMED));
        b.row(ACTIVE, Event.SUSPENDED_BY_LOSS_CALL, Target.to(SUSPENDED));
        b.row(SUSPENDED, Event.SUSPENSION_LIFTED, Target.to(ACTIVE));
        for (CardStatus from : new CardStatus[] {ACTIVE, SUSPENDED}) {
            b.row(from, Event.LOSS_REPORTED, Target.revoked(CardRevocationReason.LOST));
            b.row(from, Event.CARD_RETURNED, Target.revoked(CardRevocationReason.RETURNED));
            b.row(from, Event.EXPIRY_REACHED, Target.revoked(CardRevocationReason.EXPIRED));
            b.row(from, Event.CONTINUED_USE_MISSED, Target.revoked(CardRevocationReason.CONTINUED_USE_MISSED));
            b.row(from, Event.SPECIAL_MOVE_OUT_LAPSED, Target.revoked(CardRevocationReason.SPECIAL_MOVE_OUT_LAPSED));
            b.row(from, Event.EMIGRATED_WITHOUT_CONVERSION, Target.revoked(CardRevocationReason.EMIGRATED_WITHOUT_CONVERSION));
            b.row(from, Event.NUMBER_CHANGED, Target.revoked(CardRevocationReason.NUMBER_CHANGED));
            b.row(from, Event.DEATH, Target.revoked(CardRevocationReason.DEATH));
        }
        b.row(ACTIVE, Event.REPLACED, Target.revoked(CardRevocationReason.REPLACED));
        for (Event attributes : new Event[] {Event.CARD_ANNOTATED, Event.CONTINUED_USE_REGISTERED, Event.VALIDITY_EXTENDED,
                Event.OVERSEAS_CONVERTED, Event.FACE_AUTH_SWITCHED}) {
            b.row(ACTIVE, attributes, Target.to(ACTIVE));
        }
        b.terminal(REVOKED);
        return b.build();
    }

    private CardTransitions() {
    }

    /**
     * Applies {@code event} to {@code card}: the new record (with {@code newVersion}), the same record when
     * the card is REVOKED (terminal: "stays REVOKED"), or {@link IllegalStateException} for a pair the
     * table refuses (a workflow never sends one; a feed event that would is a consistency problem for a
     * supervisor, not a clerk message).
     */
    public static Card apply(Card card, Event event, long newVersion) {
        TransitionTable.Step<Target> step = TABLE.step(card.status(), event);
        return switch (step.kind()) {
            case MOVE -> card.withStatus(step.target().orElseThrow().status(), step.target().orElseThrow().reason(), newVersion);
            case STAYS -> card;
            case REFUSED -> throw new IllegalStateException("card transition refused: " + card.status() + " × " + event);
        };
    }
}
