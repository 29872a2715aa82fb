package jp.madoguchi.card;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import jp.madoguchi.card.pcsc.PcscException;

/**
 * Where the card thread gets its {@link CardTerminals}: the same code runs on PC/SC, on the in-JVM
 * emulated terminal and in tests. After a lost service the card thread calls {@link #reset()} and then
 * {@link #terminals()} again, which for PC/SC establishes a new context without restarting the JVM.
 *
 * <p>Called from the card thread only.
 */
public interface TerminalSource {

    /** The current terminals, establishing a context first if there is none. */
    CardTerminals terminals() throws CardException;

    /** Drops the current context (if any); the next {@link #terminals()} makes a new one. */
    void reset();

    /** True when {@code e} means the service itself is gone (not just a card or reader). */
    default boolean isServiceLost(CardException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PcscException p && p.isServiceLost()) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("SCARD_E_NO_SERVICE") || m.contains("SCARD_E_SERVICE_STOPPED")
                    || m.contains("SCARD_E_INVALID_HANDLE"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The PC/SC service through the JNA binding of libpcsclite (winscard.dll on Windows): recovers from a
     * restarted pcscd or a stopped Windows smart-card service.
     */
    static TerminalSource pcsc() {
        return new TerminalSource() {
            private JnaCardTerminals current;

            @Override
            public CardTerminals terminals() throws CardException {
                if (current == null) {
                    current = JnaCardTerminals.establish();
                }
                return current;
            }

            @Override
            public void reset() {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }

            @Override
            public String toString() {
                return "PC/SC (" + JnaCardTerminals.library() + " via JNA)";
            }
        };
    }

    /**
     * A fixed factory: the in-JVM emulator ({@code MadoguchiSim}) or the JDK's own provider. A factory
     * of type "None" (what the JDK returns when pcscd is down) counts as a lost service.
     */
    static TerminalSource of(TerminalFactory factory) {
        return new TerminalSource() {
            @Override
            public CardTerminals terminals() throws CardException {
                if ("None".equals(factory.getType())) {
                    throw new CardException("SCARD_E_NO_SERVICE: the terminal factory is of type None");
                }
                return factory.terminals();
            }

            @Override
            public void reset() {
                // A fixed factory has no context of ours to drop.
            }

            @Override
            public String toString() {
                return "TerminalFactory " + factory.getType();
            }
        };
    }
}
