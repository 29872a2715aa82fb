package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminals;
import jp.madoguchi.card.CardEvent.Kind;
import jp.madoguchi.sim.card.provider.SimReaders;
import org.junit.jupiter.api.Test;

/** The card thread on the in-JVM emulated terminal: states, event order, listeners, submitted work. */
class CardMonitorTest {

    private static final String SLOT0 = "Madoguchi Sim 00 00";
    private static final String SLOT1 = "Madoguchi Sim 00 01";

    private static CardEvent next(BlockingQueue<CardEvent> events) throws InterruptedException {
        CardEvent e = events.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("an event within 5 s").isNotNull();
        return e;
    }

    @Test
    void events_come_in_the_documented_order_and_states_follow_the_cards() throws Exception {
        SimReaders readers = new SimReaders();
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        readers.slot(1).insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED));
        try (CardMonitor monitor = new CardMonitor(TerminalSource.of(EmulatedCards.factory(readers)), Duration.ofMillis(20))) {
            monitor.subscribe(events::add);
            monitor.start();
            // The first poll: both readers attached, then the card already in slot 1 inserted.
            assertThat(List.of(next(events), next(events), next(events)))
                    .extracting(CardEvent::kind, CardEvent::reader)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.READER_ATTACHED, SLOT0),
                            org.assertj.core.groups.Tuple.tuple(Kind.READER_ATTACHED, SLOT1),
                            org.assertj.core.groups.Tuple.tuple(Kind.CARD_INSERTED, SLOT1));
            assertThat(monitor.state(SLOT0)).isEqualTo(ReaderState.EMPTY);
            assertThat(monitor.state(SLOT1)).isEqualTo(ReaderState.CARD_PRESENT);
            assertThat(monitor.state("no such reader")).isEqualTo(ReaderState.NO_READER);

            readers.slot(0).insert(EmulatedCards.card(EmulatedCards.Kind.FACTORY));
            CardEvent inserted = next(events);
            assertThat(inserted.kind()).isEqualTo(Kind.CARD_INSERTED);
            assertThat(inserted.reader()).isEqualTo(SLOT0);
            assertThat(inserted.state()).isEqualTo(ReaderState.CARD_PRESENT);

            readers.slot(1).remove();
            CardEvent removed = next(events);
            assertThat(removed.kind()).isEqualTo(Kind.CARD_REMOVED);
            assertThat(removed.reader()).isEqualTo(SLOT1);
            assertThat(monitor.state(SLOT1)).isEqualTo(ReaderState.EMPTY);
        }
    }

    @Test
    void a_throwing_listener_never_stops_the_others_and_unsubscribed_listeners_hear_nothing() throws Exception {
        SimReaders readers = new SimReaders();
        List<CardEvent> heard = new CopyOnWriteArrayList<>();
        List<CardEvent> unsubscribed = new CopyOnWriteArrayList<>();
        BlockingQueue<CardEvent> last = new LinkedBlockingQueue<>();
        try (CardMonitor monitor = new CardMonitor(TerminalSource.of(EmulatedCards.factory(readers)), Duration.ofMillis(20))) {
            monitor.subscribe(e -> {
                throw new IllegalStateException("a broken screen");
            });
            monitor.subscribe(heard::add);
            AutoCloseable gone = monitor.subscribe(unsubscribed::add);
            gone.close();
            monitor.subscribe(last::add);
            monitor.start();
            next(last);
            next(last);
            readers.slot(0).insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED));
            assertThat(next(last).kind()).isEqualTo(Kind.CARD_INSERTED);
            assertThat(heard).extracting(CardEvent::kind)
                    .containsExactly(Kind.READER_ATTACHED, Kind.READER_ATTACHED, Kind.CARD_INSERTED);
            assertThat(unsubscribed).isEmpty();
        }
    }

    @Test
    void work_on_an_empty_or_unknown_reader_fails_with_its_reason() throws Exception {
        SimReaders readers = new SimReaders();
        try (CardMonitor monitor = new CardMonitor(TerminalSource.of(EmulatedCards.factory(readers))).start()) {
            assertThatThrownBy(() -> monitor.awaitCard(SLOT0, Duration.ofMillis(300)))
                    .isInstanceOf(CardAccessException.class).hasMessageStartingWith("MDG-READER-003");
            assertThatThrownBy(() -> monitor.submit("Other Reader 00", c -> c.isMyNumberCard()).get())
                    .isInstanceOf(ExecutionException.class).cause().hasMessageStartingWith("MDG-READER-002");
            readers.slot(0).insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED));
            assertThat(monitor.awaitCard(null, Duration.ofSeconds(5))).isEqualTo(SLOT0);
            assertThat(monitor.submit(SLOT0, CardConnection::isMyNumberCard).get()).isTrue();
        }
    }

    @Test
    void a_lost_service_is_no_service_and_comes_back_by_itself() throws Exception {
        SimReaders readers = new SimReaders();
        var factory = EmulatedCards.factory(readers);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        TerminalSource flaky = new TerminalSource() {
            @Override
            public CardTerminals terminals() throws CardException {
                if (down.get()) {
                    throw new CardException("list() failed: SCARD_E_NO_SERVICE");
                }
                return factory.terminals();
            }

            @Override
            public void reset() {
                // Nothing to drop.
            }
        };
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        readers.slot(0).insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED));
        try (CardMonitor monitor = new CardMonitor(flaky, Duration.ofMillis(20))) {
            monitor.subscribe(events::add);
            monitor.start();
            while (next(events).kind() != Kind.CARD_INSERTED) {
                // Skip the readers' attachment: the loss must come after the insertion.
            }
            down.set(true);
            assertThat(List.of(next(events), next(events), next(events), next(events)))
                    .extracting(CardEvent::kind)
                    .containsExactly(Kind.CARD_REMOVED, Kind.READER_DETACHED, Kind.READER_DETACHED, Kind.SERVICE_LOST);
            assertThat(monitor.state(SLOT0)).isEqualTo(ReaderState.NO_SERVICE);
            assertThatThrownBy(() -> monitor.submit(SLOT0, CardConnection::isMyNumberCard).get())
                    .cause().hasMessageStartingWith("MDG-READER-001");
            down.set(false);
            assertThat(next(events).kind()).isEqualTo(Kind.SERVICE_RESTORED);
            assertThat(monitor.awaitCard(SLOT0, Duration.ofSeconds(5))).isEqualTo(SLOT0);
        }
    }
}
