package jp.madoguchi.sim.card.provider;

import java.util.concurrent.locks.ReentrantLock;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import jp.madoguchi.sim.card.CardSlot;

/** A connection to an in-JVM card (protocol T=1, basic channel only). Thread-safe. */
final class SimCard extends Card {
    private final SimTerminal terminal;
    private final CardSlot slot;
    private final SimChannel basic;
    private final ReentrantLock exclusive = new ReentrantLock();
    private volatile boolean valid = true;

    SimCard(SimTerminal terminal, CardSlot slot) {
        this.terminal = terminal;
        this.slot = slot;
        this.basic = new SimChannel(this);
    }

    boolean valid() {
        return valid;
    }

    void invalidate() {
        valid = false;
    }

    /** One raw exchange; a vanishing card is pulled from the terminal. */
    byte[] exchange(byte[] apdu) throws CardException {
        check();
        if (exclusive.isLocked() && !exclusive.isHeldByCurrentThread()) {
            exclusive.lock();
            exclusive.unlock();
        }
        byte[] answer = slot.exchange(apdu);
        if (answer == null) {
            terminal.remove();
            throw new CardNotPresentException("the card was removed during the command");
        }
        return answer;
    }

    void check() throws CardException {
        if (!valid) {
            throw new CardNotPresentException("the card is no longer in " + terminal.getName());
        }
    }

    @Override
    public ATR getATR() {
        return new ATR(slot.card().atr());
    }

    @Override
    public String getProtocol() {
        return "T=1";
    }

    @Override
    public CardChannel getBasicChannel() {
        return basic;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        throw new CardException("logical channels are not supported by this card");
    }

    @Override
    public void beginExclusive() throws CardException {
        check();
        exclusive.lock();
    }

    @Override
    public void endExclusive() throws CardException {
        if (!exclusive.isHeldByCurrentThread()) {
            throw new IllegalStateException("beginExclusive was not called by this thread");
        }
        exclusive.unlock();
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        throw new CardException("control commands are not supported by the emulated reader");
    }

    @Override
    public void disconnect(boolean reset) throws CardException {
        if (valid) {
            valid = false;
            terminal.disconnected(this, reset);
        }
        while (exclusive.isHeldByCurrentThread()) {
            exclusive.unlock();
        }
    }
}
