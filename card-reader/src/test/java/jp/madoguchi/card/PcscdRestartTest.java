package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.CardEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * pcscd restarted under a running card thread: the reader goes NO_SERVICE, then comes back with the
 * card and works, in the same JVM (the JDK's provider could not: card-spec §8.3). Runs in its own JVM
 * (surefire reuseForks=false) and leaves the new pcscd's pid in MADO_PCSCD_PIDFILE for ./mado test.
 */
class PcscdRestartTest {

    private static CardEvent next(BlockingQueue<CardEvent> events, Kind kind, List<CardEvent> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            CardEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null) {
                seen.add(e);
                if (e.kind() == kind) {
                    return e;
                }
            }
        }
        throw new AssertionError("no " + kind + " within 20 s; saw " + seen);
    }

    @Test
    void the_card_thread_recovers_from_a_restarted_pcscd() throws Exception {
        PcscStack.port(0);
        String args = System.getenv("MADO_PCSCD_ARGS");
        assertThat(args).as("MADO_PCSCD_ARGS: run the tests with ./mado test").isNotBlank();
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        List<CardEvent> seen = new ArrayList<>();
        try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
             CardMonitor monitor = new CardMonitor(TerminalSource.pcsc())) {
            monitor.subscribe(events::add);
            monitor.start();
            assertThat(next(events, Kind.CARD_INSERTED, seen).state()).isEqualTo(ReaderState.CARD_PRESENT);
            String serialBefore = monitor.submit(PcscStack.READER0, c -> c.read(ReadRequest.withoutPins()).cardSerial())
                    .get(30, TimeUnit.SECONDS);

            long oldPid = PcscStack.pcscdPid();
            ProcessHandle old = ProcessHandle.of(oldPid).orElseThrow(() -> new AssertionError("pcscd " + oldPid + " is not running"));
            old.destroy();
            old.onExit().get(10, TimeUnit.SECONDS);

            next(events, Kind.SERVICE_LOST, seen);
            assertThat(monitor.state(PcscStack.READER0)).isEqualTo(ReaderState.NO_SERVICE);
            assertThat(seen).extracting(CardEvent::kind).containsSubsequence(Kind.CARD_REMOVED, Kind.READER_DETACHED,
                    Kind.SERVICE_LOST);

            List<String> command = new ArrayList<>();
            command.add("/usr/sbin/pcscd");
            command.addAll(Arrays.asList(args.trim().split("\\s+")));
            Process pcscd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            Files.writeString(PcscStack.pidFile(), pcscd.pid() + "\n");

            // The emulated card reconnects to the new vpcd listener by itself (re-insertion).
            next(events, Kind.SERVICE_RESTORED, seen);
            CardEvent back = next(events, Kind.CARD_INSERTED, seen);
            assertThat(back.reader()).isEqualTo(PcscStack.READER0);
            assertThat(back.state()).isEqualTo(ReaderState.CARD_PRESENT);
            CardSnapshot after = monitor.submit(PcscStack.READER0, c -> c.read(new ReadRequest("1234".toCharArray(), null, null)))
                    .get(30, TimeUnit.SECONDS);
            assertThat(after.cardSerial()).isEqualTo(serialBefore);
            assertThat(after.basicInfo().orElseThrow().name()).isEqualTo("試験\u3000花子");
        }
    }
}
