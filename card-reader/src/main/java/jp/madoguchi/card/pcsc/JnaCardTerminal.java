package jp.madoguchi.card.pcsc;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/** One reader of a {@link JnaCardTerminals} context. Card thread only. */
final class JnaCardTerminal extends CardTerminal {

    private final JnaCardTerminals context;
    private final String name;

    JnaCardTerminal(JnaCardTerminals context, String name) {
        this.context = context;
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * Connects shared with "T=1", "T=0" or "*"; an "EXCLUSIVE;" prefix (as the JDK's provider accepts)
     * connects exclusively. The card layer itself connects shared and uses beginExclusive().
     */
    @Override
    public Card connect(String protocol) throws CardException {
        boolean exclusive = protocol.startsWith("EXCLUSIVE;");
        String wanted = exclusive ? protocol.substring("EXCLUSIVE;".length()) : protocol;
        int protocols = switch (wanted) {
            case "T=0" -> PcscLibrary.SCARD_PROTOCOL_T0;
            case "T=1" -> PcscLibrary.SCARD_PROTOCOL_T1;
            case "*" -> PcscLibrary.SCARD_PROTOCOL_T0 | PcscLibrary.SCARD_PROTOCOL_T1;
            default -> throw new IllegalArgumentException("unsupported protocol " + protocol);
        };
        PcscLibrary.HandleByReference handle = new PcscLibrary.HandleByReference();
        PcscLibrary.DwordByReference active = new PcscLibrary.DwordByReference();
        long rc = JnaCardTerminals.code(context.lib().SCardConnect(context.context(), name,
                new PcscLibrary.Dword(exclusive ? PcscLibrary.SCARD_SHARE_EXCLUSIVE : PcscLibrary.SCARD_SHARE_SHARED),
                new PcscLibrary.Dword(protocols), handle, active));
        if (rc == PcscError.E_NO_SMARTCARD || rc == PcscError.W_REMOVED_CARD) {
            throw new CardNotPresentException("SCardConnect failed: " + PcscError.name(rc));
        }
        if (rc != PcscError.SUCCESS) {
            throw new PcscException("SCardConnect", rc);
        }
        return new JnaCard(context, handle.getValue(), (int) active.getValue());
    }

    @Override
    public boolean isCardPresent() throws CardException {
        return (eventState() & PcscLibrary.SCARD_STATE_PRESENT) != 0;
    }

    /** The reader's current SCARD_STATE_* flags. */
    long eventState() throws CardException {
        PcscLibrary.ReaderState[] states = (PcscLibrary.ReaderState[]) new PcscLibrary.ReaderState().toArray(1);
        states[0].szReader = name;
        context.check("SCardGetStatusChange",
                context.lib().SCardGetStatusChange(context.context(), new PcscLibrary.Dword(0), states, new PcscLibrary.Dword(1)));
        return states[0].dwEventState.longValue();
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitFor(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitFor(false, timeout);
    }

    private boolean waitFor(boolean present, long timeout) throws CardException {
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        while (true) {
            if (isCardPresent() == present) {
                return true;
            }
            if (timeout != 0 && System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CardException("interrupted", e);
            }
        }
    }

    @Override
    public String toString() {
        return "PC/SC terminal " + name;
    }
}
