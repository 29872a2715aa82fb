package jp.madoguchi.sim.card.provider;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * The basic channel. Like SunPCSC it collects 61xx answers with GET RESPONSE ({@code <CLA> C0 00 00 xx})
 * and repeats a command answered 6Cxx with Le = xx, so callers see one complete answer.
 */
final class SimChannel extends CardChannel {
    private final SimCard card;

    SimChannel(SimCard card) {
        this.card = card;
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        return 0;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardException {
        return new ResponseAPDU(exchange(command.getBytes()));
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
        byte[] c = new byte[command.remaining()];
        command.get(c);
        byte[] r = exchange(c);
        if (response.remaining() < r.length) {
            throw new IllegalArgumentException("response buffer too small for " + r.length + " bytes");
        }
        response.put(r);
        return r.length;
    }

    private byte[] exchange(byte[] apdu) throws CardException {
        if (apdu.length < 4) {
            throw new IllegalArgumentException("an APDU needs at least 4 bytes");
        }
        byte[] answer = card.exchange(apdu);
        if (answer.length == 2 && answer[0] == 0x6C) {
            byte[] again = Arrays.copyOf(apdu, apdu.length);
            again[again.length - 1] = answer[1];
            answer = card.exchange(again);
        }
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        while (answer.length >= 2 && answer[answer.length - 2] == 0x61) {
            collected.write(answer, 0, answer.length - 2);
            answer = card.exchange(new byte[] {apdu[0], (byte) 0xC0, 0, 0, answer[answer.length - 1]});
        }
        collected.writeBytes(answer);
        return collected.toByteArray();
    }

    @Override
    public void close() throws CardException {
        throw new IllegalStateException("the basic channel cannot be closed");
    }
}
