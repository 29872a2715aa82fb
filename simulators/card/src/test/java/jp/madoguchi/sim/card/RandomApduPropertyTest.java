package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random APDUs (any CLA/INS/P1/P2/length, mixed with real commands so deep states are reached) never
 * crash the card, always get a status word, never the internal-error 6F00, and every profile the card
 * stores stays loadable and consistent (each certificate matches its key, counters in range).
 */
class RandomApduPropertyTest {
    private static final String[] REAL = {
        ApduSession.JPKI, ApduSession.TEXT, ApduSession.FACE, ApduSession.JUKI, ApduSession.COMMON,
        "00A4020C020018", "00A4020C02001B", "00A4020C020001", "00A4020C02000A", "00A4020C020017", "0084000010",
        "00200098", "002000980431323334", "0020009B085445535432303235", "00B0000000", "00C000000E",
        "0047800002001A00", "0047800002001700", "00440000", "80E80001", "002C02980439393939", "00CA010100",
    };

    @Provide
    Arbitrary<byte[]> apdus() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
        Arbitrary<byte[]> shaped = Combinators.combine(
                Arbitraries.of((byte) 0x00, (byte) 0x80, (byte) 0x08, (byte) 0x01, (byte) 0x40, (byte) 0xA0),
                Arbitraries.bytes(), Arbitraries.bytes(), Arbitraries.bytes(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(260),
                Arbitraries.integers().between(-1, 255))
                .as((cla, ins, p1, p2, data, le) -> {
                    List<Byte> out = new ArrayList<>(List.of(cla, ins, p1, p2));
                    if (data.length > 0) {
                        out.add((byte) Math.min(data.length, 255));
                        for (int i = 0; i < Math.min(data.length, 255); i++) {
                            out.add(data[i]);
                        }
                    }
                    if (le >= 0) {
                        out.add((byte) (int) le);
                    }
                    byte[] b = new byte[out.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = out.get(i);
                    }
                    return b;
                });
        Arbitrary<byte[]> real = Arbitraries.of(REAL).map(Hex::parse);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, raw), net.jqwik.api.Tuple.of(4, shaped), net.jqwik.api.Tuple.of(4, real));
    }

    @Property(tries = 60)
    void randomApdusAlwaysGetAStatusWordAndNeverCorruptTheProfile(
            @ForAll @Size(max = 60) List<@From("apdus") byte[]> sequence, @ForAll boolean authenticateFirst) {
        CardProfile profile = Fixtures.hanakoOperational();
        List<byte[]> stored = new ArrayList<>();
        Card card = new Card(profile, p -> stored.add(ProfileCodec.write(p)), CardRandom.deterministic(9));
        if (authenticateFirst) {
            CardCoreTest.ApduSessionless.authenticate(card, profile);
        }
        for (byte[] apdu : sequence) {
            byte[] answer = card.transmit(apdu);
            assertThat(answer.length).as("answer to %s", Hex.of(apdu)).isGreaterThanOrEqualTo(2);
            int sw = (answer[answer.length - 2] & 0xFF) << 8 | answer[answer.length - 1] & 0xFF;
            assertThat(sw).as("SW to %s", Hex.of(apdu)).isNotEqualTo(0x6F00);
            int sw1 = sw >> 8;
            assertThat(sw1).as("SW1 to %s", Hex.of(apdu)).isIn(0x90, 0x61, 0x63, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6D, 0x6E);
            if (answer.length > 2) {
                assertThat(sw == 0x9000 || sw1 == 0x61).as("data only with success, to %s", Hex.of(apdu)).isTrue();
            }
        }
        stored.add(ProfileCodec.write(profile));
        for (byte[] json : stored) {
            // parse() refuses a certificate that does not match its key and counters out of range
            CardProfile reloaded = ProfileCodec.parse(json);
            assertThat(reloaded.myNumber()).isEqualTo("123456789018");
            assertThat(reloaded.authCertificate()).isEqualTo(profile.authCertificate());
            assertThat(reloaded.lifeCycle()).isEqualTo(LifeCycle.OPERATIONAL);
        }
    }
}
