package jp.madoguchi.sim.card.vpcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import jp.madoguchi.sim.card.Card;
import jp.madoguchi.sim.card.CardRandom;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.Hex;
import jp.madoguchi.sim.card.ProfileGenerator;
import jp.madoguchi.sim.card.ProfileStore;
import org.junit.jupiter.api.Test;

/**
 * The vpcd wire protocol of card-spec.md §8.1 against a scripted vpcd (a local server socket playing
 * pcscd's side, byte for byte as vpcd sends: length and payload as two writes): framing, control
 * bytes, volatile state cleared by power-off/reset, reconnection after the listener goes away.
 */
class VpcdWireTest {
    private static final String JPKI = "00A4040C0AD392F000260100000001";

    private static void send(OutputStream out, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >> 8), (byte) payload.length});
        out.flush();
        out.write(payload);
        out.flush();
    }

    private static String receive(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        byte[] b = new byte[n];
        in.readFully(b);
        return Hex.of(b);
    }

    @Test
    void framingControlBytesResetAndReconnect() throws Exception {
        ProfileGenerator.Options o = new ProfileGenerator.Options();
        o.seed = 3;
        o.pinsPreset = true;
        o.lifeCycle = jp.madoguchi.sim.card.LifeCycle.OPERATIONAL;
        Card card = new Card(ProfileGenerator.generate(o), ProfileStore.inMemory(), CardRandom.secure());
        try (ServerSocket vpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            VpcdCard client = new VpcdCard(new CardSlot(card, Faults.none()), "127.0.0.1", vpcd.getLocalPort());
            Thread t = new Thread(client, "vpcd-card-test");
            t.start();
            try (Socket s = vpcd.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                send(out, new byte[] {0x01});
                send(out, new byte[] {0x04});
                assertThat(receive(in)).isEqualTo("3BE000FF8131FE4514");
                send(out, new byte[] {0x07});
                send(out, Hex.parse(JPKI));
                assertThat(receive(in)).isEqualTo("9000");
                send(out, Hex.parse("002000980431323334"));
                assertThat(receive(in)).isEqualTo("9000");
                send(out, Hex.parse("00A4020C020017"));
                assertThat(receive(in)).isEqualTo("9000");
                send(out, new byte[] {0x02});
                send(out, Hex.parse("00A4020C020017"));
                assertThat(receive(in)).as("reset returned the card to the ISD").isEqualTo("6A82");
                send(out, Hex.parse(JPKI));
                assertThat(receive(in)).isEqualTo("9000");
                send(out, Hex.parse("00200098"));
                assertThat(receive(in)).isEqualTo("63C3");
                send(out, Hex.parse("802A009733" + "3031300D060960864801650304020105000420" + "00".repeat(32) + "00"));
                assertThat(receive(in)).as("reset cleared the verified flag").isEqualTo("6982");
                assertThat(client.connected()).isTrue();
            }
            try (Socket s = vpcd.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                send(out, new byte[] {0x04});
                assertThat(receive(in)).as("the card came back after the listener dropped it")
                        .isEqualTo("3BE000FF8131FE4514");
                send(out, Hex.parse("00A4020C020017"));
                assertThat(receive(in)).as("socket loss cleared the selection").isEqualTo("6A82");
                client.remove();
                assertThat(s.getInputStream().read()).as("removal closes the socket").isEqualTo(-1);
            }
            t.join(5000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(Arrays.equals(card.atr(), Card.ATR)).isTrue();
    }
}
