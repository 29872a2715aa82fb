package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.CardEvent.Kind;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import org.junit.jupiter.api.Test;

/** The card thread on pcscd + vpcd: both readers, hot-plug in the second slot, foreign and busy cards. */
class RealStackMonitorTest {

    private static CardEvent next(BlockingQueue<CardEvent> events, Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            CardEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.kind() == kind) {
                return e;
            }
            assertThat(e == null || e.kind() == Kind.READER_ATTACHED).as("unexpected event " + e).isTrue();
        }
        throw new AssertionError("no " + kind + " within 10 s");
    }

    @Test
    void hot_plug_in_the_second_slot_and_work_through_the_card_thread() throws Exception {
        PcscStack.port(1);
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        try (CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
            monitor.subscribe(events::add);
            monitor.start();
            assertThat(events.poll(5, TimeUnit.SECONDS)).extracting(CardEvent::kind, CardEvent::reader)
                    .containsExactly(Kind.READER_ATTACHED, PcscStack.READER0);
            assertThat(events.poll(5, TimeUnit.SECONDS)).extracting(CardEvent::kind, CardEvent::reader)
                    .containsExactly(Kind.READER_ATTACHED, PcscStack.READER1);
            assertThat(monitor.state(PcscStack.READER1)).isEqualTo(ReaderState.EMPTY);

            CardSnapshot snapshot;
            try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 1)) {
                CardEvent inserted = next(events, Kind.CARD_INSERTED);
                assertThat(inserted.reader()).isEqualTo(PcscStack.READER1);
                assertThat(inserted.state()).isEqualTo(ReaderState.CARD_PRESENT);
                assertThat(monitor.state(PcscStack.READER0)).isEqualTo(ReaderState.EMPTY);
                snapshot = monitor.submit(PcscStack.READER1, c -> c.read(new ReadRequest("1234".toCharArray(), null, null)))
                        .get(30, TimeUnit.SECONDS);
            }
            assertThat(snapshot.basicInfo().orElseThrow().name()).isEqualTo("試験\u3000花子");
            CardEvent removed = next(events, Kind.CARD_REMOVED);
            assertThat(removed.reader()).isEqualTo(PcscStack.READER1);
            assertThat(monitor.state(PcscStack.READER1)).isEqualTo(ReaderState.EMPTY);
        }
    }

    @Test
    void a_card_without_the_jpki_application_is_not_a_my_number_card() throws Exception {
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        try (CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
            monitor.subscribe(events::add);
            monitor.start();
            try (PcscStack.ForeignCard foreign = new PcscStack.ForeignCard(0)) {
                CardEvent inserted = next(events, Kind.CARD_INSERTED);
                assertThat(inserted.state()).isEqualTo(ReaderState.NOT_A_MY_NUMBER_CARD);
                assertThatThrownBy(() -> monitor.submit(PcscStack.READER0, CardConnection::isMyNumberCard).get())
                        .cause().hasMessageStartingWith("MDG-READER-005");
            }
            next(events, Kind.CARD_REMOVED);
        }
    }

    @Test
    void a_card_held_exclusively_by_another_program_is_busy_until_released() throws Exception {
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
             JnaCardTerminals other = JnaCardTerminals.establish()) {
            Card held = PcscStack.awaitCard(other, PcscStack.READER0, Duration.ofSeconds(10)).connect("EXCLUSIVE;*");
            try (CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
                monitor.subscribe(events::add);
                monitor.start();
                assertThat(next(events, Kind.CARD_INSERTED).state()).isEqualTo(ReaderState.CARD_BUSY);
                assertThatThrownBy(() -> monitor.submit(PcscStack.READER0, CardConnection::isMyNumberCard).get())
                        .cause().hasMessageStartingWith("MDG-READER-004");
                held.disconnect(false);
                CardEvent free = next(events, Kind.STATE_CHANGED);
                assertThat(free.state()).isEqualTo(ReaderState.CARD_PRESENT);
                assertThat(monitor.submit(PcscStack.READER0, CardConnection::isMyNumberCard).get()).isTrue();
            }
        }
    }
}
