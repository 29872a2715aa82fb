package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.CardEvent.Kind;
import jp.madoguchi.card.PinVerification.Result;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The card thread keeps one libpcsclite handle per reader across jobs (pcscd + vpcd): a job that
 * verified a PIN still leaves no verified flag to the next one (the card is reset through the kept
 * handle), another program's reset and a card swapped between two polls are survived, and the handle
 * is let go once idle, so another program can take the card exclusively.
 */
class KeptConnectionTest {

    /** The previous test's card must have left: a card seen while it leaves is a CARD_ERROR. */
    @BeforeEach
    void readerEmpty() throws Exception {
        PcscStack.port(0);
        try (JnaCardTerminals terminals = JnaCardTerminals.establish()) {
            PcscStack.awaitAbsent(terminals, PcscStack.READER0);
        }
    }

    /** READ BINARY of 入力補助 EF 0001 (My Number) by SFI, without any SELECT: 9000 only while verified. */
    private static int readMyNumberWithoutSelect(CardConnection c) {
        return new CardSession(c.card(), "probe").transmit(new CommandAPDU(0x00, 0xB0, 0x81, 0x00, 17), "probe").getSW();
    }

    /** Once pcscd sees the inserted card: starts the monitor and waits for its CARD_INSERTED. */
    private static void startOnTheCard(CardMonitor monitor) throws Exception {
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        monitor.subscribe(events::add);
        try (JnaCardTerminals probe = JnaCardTerminals.establish()) {
            PcscStack.awaitCard(probe, PcscStack.READER0, Duration.ofSeconds(10));
        }
        monitor.start();
        awaitInserted(events);
    }

