package jp.madoguchi.card.pcsc;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * SCardTransmit, the call a card read makes 28 times, and SCardBeginTransaction, the first call of every
 * job on a kept handle (before its first APDU), bound by JNA direct mapping instead of through
 * {@link PcscLibrary}'s interface mapping: a {@code static native} method with primitive, byte[] and
 * {@link Pointer} arguments goes from Java to C through one JNI stub, without the interface mapping's
 * proxy, reflective dispatch and per-call conversion of IntegerType, ByReference and Structure
 * arguments (measured: about a fifth of the card thread's samples).
 *
 * <p>The signature depends on the {@link PcscLibrary.Abi}, so there are two bindings and only the
 * one that fits the running platform is ever registered (each nested class binds the library when it
 * is first used):
 * <ul>
 *   <li>{@link Wide}: DWORD and LONG are 8 bytes (pcsc-lite on 64-bit Linux, where they are C
 *       {@code unsigned long}/{@code long});</li>
 *   <li>{@link Narrow}: DWORD and LONG are 4 bytes (winscard on every architecture; pcsc-lite on
 *       32-bit Linux).</li>
 * </ul>
 * SCARDHANDLE is pointer-sized on every ABI we bind (pcsc-lite's LONG on LP64 and ILP32, Windows'
 * ULONG_PTR), so it travels as a {@link Pointer} made once per connection. The library is the one
 * {@link PcscLibrary.Abi#libraryName()} names, so {@code -Dmadoguchi.pcsclite=} applies here too.
 *
 * <p>Stateless and thread-safe itself; the buffers passed in belong to the caller.
 */
final class DirectTransmit {

    /** True where DWORD is 8 bytes; a constant, so the JIT keeps only one branch of {@link #transmit}. */
    private static final boolean WIDE = PcscLibrary.Abi.CURRENT.dwordSize == 8;

    private DirectTransmit() {
    }

    /**
     * Calls SCardTransmit with no receive PCI; {@code recvLength} holds a DWORD: the capacity of
     * {@code recv} on the way in, the answer's length on the way out. Returns the unsigned return code.
     */
    static long transmit(Pointer card, Pointer sendPci, byte[] send, int sendLength, Pointer recv, Pointer recvLength) {
        if (WIDE) {
            return Wide.SCardTransmit(card, sendPci, send, sendLength, null, recv, recvLength) & 0xFFFFFFFFL;
        }
        return Narrow.SCardTransmit(card, sendPci, send, sendLength, null, recv, recvLength) & 0xFFFFFFFFL;
    }

    /** Calls SCardBeginTransaction; returns the unsigned return code. */
    static long beginTransaction(Pointer card) {
        if (WIDE) {
            return Wide.SCardBeginTransaction(card) & 0xFFFFFFFFL;
        }
        return Narrow.SCardBeginTransaction(card) & 0xFFFFFFFFL;
    }

    /** A native SCARD_IO_REQUEST {dwProtocol, cbPciLength} for {@code protocol}: two DWORDs. */
    static Memory sendPci(int protocol) {
        Memory pci = new Memory(2L * PcscLibrary.Abi.CURRENT.dwordSize);
        setDword(pci, 0, protocol);
        setDword(pci, PcscLibrary.Abi.CURRENT.dwordSize, pci.size());
        return pci;
    }

    /** Native memory for one DWORD. */
    static Memory dword() {
        return new Memory(PcscLibrary.Abi.CURRENT.dwordSize);
    }

    static void setDword(Pointer p, long offset, long value) {
        if (WIDE) {
            p.setLong(offset, value);
        } else {
            p.setInt(offset, (int) value);
        }
    }

    /** Reads a DWORD, unsigned. */
    static long getDword(Pointer p, long offset) {
        return WIDE ? p.getLong(offset) : p.getInt(offset) & 0xFFFFFFFFL;
    }

    /** DWORD and LONG as 8-byte {@code long}. */
    static final class Wide {
        static {
            Native.register(Wide.class, PcscLibrary.Abi.CURRENT.libraryName());
        }

        private Wide() {
        }

        static native long SCardTransmit(Pointer card, Pointer sendPci, byte[] send, long sendLength,
                                         Pointer recvPci, Pointer recv, Pointer recvLength);

        static native long SCardBeginTransaction(Pointer card);
    }

    /** DWORD and LONG as 4-byte {@code int}. */
    static final class Narrow {
        static {
            Native.register(Narrow.class, PcscLibrary.Abi.CURRENT.libraryName());
        }

        private Narrow() {
        }

        static native int SCardTransmit(Pointer card, Pointer sendPci, byte[] send, int sendLength,
                                        Pointer recvPci, Pointer recv, Pointer recvLength);

        static native int SCardBeginTransaction(Pointer card);
    }
}
