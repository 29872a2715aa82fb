package jp.madoguchi.card.pcsc;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The few libpcsclite functions the card layer needs, bound with JNA. On pcsc-lite (Linux) DWORD and
 * LONG are C {@code unsigned long}/{@code long}, hence {@link NativeLong} throughout; SCARDCONTEXT and
 * SCARDHANDLE are LONG too.
 */
interface PcscLibrary extends Library {

    PcscLibrary INSTANCE = Native.load(System.getProperty("madoguchi.pcsclite", "pcsclite"), PcscLibrary.class);

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

    NativeLong SCardEstablishContext(NativeLong scope, Pointer reserved1, Pointer reserved2, NativeLongByReference context);

    NativeLong SCardReleaseContext(NativeLong context);

    NativeLong SCardIsValidContext(NativeLong context);

    NativeLong SCardListReaders(NativeLong context, Pointer groups, byte[] readers, NativeLongByReference length);

    NativeLong SCardGetStatusChange(NativeLong context, NativeLong timeout, ReaderState[] states, NativeLong count);

    NativeLong SCardConnect(NativeLong context, String reader, NativeLong shareMode, NativeLong protocols,
                            NativeLongByReference card, NativeLongByReference activeProtocol);

    NativeLong SCardDisconnect(NativeLong card, NativeLong disposition);

    NativeLong SCardBeginTransaction(NativeLong card);

    NativeLong SCardEndTransaction(NativeLong card, NativeLong disposition);

    NativeLong SCardTransmit(NativeLong card, IoRequest sendPci, byte[] send, NativeLong sendLength,
                             Pointer recvPci, byte[] recv, NativeLongByReference recvLength);

    NativeLong SCardStatus(NativeLong card, byte[] readerName, NativeLongByReference readerLength,
                           NativeLongByReference state, NativeLongByReference protocol, byte[] atr,
                           NativeLongByReference atrLength);

    /** SCARD_IO_REQUEST. */
    @Structure.FieldOrder({"dwProtocol", "cbPciLength"})
    class IoRequest extends Structure {
        public NativeLong dwProtocol;
        public NativeLong cbPciLength;

        IoRequest(int protocol) {
            dwProtocol = new NativeLong(protocol);
            cbPciLength = new NativeLong(2L * NativeLong.SIZE);
        }
    }

    /** SCARD_READERSTATE (MAX_ATR_SIZE 33 on pcsc-lite). */
    @Structure.FieldOrder({"szReader", "pvUserData", "dwCurrentState", "dwEventState", "cbAtr", "rgbAtr"})
    class ReaderState extends Structure {
        public String szReader;
        public Pointer pvUserData;
        public NativeLong dwCurrentState = new NativeLong(0);
        public NativeLong dwEventState = new NativeLong(0);
        public NativeLong cbAtr = new NativeLong(0);
        public byte[] rgbAtr = new byte[33];
    }
}
