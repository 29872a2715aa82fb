package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;

/** Raw APDU exchanges with assertions, over any javax.smartcardio channel (SunPCSC or MadoguchiSim). */
final class ApduSession {
    static final String JPKI = "00A4040C0AD392F000260100000001";
    static final String TEXT = "00A4040C0AD3921000310001010408";
    static final String FACE = "00A4040C0AD3921000310001010402";
    static final String JUKI = "00A4040C0AD3921000310001010401";
    static final String COMMON = "00A4040C0AD3921000310001010100";
    static final String DIGEST_ABC =
            "3031300D060960864801650304020105000420BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";

    private final CardChannel channel;
    private final byte[] cardKey;

    ApduSession(CardChannel channel, byte[] cardKey) {
        this.channel = channel;
        this.cardKey = cardKey;
    }

    byte[] send(String hex) throws CardException {
        byte[] apdu = Hex.parse(hex);
        ByteBuffer response = ByteBuffer.allocate(4096);
        int n = channel.transmit(ByteBuffer.wrap(apdu), response);
        return Arrays.copyOf(response.array(), n);
    }

    /** Sends and asserts the whole answer (data + SW) in hex. */
    void expect(String apdu, String answer) throws CardException {
        assertThat(Hex.of(send(apdu))).as(apdu).isEqualTo(answer);
    }

    /** Sends and asserts the status word; returns the data. */
    byte[] expectSw(String apdu, String sw) throws CardException {
        byte[] r = send(apdu);
        assertThat(Hex.of(Arrays.copyOfRange(r, r.length - 2, r.length))).as(apdu).isEqualTo(sw);
        return Arrays.copyOf(r, r.length - 2);
    }

    /** GET CHALLENGE + EXTERNAL AUTHENTICATE with the card key, in the JPKI AP; checks the card's MAC. */
    void authenticate() throws CardException {
        expectSw(JPKI, "9000");
        byte[] nc = expectSw("0084000010", "9000");
        byte[] nt = new byte[16];
        new java.security.SecureRandom().nextBytes(nt);
        byte[] mac = Cmac.compute(cardKey, Tlv.concat(nc, nt));
        byte[] answer = expectSw("0082000120" + Hex.of(nt) + Hex.of(mac) + "10", "9000");
        assertThat(answer).isEqualTo(Cmac.compute(cardKey, Tlv.concat(nt, nc)));
    }

    static String ascii(String s) {
        return Hex.of(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static String lc(String dataHex) {
        return String.format("%02X", dataHex.length() / 2) + dataHex;
    }
}
