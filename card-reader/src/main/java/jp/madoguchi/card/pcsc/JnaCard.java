package jp.madoguchi.card.pcsc;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A card connection of the JNA provider. Like SunPCSC it collects 61xx with GET RESPONSE and repeats a
 * command after 6Cxx, so callers see the same behaviour on either provider.
 *
 * <p>Card thread only: the card thread owns every PC/SC call of the application ({@code CardMonitor}),
 * and a CLI uses a connection from its one thread. {@link #transmitRaw} relies on it: the native
 * receive buffer and length are this connection's and reused by every transmit without locking.
 */
final class JnaCard extends Card implements ReusableCard {

    /** Collected answer (after GET RESPONSE rounds): at most 64 KiB + SW. */
    private static final int MAX_RESPONSE = 65538;
    /** One short-APDU answer: 256 data bytes + SW. */
    private static final int MAX_RAW_RESPONSE = 258;

    private final JnaCardTerminals context;
    private final PcscLibrary.Handle handle;
    /** The same SCARDHANDLE as a pointer-sized argument of {@link DirectTransmit}. */
    private final Pointer directHandle;
    private int protocol;
    private final Channel basic = new Channel();
    /** The native send PCI of every transmit: fixed by the protocol, so made again only when a reconnect changes it. */
    private Memory sendPci;
    /** Where pcscd writes each answer: native, reused by every transmit (card thread only). */
    private final Memory received = new Memory(MAX_RAW_RESPONSE);
    /** The DWORD receive length of every transmit: capacity in, answer length out. */
    private final Memory receivedLength = DirectTransmit.dword();
    private boolean disconnected;

    JnaCard(JnaCardTerminals context, PcscLibrary.Handle handle, int protocol) {
        this.context = context;
        this.handle = handle;
        this.directHandle = new Pointer(handle.longValue());
        this.protocol = protocol;
        this.sendPci = DirectTransmit.sendPci(protocol);
    }

    @Override
    public ATR getATR() {
        byte[] atr = new byte[PcscLibrary.Abi.CURRENT.maxAtrSize];
        PcscLibrary.DwordByReference atrLength = new PcscLibrary.DwordByReference(atr.length);
        PcscLibrary.DwordByReference nameLength = new PcscLibrary.DwordByReference(0);
        long rc = JnaCardTerminals.code(context.lib().SCardStatus(handle, null, nameLength,
                new PcscLibrary.DwordByReference(), new PcscLibrary.DwordByReference(), atr, atrLength));
        if (rc != PcscError.SUCCESS) {
            return new ATR(new byte[0]);
        }
        return new ATR(Arrays.copyOf(atr, (int) atrLength.getValue()));
    }

    @Override
    public String getProtocol() {
        return protocol == PcscLibrary.SCARD_PROTOCOL_T0 ? "T=0" : "T=1";
    }

    @Override
    public CardChannel getBasicChannel() {
        return basic;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        throw new CardException("logical channels are not used (card-spec §1.2)");
    }

    @Override
    public void beginExclusive() throws CardException {
        fail("SCardBeginTransaction", DirectTransmit.beginTransaction(directHandle));
    }

    @Override
    public void endExclusive() throws CardException {
        fail("SCardEndTransaction", context.lib().SCardEndTransaction(handle, new PcscLibrary.Dword(PcscLibrary.SCARD_LEAVE_CARD)));
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        throw new CardException("control commands are not used");
    }

    @Override
    public void disconnect(boolean reset) throws CardException {
        if (disconnected) {
            return;
        }
        disconnected = true;
        fail("SCardDisconnect", context.lib().SCardDisconnect(handle,
                new PcscLibrary.Dword(reset ? PcscLibrary.SCARD_RESET_CARD : PcscLibrary.SCARD_LEAVE_CARD)));
    }

    @Override
    public Handle beginTransaction() {
        if (disconnected) {
            return Handle.GONE;
        }
        long rc = DirectTransmit.beginTransaction(directHandle);
        if (rc == PcscError.SUCCESS) {
            return Handle.READY;
        }
        return rc == PcscError.W_RESET_CARD ? Handle.RESET : Handle.GONE;
    }

    @Override
    public void reconnect(boolean reset) throws CardException {
        if (disconnected) {
            throw new IllegalStateException("card has been disconnected");
        }
        PcscLibrary.DwordByReference active = new PcscLibrary.DwordByReference();
        fail("SCardReconnect", context.lib().SCardReconnect(handle, new PcscLibrary.Dword(PcscLibrary.SCARD_SHARE_SHARED),
                new PcscLibrary.Dword(PcscLibrary.SCARD_PROTOCOL_T0 | PcscLibrary.SCARD_PROTOCOL_T1),
                new PcscLibrary.Dword(reset ? PcscLibrary.SCARD_RESET_CARD : PcscLibrary.SCARD_LEAVE_CARD), active));
        int now = (int) active.getValue();
        if (now != protocol) {
            protocol = now;
            sendPci = DirectTransmit.sendPci(now);
        }
    }

    private void fail(String call, PcscLibrary.Dword rc) throws CardException {
        fail(call, JnaCardTerminals.code(rc));
    }

    private static void fail(String call, long code) throws CardException {
        if (code == PcscError.SUCCESS) {
            return;
        }
        if (PcscError.cardGone(code)) {
            throw new CardNotPresentException(call + " failed: " + PcscError.name(code));
        }
        throw new PcscException(call, code);
    }

    private byte[] transmitRaw(byte[] command) throws CardException {
        if (disconnected) {
            throw new IllegalStateException("card has been disconnected");
        }
        DirectTransmit.setDword(receivedLength, 0, MAX_RAW_RESPONSE);
        fail("SCardTransmit", DirectTransmit.transmit(directHandle, sendPci, command, command.length,
                received, receivedLength));
        long n = DirectTransmit.getDword(receivedLength, 0);
        if (n < 2) {
            throw new CardNotPresentException("SCardTransmit returned " + n + " bytes: the card is gone");
        }
        if (n > MAX_RAW_RESPONSE) {
            throw new PcscException("SCardTransmit", PcscError.E_INSUFFICIENT_BUFFER);
        }
        return received.getByteArray(0, (int) n);
    }

    private final class Channel extends CardChannel {

        @Override
        public Card getCard() {
            return JnaCard.this;
        }

        @Override
        public int getChannelNumber() {
            return 0;
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            byte[] apdu = command.getBytes();
            byte[] response = transmitRaw(apdu);
            int sw1 = response[response.length - 2] & 0xFF;
            if (sw1 == 0x6C && apdu.length >= 4) {
                byte[] again = Arrays.copyOf(apdu, apdu.length);
                again[again.length - 1] = response[response.length - 1];
                response = transmitRaw(again);
            }
            if ((response[response.length - 2] & 0xFF) != 0x61) {
                return new ResponseAPDU(response);
            }
            ByteBuffer collected = ByteBuffer.allocate(MAX_RESPONSE);
            // Bounded: at most 256 GET RESPONSE rounds (64 KiB).
            for (int round = 0; round < 256; round++) {
                sw1 = response[response.length - 2] & 0xFF;
                if (sw1 != 0x61 || collected.remaining() < response.length + 256) {
                    break;
                }
                collected.put(response, 0, response.length - 2);
                int le = response[response.length - 1] & 0xFF;
                response = transmitRaw(new byte[] {apdu[0], (byte) 0xC0, 0x00, 0x00, (byte) le});
            }
            collected.put(response);
            return new ResponseAPDU(Arrays.copyOf(collected.array(), collected.position()));
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
            byte[] apdu = new byte[command.remaining()];
            command.get(apdu);
            byte[] answer = transmit(new CommandAPDU(apdu)).getBytes();
            response.put(answer);
            return answer.length;
        }

        @Override
        public void close() throws CardException {
            throw new IllegalStateException("the basic channel cannot be closed");
        }
    }
}
