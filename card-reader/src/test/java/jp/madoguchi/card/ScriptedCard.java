package jp.madoguchi.card;

import java.nio.ByteBuffer;
import java.util.function.Function;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A card whose answers come from a function: only for feeding the parsers malformed answers that the
 * emulator (which follows the spec) never gives. Everything else runs against the emulator.
 */
final class ScriptedCard extends Card {

    private final Function<CommandAPDU, byte[]> answers;
    int transmits;

    ScriptedCard(Function<CommandAPDU, byte[]> answers) {
        this.answers = answers;
    }

    @Override
    public ATR getATR() {
        return new ATR(new byte[] {0x3B, 0x00});
    }

    @Override
    public String getProtocol() {
        return "T=1";
    }

    @Override
    public CardChannel getBasicChannel() {
        return new CardChannel() {
            @Override
            public Card getCard() {
                return ScriptedCard.this;
            }

            @Override
            public int getChannelNumber() {
                return 0;
            }

            @Override
            public ResponseAPDU transmit(CommandAPDU command) {
                transmits++;
                return new ResponseAPDU(answers.apply(command));
            }

            @Override
            public int transmit(ByteBuffer command, ByteBuffer response) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                throw new IllegalStateException();
            }
        };
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        throw new CardException("no");
    }

    @Override
    public void beginExclusive() {
        // Nothing to lock.
    }

    @Override
    public void endExclusive() {
        // Nothing to unlock.
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        throw new CardException("no");
    }

    @Override
    public void disconnect(boolean reset) {
        // Nothing to release.
    }
}
