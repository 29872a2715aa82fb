package jp.madoguchi.app.counter.status;

import static jp.madoguchi.app.counter.domain.ApplicationStatus.AT_OFFICE;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.CANCELLED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.DEFECTIVE;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.DEFECT_RETURNED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.DELIVERED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.DELIVERED_BY_POST;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.DESTROYED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.ISSUED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.NOTIFIED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.RECEIVED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.RENOTIFIED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.SHIPPED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.SUBMITTED;
import static jp.madoguchi.app.counter.domain.ApplicationStatus.VOID;

import jp.madoguchi.app.counter.domain.ApplicationStatus;

/** counter-rules §4.1: the application's transitions, row for row. */
public final class ApplicationTransitions {

    /** The events of §4.1, with who emits them (WS = workstation, CF = central feed). */
    public enum Event {
        APPLICATION_SUBMITTED(Source.WS),
        /** J-LIS receives it (申請受付), also a resubmission after a defect. */
        APPLICATION_RECEIVED(Source.CF),
        APPLICATION_DEFECT(Source.CF),
        /** 申請取消 by the applicant. */
        APPLICATION_CANCELLED(Source.WS),
        /** Moved away or died before issue (◐). */
        APPLICATION_VOIDED(Source.CF),
        CARD_ISSUED(Source.CF),
        CARD_SHIPPED(Source.CF),
        /** Postal delivery: the card goes to the holder, never into counter stock. */
        CARD_POSTED(Source.CF),
        CARD_RECEIVED_AT_OFFICE(Source.WS),
        CARD_DEFECT_REPORTED(Source.WS),
        NOTICE_SENT(Source.WS),
        RENOTICE_SENT(Source.WS),
        DELIVERY_COMPLETED(Source.WS),
        UNCLAIMED_DESTROYED(Source.WS);

        private final Source source;

        Event(Source source) {
            this.source = source;
        }

        public Source source() {
            return source;
        }
    }

    /** Who emits an event (counter-rules §4 "Source"). */
    public enum Source {
        WS, CF
    }

    public static final TransitionTable<ApplicationStatus, Event, ApplicationStatus> TABLE =
            TransitionTable.<ApplicationStatus, Event, ApplicationStatus>builder()
                    .creates(Event.APPLICATION_SUBMITTED, SUBMITTED)
                    .creates(Event.APPLICATION_RECEIVED, RECEIVED)
                    .row(SUBMITTED, Event.APPLICATION_RECEIVED, RECEIVED)
                    .row(RECEIVED, Event.APPLICATION_DEFECT, DEFECT_RETURNED)
                    .row(DEFECT_RETURNED, Event.APPLICATION_RECEIVED, RECEIVED)
                    .row(RECEIVED, Event.APPLICATION_CANCELLED, CANCELLED)
                    .row(RECEIVED, Event.APPLICATION_VOIDED, VOID)
                    .row(RECEIVED, Event.CARD_ISSUED, ISSUED)
                    .row(ISSUED, Event.CARD_SHIPPED, SHIPPED)
                    .row(ISSUED, Event.CARD_POSTED, DELIVERED_BY_POST)
                    .row(SHIPPED, Event.CARD_RECEIVED_AT_OFFICE, AT_OFFICE)
                    .row(AT_OFFICE, Event.CARD_DEFECT_REPORTED, DEFECTIVE)
                    .row(AT_OFFICE, Event.NOTICE_SENT, NOTIFIED)
                    .row(NOTIFIED, Event.RENOTICE_SENT, RENOTIFIED)
                    .row(AT_OFFICE, Event.DELIVERY_COMPLETED, DELIVERED)
                    .row(NOTIFIED, Event.DELIVERY_COMPLETED, DELIVERED)
                    .row(RENOTIFIED, Event.DELIVERY_COMPLETED, DELIVERED)
                    .row(NOTIFIED, Event.UNCLAIMED_DESTROYED, DESTROYED)
                    .row(RENOTIFIED, Event.UNCLAIMED_DESTROYED, DESTROYED)
                    .terminal(CANCELLED)
                    .terminal(VOID)
                    .terminal(DESTROYED)
                    .build();

    private ApplicationTransitions() {
    }

    /** §2.1: delivery starts only from an application in the office's stock (AT_OFFICE, NOTIFIED, RENOTIFIED). */
    public static boolean allowsDelivery(ApplicationStatus status) {
        return TABLE.step(status, Event.DELIVERY_COMPLETED).kind() == TransitionTable.Kind.MOVE;
    }
}
