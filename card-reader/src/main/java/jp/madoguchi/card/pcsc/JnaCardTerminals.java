package jp.madoguchi.card.pcsc;

import com.sun.jna.Native;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * A javax.smartcardio view of one PC/SC context (pcsc-lite or winscard), bound through JNA. Unlike the JDK's provider,
 * whose context dies with pcscd for the life of the JVM (card-spec §8.3), a new instance establishes
 * a fresh context, so the card thread recovers from a restarted service by creating another one.
 *
 * <p>Not thread-safe: the card thread is its only user.
 */
public final class JnaCardTerminals extends CardTerminals implements AutoCloseable {

    /**
     * The encoding of reader names: UTF-8 on pcsc-lite; the ANSI functions of winscard use the system's
     * code page, which is also what JNA uses for the names we pass back.
     */
    private static final Charset READER_NAMES = Charset.forName(Native.getDefaultStringEncoding());

    private final PcscLibrary lib;
    private final PcscLibrary.Handle context;
    private boolean closed;

    private JnaCardTerminals(PcscLibrary lib, PcscLibrary.Handle context) {
        this.lib = lib;
        this.context = context;
    }

    /** Establishes a new context; throws {@link PcscException} (SCARD_E_NO_SERVICE) if pcscd is down. */
    public static JnaCardTerminals establish() throws CardException {
        PcscLibrary lib;
        try {
            lib = PcscLibrary.INSTANCE;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new CardException(PcscLibrary.Abi.CURRENT.library + " not found", e);
        }
        PcscLibrary.HandleByReference ref = new PcscLibrary.HandleByReference();
        long rc = code(lib.SCardEstablishContext(new PcscLibrary.Dword(PcscLibrary.SCARD_SCOPE_SYSTEM), null, null, ref));
        if (rc != PcscError.SUCCESS) {
            throw new PcscException("SCardEstablishContext", rc);
        }
        return new JnaCardTerminals(lib, ref.getValue());
    }

    /** The PC/SC library this platform binds ("pcsclite" or "winscard"). */
    public static String library() {
        return PcscLibrary.Abi.CURRENT.library;
    }

    static long code(PcscLibrary.Dword rc) {
        return rc.longValue() & 0xFFFFFFFFL;
    }

    PcscLibrary lib() {
        return lib;
    }

    PcscLibrary.Handle context() {
        return context;
    }

    void check(String call, PcscLibrary.Dword rc) throws PcscException {
        long code = code(rc);
        if (code != PcscError.SUCCESS) {
            throw new PcscException(call, code);
        }
    }

    @Override
    public List<CardTerminal> list(State state) throws CardException {
        if (closed) {
            throw new PcscException("SCardListReaders", PcscError.E_INVALID_HANDLE);
        }
        PcscLibrary.DwordByReference length = new PcscLibrary.DwordByReference();
        long rc = code(lib.SCardListReaders(context, null, null, length));
        if (rc == PcscError.E_NO_READERS_AVAILABLE) {
            return List.of();
        }
        if (rc != PcscError.SUCCESS) {
            throw new PcscException("SCardListReaders", rc);
        }
        byte[] buffer = new byte[(int) Math.min(length.getValue(), 65536)];
        rc = code(lib.SCardListReaders(context, null, buffer, length));
        if (rc == PcscError.E_NO_READERS_AVAILABLE) {
            return List.of();
        }
        if (rc != PcscError.SUCCESS) {
            throw new PcscException("SCardListReaders", rc);
        }
        List<CardTerminal> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < buffer.length; i++) {
            if (buffer[i] == 0) {
                if (i == start) {
                    break;
                }
                JnaCardTerminal terminal = new JnaCardTerminal(this, new String(buffer, start, i - start, READER_NAMES));
                if (state == State.ALL || wantsPresent(state) == terminal.isCardPresent()) {
                    result.add(terminal);
                }
                start = i + 1;
            }
        }
        return result;
    }

    /**
     * CARD_INSERTION and CARD_REMOVAL are approximated by present and absent: this provider keeps no
     * history between calls (the card thread compares polls itself).
     */
    private static boolean wantsPresent(State state) {
        return state == State.CARD_PRESENT || state == State.CARD_INSERTION;
    }

    /** Polling is the card thread's job; this waits for any change with pcsc-lite's status call. */
    @Override
    public boolean waitForChange(long timeout) throws CardException {
        List<CardTerminal> terminals = list();
        if (terminals.isEmpty()) {
            return false;
        }
        PcscLibrary.ReaderState[] states =
                (PcscLibrary.ReaderState[]) new PcscLibrary.ReaderState().toArray(terminals.size());
        for (int i = 0; i < states.length; i++) {
            states[i].szReader = terminals.get(i).getName();
        }
        lib.SCardGetStatusChange(context, new PcscLibrary.Dword(0), states, new PcscLibrary.Dword(states.length));
        for (PcscLibrary.ReaderState s : states) {
            s.dwCurrentState = s.dwEventState;
        }
        long rc = code(lib.SCardGetStatusChange(context, new PcscLibrary.Dword(timeout == 0 ? 0xFFFFFFFFL : timeout),
                states, new PcscLibrary.Dword(states.length)));
        if (rc == PcscError.E_TIMEOUT) {
            return false;
        }
        if (rc != PcscError.SUCCESS) {
            throw new PcscException("SCardGetStatusChange", rc);
        }
        return true;
    }

    /** Releases the context; safe to call twice and after pcscd died. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lib.SCardReleaseContext(context);
        }
    }
}
