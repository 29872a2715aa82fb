package jp.madoguchi.sim.card.provider;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import jp.madoguchi.sim.card.CardSlot;

/**
 * One in-JVM reader. Cards go in and out programmatically ({@link #insert}, {@link #remove}), as in
 * training mode. A removal drops the card's volatile state and makes every open connection fail with
 * {@link CardNotPresentException}. Thread-safe.
 */
public final class SimTerminal extends CardTerminal {
    private final SimReaders readers;
    private final String name;
    private CardSlot slot;
    private SimCard connection;

    SimTerminal(SimReaders readers, String name) {
        this.readers = readers;
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    /** Puts a card in (replacing nothing: a present card must be removed first). */
    public void insert(CardSlot card) {
        synchronized (this) {
            if (slot != null) {
                throw new IllegalStateException(name + " already holds a card");
            }
            card.reset();
            slot = card;
            notifyAll();
        }
        readers.changed();
    }

    /** Pulls the card out; returns it (null if the reader was empty). */
    public CardSlot remove() {
        CardSlot out;
        synchronized (this) {
            out = slot;
            slot = null;
            if (connection != null) {
                connection.invalidate();
                connection = null;
            }
            if (out != null) {
                out.reset();
            }
            notifyAll();
        }
        readers.changed();
        return out;
    }

    synchronized CardSlot slotOrThrow() throws CardNotPresentException {
        if (slot == null) {
            throw new CardNotPresentException("no card in " + name);
        }
        return slot;
    }

    @Override
    public synchronized Card connect(String protocol) throws CardException {
        if (!"T=1".equals(protocol) && !"*".equals(protocol)) {
            throw new CardException("protocol " + protocol + " not supported: the card speaks T=1 only");
        }
        CardSlot s = slotOrThrow();
        if (connection == null || !connection.valid()) {
            connection = new SimCard(this, s);
        }
        return connection;
    }

    synchronized void disconnected(SimCard card, boolean reset) {
        if (connection == card) {
            connection = null;
            if (reset && slot != null) {
                slot.reset();
            }
        }
    }

    @Override
    public synchronized boolean isCardPresent() {
        return slot != null;
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitFor(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitFor(false, timeout);
    }

    private synchronized boolean waitFor(boolean present, long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long deadline = timeout == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeout;
        while ((slot != null) != present) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CardException("interrupted while waiting for the card", e);
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SimTerminal: " + name;
    }
}
