package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.smartcardio.CardTerminal;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.vpcd.VpcdCard;

/**
 * The real PC/SC stack that {@code ./mado test} starts: pcscd in a private mount namespace with vpcd
 * on MADO_VPCD_PORT (reader "Virtual PCD 00 00") and the next port ("… 00 01"). Tests using it fail
 * loudly, never skip, when the stack is absent.
 */
final class PcscStack {

    static final String READER0 = "Virtual PCD 00 00";
    static final String READER1 = "Virtual PCD 00 01";

    private PcscStack() {
    }

    static int port(int slot) {
        String port = System.getenv("MADO_VPCD_PORT");
        assertThat(port).as("MADO_VPCD_PORT: run the tests with ./mado test (pcscd + vpcd)").isNotBlank();
        assertThat(Path.of("/run/pcscd/pcscd.comm")).as("pcscd's socket: pcscd must be running").exists();
        return Integer.parseInt(port) + slot;
    }

    static String reader(int slot) {
        return slot == 0 ? READER0 : READER1;
    }

    /** An emulated card in vpcd slot {@code slot}; it stays in (across pcscd restarts) until removed. */
    static final class Inserted implements AutoCloseable {
        final VpcdCard card;
        final Thread thread;

        Inserted(CardSlot slot, int vpcdSlot) {
            card = new VpcdCard(slot, "127.0.0.1", port(vpcdSlot));
            thread = new Thread(card, "vpcd-card-" + vpcdSlot);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            card.remove();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Inserted insert(CardSlot slot, int vpcdSlot) {
        return new Inserted(slot, vpcdSlot);
    }

    /**
     * Inserts and waits until pcscd sees the card. vpcd may accept a connection made within a few ms
     * of the previous card's removal without pcscd ever reporting it; such a card is pulled and
     * inserted again (at most 3 times), as a person would.
     */
    static Inserted insertAndAwait(JnaCardTerminals terminals, java.util.function.Supplier<CardSlot> card, int vpcdSlot)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            Inserted inserted = insert(card.get(), vpcdSlot);
            if (terminals.getTerminal(reader(vpcdSlot)).waitForCardPresent(1500)) {
                return inserted;
            }
            inserted.close();
            assertThat(attempt).as("pcscd never saw the card in " + reader(vpcdSlot)).isLessThan(3);
        }
    }

    /** Waits until pcscd reports a card in {@code reader} (through its own JNA context). */
    static CardTerminal awaitCard(JnaCardTerminals terminals, String reader, Duration timeout) throws Exception {
        CardTerminal t = terminals.getTerminal(reader);
        assertThat(t.waitForCardPresent(timeout.toMillis())).as("card present in " + reader).isTrue();
        return t;
    }

    static void awaitAbsent(JnaCardTerminals terminals, String reader) throws Exception {
        assertThat(terminals.getTerminal(reader).waitForCardAbsent(5000)).as("card gone from " + reader).isTrue();
    }

    /** The pid of the pcscd that ./mado test started (or the last restart wrote). */
    static Path pidFile() {
        String file = System.getenv("MADO_PCSCD_PIDFILE");
        assertThat(file).as("MADO_PCSCD_PIDFILE: run the tests with ./mado test").isNotBlank();
        return Path.of(file);
    }

    static long pcscdPid() throws IOException {
        return Long.parseLong(Files.readString(pidFile()).trim());
    }

    /**
     * A card that is not a My Number Card: a minimal vpcd client answering its ATR and 6A82 to every
     * APDU (as a card without the JPKI application would to the SELECT).
     */
    static final class ForeignCard implements AutoCloseable {
        private final Socket socket = new Socket();
        private final Thread thread;

        ForeignCard(int vpcdSlot) throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port(vpcdSlot)), 2000);
            thread = new Thread(this::serve, "foreign-card");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            try {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                while (true) {
                    socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
                    int length = in.readUnsignedShort();
                    byte[] message = in.readNBytes(length);
                    if (message.length == 1 && message[0] == 0x04) {
                        out.write(new byte[] {0x00, 0x05, 0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01});
                    } else if (message.length > 1) {
                        out.write(new byte[] {0x00, 0x02, 0x6A, (byte) 0x82});
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // Closed: the card was pulled.
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