    private static void awaitInserted(BlockingQueue<CardEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            CardEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.kind() == Kind.CARD_INSERTED) {
                assertThat(e.state()).isEqualTo(ReaderState.CARD_PRESENT);
                return;
            }
        }
        throw new AssertionError("no CARD_INSERTED within 10 s");
    }

    @Test
    void a_verified_pin_does_not_outlive_its_job_on_the_kept_handle() throws Exception {
        PcscStack.port(0);
        try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
             CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
            startOnTheCard(monitor);
            CardConnection first = monitor.submit(PcscStack.READER0, c -> {
                assertThat(c.verifyPin(PinKind.CARD_TEXT, EmulatedCards.PIN.toCharArray()).result()).isEqualTo(Result.OK);
                // Within the job the flag holds: the probe can tell a verified card from a reset one.
                assertThat(readMyNumberWithoutSelect(c)).isEqualTo(0x9000);
                return c;
            }).get(30, TimeUnit.SECONDS);
            CardConnection second = monitor.submit(PcscStack.READER0, c -> {
                // After the reset the current DF is the power-on ISD, where EF 0001 does not exist.
                assertThat(readMyNumberWithoutSelect(c)).isEqualTo(0x6A82);
                return c;
            }).get(30, TimeUnit.SECONDS);
            assertThat(second).as("the same kept connection").isSameAs(first);
            // A read with the PIN on the same handle, then again nothing verified survives it.
            CardSnapshot s = monitor.submit(PcscStack.READER0, c -> c.read(new ReadRequest(EmulatedCards.PIN.toCharArray(),
                    null, null))).get(30, TimeUnit.SECONDS);
            assertThat(s.basicInfo()).isPresent();
            assertThat(monitor.submit(PcscStack.READER0, KeptConnectionTest::readMyNumberWithoutSelect)
                    .get(30, TimeUnit.SECONDS)).isEqualTo(0x6A82);
        }
    }

    /**
     * The future completes before the end-of-job reset, but inside the job's transaction: a program
     * that asks for the card the moment the result arrives (here from a callback that runs on the card
     * thread inside {@code complete}, the earliest possible moment) is refused or kept waiting, and when
     * it gets through the card has been reset.
     */
    @Test
    void the_result_comes_before_the_reset_but_no_other_program_gets_in_between() throws Exception {
        PcscStack.port(0);
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
             JnaCardTerminals other = JnaCardTerminals.establish();
             CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
            startOnTheCard(monitor);
            Card theirs = other.getTerminal(PcscStack.READER0).connect("*");
            CountDownLatch callbackRegistered = new CountDownLatch(1);
            CompletableFuture<Integer> verified = monitor.submit(PcscStack.READER0, c -> {
                await(callbackRegistered);
                assertThat(c.verifyPin(PinKind.CARD_TEXT, EmulatedCards.PIN.toCharArray()).result()).isEqualTo(Result.OK);
                return readMyNumberWithoutSelect(c);
            });
            AtomicReference<String> onDelivery = new AtomicReference<>();
            AtomicReference<Future<String>> theirProbe = new AtomicReference<>();
            CompletableFuture<Void> delivered = verified.thenAccept(sw -> {
                onDelivery.set(Thread.currentThread().getName());
                Future<String> probe = otherThread.submit(() -> theirReadWithoutSelect(theirs));
                theirProbe.set(probe);
                try {
                    // Give their command time to reach pcscd while the card thread still holds the card.
                    probe.get(300, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Kept waiting for our transaction: as good as refused.
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            });
            callbackRegistered.countDown();
            // Wait on the dependent, not on `verified`: a thread waiting in verified.get() may itself run
            // verified's callbacks once the result is in (CompletableFuture's waiters help complete it).
            delivered.get(30, TimeUnit.SECONDS);
            assertThat(verified.get()).as("verified within the job").isEqualTo(0x9000);
            assertThat(onDelivery.get()).as("the callback ran on the card thread, before the job's end").isEqualTo("card");
            String during = theirProbe.get().get(30, TimeUnit.SECONDS);
            assertThat(during).as("their command while our result was being delivered")
                    .isIn("SCARD_E_SHARING_VIOLATION", "SCARD_W_RESET_CARD", "6A82");
            // Once through (reconnected if pcscd told them of the reset), they find the power-on DF.
            theirs.disconnect(false);
            Card again = other.getTerminal(PcscStack.READER0).connect("*");
            assertThat(theirReadWithoutSelect(again)).isEqualTo("6A82");
            again.disconnect(false);
            assertThat(monitor.submit(PcscStack.READER0, KeptConnectionTest::readMyNumberWithoutSelect)
                    .get(30, TimeUnit.SECONDS)).as("our next job").isEqualTo(0x6A82);
        } finally {
            otherThread.shutdownNow();
        }
    }

    /** Another program's READ BINARY of 入力補助 EF 0001 by SFI: its SW, or the PC/SC error name. */
    private static String theirReadWithoutSelect(Card theirs) {
        try {
            int sw = theirs.getBasicChannel().transmit(new CommandAPDU(0x00, 0xB0, 0x81, 0x00, 17)).getSW();
            return String.format(java.util.Locale.ROOT, "%04X", sw);
        } catch (CardException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("SHARING_VIOLATION") ? "SCARD_E_SHARING_VIOLATION"
                    : m.contains("RESET_CARD") ? "SCARD_W_RESET_CARD" : m;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void another_programs_reset_between_jobs_is_survived() throws Exception {
        PcscStack.port(0);
        try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
             JnaCardTerminals other = JnaCardTerminals.establish();
             CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
            startOnTheCard(monitor);
            CardConnection first = monitor.submit(PcscStack.READER0, c -> c).get(30, TimeUnit.SECONDS);
            Card theirs = other.getTerminal(PcscStack.READER0).connect("*");
            theirs.disconnect(true);
            CardSnapshot s = monitor.submit(PcscStack.READER0, c -> {
                assertThat(c).isSameAs(first);
                return c.read(ReadRequest.withoutPins());
            }).get(30, TimeUnit.SECONDS);
            assertThat(s.complete()).isTrue();
        }
    }

    @Test
    void a_card_swapped_between_two_polls_is_read_afresh() throws Exception {
        PcscStack.port(0);
        assertThat(EmulatedCards.profile(EmulatedCards.Kind.CHILD).cardSerial())
                .isNotEqualTo(EmulatedCards.profile(EmulatedCards.Kind.DELIVERED).cardSerial());
        PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
        // One poll at the start, the next only after the swap is long done.
        try (JnaCardTerminals other = JnaCardTerminals.establish();
             CardMonitor monitor = new CardMonitor(TerminalSource.pcsc(), Duration.ofMinutes(5))) {
            startOnTheCard(monitor);
            String before = monitor.submit(PcscStack.READER0, c -> c.read(ReadRequest.withoutPins()).cardSerial())
                    .get(30, TimeUnit.SECONDS);
            card.close();
            PcscStack.awaitAbsent(other, PcscStack.READER0);
            card = PcscStack.insertAndAwait(other, () -> EmulatedCards.card(EmulatedCards.Kind.CHILD), 0);
            assertThat(monitor.state(PcscStack.READER0)).as("no poll since the swap").isEqualTo(ReaderState.CARD_PRESENT);
            String after = monitor.submit(PcscStack.READER0, c -> c.read(ReadRequest.withoutPins()).cardSerial())
                    .get(30, TimeUnit.SECONDS);
            assertThat(before).isEqualTo(EmulatedCards.profile(EmulatedCards.Kind.DELIVERED).cardSerial());
            assertThat(after).isEqualTo(EmulatedCards.profile(EmulatedCards.Kind.CHILD).cardSerial());
        } finally {
            card.close();
        }
    }

    @Test
    void an_idle_handle_is_let_go_so_another_program_can_hold_the_card_exclusively() throws Exception {
        PcscStack.port(0);
        try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
             JnaCardTerminals other = JnaCardTerminals.establish();
             CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
            startOnTheCard(monitor);
            monitor.submit(PcscStack.READER0, c -> c.read(ReadRequest.withoutPins())).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> other.getTerminal(PcscStack.READER0).connect("EXCLUSIVE;*"))
                    .isInstanceOf(CardException.class).hasMessageContaining("SHARING_VIOLATION");
            long deadline = System.nanoTime() + CardMonitor.KEEP_IDLE.toNanos() + TimeUnit.SECONDS.toNanos(5);
            Card exclusive = null;
            while (exclusive == null) {
                try {
                    exclusive = other.getTerminal(PcscStack.READER0).connect("EXCLUSIVE;*");
                } catch (CardException e) {
                    assertThat(System.nanoTime() < deadline).as("the kept handle was never let go: " + e).isTrue();
                    Thread.sleep(100);
                }
            }
            exclusive.disconnect(false);
            // And the card thread connects again for the next job.
            assertThat(monitor.submit(PcscStack.READER0, CardConnection::isMyNumberCard).get(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
