package jp.madoguchi.card.pcsc;

import com.sun.jna.FunctionMapper;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.ByReference;
import java.util.Map;
import java.util.Set;

/**
 * The few PC/SC functions the card layer needs, bound with JNA to libpcsclite on Linux and to
 * winscard.dll on Windows. The two share the API but not the ABI, and {@link Abi} holds every
 * difference:
 * <ul>
 *   <li>pcsc-lite's DWORD and LONG are C {@code unsigned long}/{@code long} (8 bytes on 64-bit Linux) and
 *       SCARDCONTEXT/SCARDHANDLE are LONG; Windows' DWORD and LONG are 4 bytes on every architecture
 *       and SCARDCONTEXT/SCARDHANDLE are ULONG_PTR (pointer-sized);</li>
 *   <li>Windows exports the functions that take strings twice ({@code SCardConnectA}/{@code W}): we
 *       bind the ANSI ones, reader names being ASCII in practice;</li>
 *   <li>SCARD_READERSTATE ends in a 36-byte ATR buffer on Windows, 33 on pcsc-lite.</li>
 * </ul>
 * The constants and return codes are the same on both. SCardTransmit and SCardBeginTransaction, the
 * calls on a read's path, are not here but in {@link DirectTransmit} (direct mapping, per-ABI signature).
 */
interface PcscLibrary extends Library {

    PcscLibrary INSTANCE = Abi.CURRENT.load();

    int SCARD_SCOPE_SYSTEM = 2;
    int SCARD_SHARE_EXCLUSIVE = 1;
    int SCARD_SHARE_SHARED = 2;
    int SCARD_PROTOCOL_T0 = 1;
    int SCARD_PROTOCOL_T1 = 2;
    int SCARD_LEAVE_CARD = 0;
    int SCARD_RESET_CARD = 1;
    int SCARD_STATE_UNAWARE = 0;
    int SCARD_STATE_PRESENT = 0x20;
    int SCARD_STATE_MUTE = 0x200;
    int SCARD_STATE_EXCLUSIVE = 0x80;

    Dword SCardEstablishContext(Dword scope, Pointer reserved1, Pointer reserved2, HandleByReference context);

    Dword SCardReleaseContext(Handle context);

    Dword SCardIsValidContext(Handle context);

    Dword SCardListReaders(Handle context, Pointer groups, byte[] readers, DwordByReference length);

    Dword SCardGetStatusChange(Handle context, Dword timeout, ReaderState[] states, Dword count);

    Dword SCardConnect(Handle context, String reader, Dword shareMode, Dword protocols,
                       HandleByReference card, DwordByReference activeProtocol);

    Dword SCardDisconnect(Handle card, Dword disposition);

    Dword SCardReconnect(Handle card, Dword shareMode, Dword preferredProtocols, Dword initialization,
                         DwordByReference activeProtocol);

    Dword SCardEndTransaction(Handle card, Dword disposition);

    Dword SCardStatus(Handle card, byte[] readerName, DwordByReference readerLength,
                      DwordByReference state, DwordByReference protocol, byte[] atr, DwordByReference atrLength);

    /** The platform's PC/SC ABI: library, sizes and exported names. Chosen once, by the running OS. */
    enum Abi {
        PCSC_LITE("pcsclite", NativeLong.SIZE, NativeLong.SIZE, 33, ""),
        WINSCARD("winscard", 4, Native.POINTER_SIZE, 36, "A");

        static final Abi CURRENT = Platform.isWindows() ? WINSCARD : PCSC_LITE;

        /** The functions Windows exports as ANSI/Unicode pairs. */
        private static final Set<String> STRING_FUNCTIONS =
                Set.of("SCardListReaders", "SCardGetStatusChange", "SCardConnect", "SCardStatus");

        final String library;
        final int dwordSize;
        final int handleSize;
        final int maxAtrSize;
        private final String stringSuffix;

        Abi(String library, int dwordSize, int handleSize, int maxAtrSize, String stringSuffix) {
            this.library = library;
            this.dwordSize = dwordSize;
            this.handleSize = handleSize;
            this.maxAtrSize = maxAtrSize;
            this.stringSuffix = stringSuffix;
        }

        /** The exported symbol of {@code method} (e.g. SCardConnect → SCardConnectA on Windows). */
        String symbol(String method) {
            return STRING_FUNCTIONS.contains(method) ? method + stringSuffix : method;
        }

        /**
         * The library to load: {@link #library}, or what {@code -Dmadoguchi.pcsclite=…} names (another
         * build of it: tests, odd installs). Both bindings ({@link #load}, {@link DirectTransmit}) use it.
         */
        String libraryName() {
            return System.getProperty("madoguchi.pcsclite", library);
        }

        /** Loads the interface-mapped binding of every function but SCardTransmit's hot path. */
        PcscLibrary load() {
            FunctionMapper mapper = (library, method) -> symbol(method.getName());
            return Native.load(libraryName(), PcscLibrary.class, Map.of(Library.OPTION_FUNCTION_MAPPER, mapper));
        }
    }

    /** DWORD, and LONG for return codes (read unsigned: the codes are 0x8010xxxx). */
    final class Dword extends IntegerType {
        static final int SIZE = Abi.CURRENT.dwordSize;

        public Dword() {
            this(0);
        }

        public Dword(long value) {
            super(SIZE, value, true);
        }
    }

    /** SCARDCONTEXT and SCARDHANDLE. */
    final class Handle extends IntegerType {
        static final int SIZE = Abi.CURRENT.handleSize;

        public Handle() {
            this(0);
        }

        public Handle(long value) {
            super(SIZE, value, true);
        }
    }

    /** LPDWORD. */
    final class DwordByReference extends ByReference {
        public DwordByReference() {
            this(0);
        }

        public DwordByReference(long value) {
            super(Dword.SIZE);
            if (Dword.SIZE == 4) {
                getPointer().setInt(0, (int) value);
            } else {
                getPointer().setLong(0, value);
            }
        }

        public long getValue() {
            return Dword.SIZE == 4 ? getPointer().getInt(0) & 0xFFFFFFFFL : getPointer().getLong(0);
        }
    }

    /** LPSCARDCONTEXT and LPSCARDHANDLE. */
    final class HandleByReference extends ByReference {
        public HandleByReference() {
            super(Handle.SIZE);
            getPointer().clear(Handle.SIZE);
        }

        public Handle getValue() {
            return new Handle(Handle.SIZE == 4 ? getPointer().getInt(0) & 0xFFFFFFFFL : getPointer().getLong(0));
        }
    }

    /** SCARD_READERSTATE (SCARD_READERSTATEA on Windows). */
    @Structure.FieldOrder({"szReader", "pvUserData", "dwCurrentState", "dwEventState", "cbAtr", "rgbAtr"})
    class ReaderState extends Structure {
        public String szReader;
        public Pointer pvUserData;
        public Dword dwCurrentState = new Dword(0);
        public Dword dwEventState = new Dword(0);
        public Dword cbAtr = new Dword(0);
        public byte[] rgbAtr = new byte[Abi.CURRENT.maxAtrSize];
    }
}
