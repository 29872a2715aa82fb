package jp.madoguchi.app.counter.status;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.CertHoldReason;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CertRevocationReason;
import jp.madoguchi.app.counter.domain.CertStatus;
import jp.madoguchi.app.counter.domain.Certificate;

/**
 * counter-rules §4.3: each certificate's status, row for row, one table per kind (a suspension lift and
 * a change of the basic items treat SIGN and AUTH differently). REVOKED and EXPIRED are terminal.
 */
public final class CertificateTransitions {

    /** The states of §4.3, with the two hold reasons told apart. */
    public enum State {
        ON_HOLD_PENDING_DELIVERY, ON_HOLD_CARD_SUSPENDED, VALID, REVOKED, EXPIRED;

        public static State of(Certificate cert) {
            return switch (cert.status()) {
                case ON_HOLD -> cert.holdReason().orElseThrow() == CertHoldReason.PENDING_DELIVERY
                        ? ON_HOLD_PENDING_DELIVERY : ON_HOLD_CARD_SUSPENDED;
                case VALID -> VALID;
                case REVOKED -> REVOKED;
                case EXPIRED -> EXPIRED;
            };
        }
    }

    public enum Event {
        /** Loaded at manufacture (PR-25). */
        LOADED_AT_MANUFACTURE,
        /** Central applied the card's {@code DELIVERY_COMPLETED}. */
        DELIVERY_APPLIED,
        /** {@code CERT_ISSUED} / {@code CERT_RENEWED}: the new certificate. */
        ISSUED,
        /** A renewal replaced this (old) certificate. */
        SUPERSEDED,
        CARD_SUSPENDED,
        SUSPENSION_LIFTED,
        CARD_REVOKED,
        /** 失効申請 by the holder. */
        HOLDER_REVOCATION_REQUEST,
        KEY_COMPROMISE,
        /** 職権失効. */
        OFFICIAL_CORRECTION,
        /** PR-28: issued but never written to the card. */
        ISSUE_ABORTED,
        /** Change of 氏名/通称, 旧氏, 住所, 生年月日, 性別; 国外転出 date; switch to face-auth. */
        BASIC_INFO_CHANGED,
        /** notAfter passed. */
        VALIDITY_ENDED
    }

    /** A target state and, for REVOKED, the reason. */
    public record Target(State state, Optional<CertRevocationReason> reason) {
        public Target {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
        }

        static Target to(State state) {
            return new Target(state, Optional.empty());
        }

        static Target revoked(CertRevocationReason reason) {
            return new Target(State.REVOKED, Optional.of(reason));
        }
    }

    private static final Map<CertKind, TransitionTable<State, Event, Target>> TABLES = new EnumMap<>(CertKind.class);

    static {
        for (CertKind kind : CertKind.values()) {
            TABLES.put(kind, build(kind));
        }
    }

    private static TransitionTable<State, Event, Target> build(CertKind kind) {
        TransitionTable.Builder<State, Event, Target> b = TransitionTable.builder();
        b.creates(Event.LOADED_AT_MANUFACTURE, Target.to(State.ON_HOLD_PENDING_DELIVERY));
        b.creates(Event.ISSUED, Target.to(State.VALID));
        b.row(State.ON_HOLD_PENDING_DELIVERY, Event.DELIVERY_APPLIED, Target.to(State.VALID));
        b.row(State.VALID, Event.SUPERSEDED, Target.revoked(CertRevocationReason.SUPERSEDED));
        b.row(State.VALID, Event.CARD_SUSPENDED, Target.to(State.ON_HOLD_CARD_SUSPENDED));
        b.row(State.ON_HOLD_CARD_SUSPENDED, Event.SUSPENSION_LIFTED, kind == CertKind.AUTH
                ? Target.to(State.VALID) : Target.revoked(CertRevocationReason.SUSPENSION));
        Map<Event, CertRevocationReason> anyNonTerminal = Map.of(
                Event.CARD_REVOKED, CertRevocationReason.CARD_REVOKED,
                Event.HOLDER_REVOCATION_REQUEST, CertRevocationReason.HOLDER_REQUEST,
                Event.KEY_COMPROMISE, CertRevocationReason.KEY_COMPROMISE,
                Event.OFFICIAL_CORRECTION, CertRevocationReason.OFFICIAL_CORRECTION,
                Event.ISSUE_ABORTED, CertRevocationReason.ISSUE_ABORTED);
        for (State from : new State[] {State.ON_HOLD_PENDING_DELIVERY, State.ON_HOLD_CARD_SUSPENDED, State.VALID}) {
            anyNonTerminal.forEach((event, reason) -> b.row(from, event, Target.revoked(reason)));
        }
        // SIGN carries the basic 4 items and is revoked when they change; AUTH carries none and stays VALID.
        b.row(State.VALID, Event.BASIC_INFO_CHANGED, kind == CertKind.SIGN
                ? Target.revoked(CertRevocationReason.BASIC_INFO_CHANGED) : Target.to(State.VALID));
        b.row(State.VALID, Event.VALIDITY_ENDED, Target.to(State.EXPIRED));
        b.terminal(State.REVOKED);
        b.terminal(State.EXPIRED);
        return b.build();
    }

    private CertificateTransitions() {
    }

    public static TransitionTable<State, Event, Target> table(CertKind kind) {
        return TABLES.get(kind);
    }

    /** The certificate after {@code event}, the same one if terminal; refused pairs throw {@link IllegalStateException}. */
    public static Certificate apply(Certificate cert, Event event, long newVersion) {
        TransitionTable.Step<Target> step = table(cert.kind()).step(State.of(cert), event);
        return switch (step.kind()) {
            case MOVE -> withTarget(cert, step.target().orElseThrow(), newVersion);
            case STAYS -> cert;
            case REFUSED -> throw new IllegalStateException("certificate transition refused: " + State.of(cert) + " × " + event);
        };
    }

    private static Certificate withTarget(Certificate cert, Target target, long version) {
        CertStatus status = switch (target.state()) {
            case ON_HOLD_PENDING_DELIVERY, ON_HOLD_CARD_SUSPENDED -> CertStatus.ON_HOLD;
            case VALID -> CertStatus.VALID;
            case REVOKED -> CertStatus.REVOKED;
            case EXPIRED -> CertStatus.EXPIRED;
        };
        Optional<CertHoldReason> hold = switch (target.state()) {
            case ON_HOLD_PENDING_DELIVERY -> Optional.of(CertHoldReason.PENDING_DELIVERY);
            case ON_HOLD_CARD_SUSPENDED -> Optional.of(CertHoldReason.CARD_SUSPENDED);
            default -> Optional.empty();
        };
        return new Certificate(cert.kind(), cert.serialHex(), cert.notAfter(), status, hold, target.reason(), version);
    }
}
