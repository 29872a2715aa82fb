package jp.madoguchi.sim.card.vpcd;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import jdk.net.ExtendedSocketOptions;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card side of vpcd (card-spec.md §8.1): a TCP client of pcscd's virtual reader. Connecting is
 * inserting, closing is removing. While inserted it reconnects whenever the socket drops (pcscd
 * restarted), so a card stays "in the reader" across pcscd restarts.
 *
 * <p>Threading: {@link #run()} blocks on one thread until {@link #remove()} is called from any other
 * thread or the card vanishes by fault injection. Each APDU is answered before the next is read.
 */
public final class VpcdCard implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(VpcdCard.class);
    private static final long RETRY_MILLIS = 100;
    /**
     * pcscd notices presence changes by polling about every 400 ms. A card that connects within a few
     * milliseconds of the previous card's removal on the same port, after a client reset the dead card
     * (disconnect(true)), is never seen by pcscd 1.9.9 + vpcd 3.3 (measured): it talks to vpcd but
     * stays "absent". So a new card waits until this long after the last removal in this JVM.
     */
    private static final long QUIET_AFTER_REMOVAL_MILLIS = 1000;
    private static final java.util.Map<Integer, Long> LAST_REMOVAL = new java.util.concurrent.ConcurrentHashMap<>();

    private final CardSlot slot;
    private final String host;
    private final int port;
    private volatile boolean removed;
    private volatile boolean connected;
    private volatile Socket socket;

    public VpcdCard(CardSlot slot, String host, int port) {
        this.slot = slot;
        this.host = host;
        this.port = port;
    }

    /** True while a connection to vpcd is up (the card is in the reader). */
    public boolean connected() {
        return connected;
    }

    /** Pulls the card: closes the connection and ends {@link #run()}. Idempotent. */
    public void remove() {
        removed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing the vpcd socket", e);
            }
        }
    }

    @Override
    public void run() {
        long quietUntil = LAST_REMOVAL.getOrDefault(port, 0L) + QUIET_AFTER_REMOVAL_MILLIS;
        while (!removed && System.currentTimeMillis() < quietUntil) {
            pause();
        }
        boolean waitingLogged = false;
        while (!removed) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), 1000);
            } catch (IOException e) {
                close(s);
                if (!waitingLogged) {
                    LOG.info("waiting for pcscd's vpcd listener on {}:{}", host, port);
                    waitingLogged = true;
                }
                pause();
                continue;
            }
            socket = s;
            if (removed) {
                close(s);
                break;
            }
            waitingLogged = false;
            connected = true;
            LOG.info("card inserted into vpcd {}:{}", host, port);
            boolean vanished = false;
            try {
                vanished = serve(s);
            } catch (IOException e) {
                if (!removed) {
                    LOG.info("vpcd connection lost ({}); reconnecting", e.getMessage());
                }
            } finally {
                connected = false;
                slot.reset();
                close(s);
                socket = null;
                LAST_REMOVAL.put(port, System.currentTimeMillis());
            }
            if (vanished) {
                LOG.info("card vanished (fault injection)");
                removed = true;
            }
        }
        LOG.info("card removed from vpcd {}:{}", host, port);
    }

    /** Serves one connection; returns true when the card vanished by fault injection. */
    private boolean serve(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        byte[] header = new byte[2];
        while (true) {
            // vpcd writes length and payload separately without TCP_NODELAY: without QUICKACK before
            // every read, delayed ACK costs ~40 ms per APDU (card-spec.md §8.1).
            quickAck(s);
            in.readFully(header);
            int length = (header[0] & 0xFF) << 8 | header[1] & 0xFF;
            byte[] payload = new byte[length];
            quickAck(s);
            in.readFully(payload);
            if (length == 0) {
                throw new EOFException("vpcd sent an empty frame");
            }
            if (length == 1) {
                control(payload[0], out);
                continue;
            }
            byte[] answer = slot.exchange(payload);
            if (answer == null) {
                return true;
            }
            write(out, answer);
        }
    }

    private void control(byte code, OutputStream out) throws IOException {
        LOG.trace("vpcd control byte {}", code);
        switch (code) {
            case 0x00:
            case 0x01:
            case 0x02:
                slot.reset();
                break;
            case 0x04:
                write(out, slot.card().atr());
                break;
            default:
                LOG.info("vpcd control byte {} ignored", Hex.of(new byte[] {code}));
        }
    }

    /** Length and payload in one write, one flush. */
    private static void write(OutputStream out, byte[] payload) throws IOException {
        byte[] frame = Arrays.copyOf(new byte[] {(byte) (payload.length >> 8), (byte) payload.length}, payload.length + 2);
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame);
        out.flush();
    }

    private static void quickAck(Socket s) throws SocketException {
        try {
            s.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        } catch (UnsupportedOperationException e) {
            LOG.debug("TCP_QUICKACK not supported here", e);
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removed = true;
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing a vpcd socket", e);
        }
    }
}
