package jp.madoguchi.sim.card.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * The two in-JVM readers "Madoguchi Sim 00 00" and "Madoguchi Sim 00 01" with PC/SC-like events.
 * Like SunPCSC, {@link #waitForChange(long)} compares with the presence seen by the previous call
 * (the first call returns at once) and {@link #list(State)} reports insertions/removals relative to it.
 * Thread-safe: insert/remove from any thread wake every waiter.
 */
public final class SimReaders extends CardTerminals {
    private static final SimReaders SHARED = new SimReaders();

    private final List<SimTerminal> terminals;
    private Map<SimTerminal, Boolean> seen;
    private Map<SimTerminal, Boolean> before = new HashMap<>();

    public SimReaders() {
        List<SimTerminal> t = new ArrayList<>();
        t.add(new SimTerminal(this, "Madoguchi Sim 00 00"));
        t.add(new SimTerminal(this, "Madoguchi Sim 00 01"));
        terminals = Collections.unmodifiableList(t);
    }

    /** The JVM-wide readers that {@code TerminalFactory.getInstance("MadoguchiSim", null, …)} uses. */
    public static SimReaders shared() {
        return SHARED;
    }

    /** Slot 0 or 1. */
    public SimTerminal slot(int slot) {
        return terminals.get(slot);
    }

    @Override
    public synchronized List<CardTerminal> list(State state) {
        List<CardTerminal> out = new ArrayList<>();
        for (SimTerminal t : terminals) {
            boolean present = t.isCardPresent();
            boolean was = seen != null && Boolean.TRUE.equals(before.get(t));
            boolean now = seen != null ? Boolean.TRUE.equals(seen.get(t)) : present;
            boolean match;
            switch (state) {
                case ALL: match = true; break;
                case CARD_PRESENT: match = present; break;
                case CARD_ABSENT: match = !present; break;
                case CARD_INSERTION: match = now && !was; break;
                default: match = !now && was; break;
            }
            if (match) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public synchronized boolean waitForChange(long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        if (seen == null) {
            seen = snapshot();
            return true;
        }
        long deadline = timeout == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeout;
        while (snapshot().equals(seen)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CardException("interrupted while waiting for a card change", e);
            }
        }
        before = seen;
        seen = snapshot();
        return true;
    }

    private Map<SimTerminal, Boolean> snapshot() {
        Map<SimTerminal, Boolean> m = new HashMap<>();
        for (SimTerminal t : terminals) {
            m.put(t, t.isCardPresent());
        }
        return m;
    }

    synchronized void changed() {
        notifyAll();
    }
}
