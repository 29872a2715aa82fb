package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.sim.card.provider.SimReaders;
import org.junit.jupiter.api.Test;

/** The card-face scenarios on the in-JVM emulated terminal, plus formats, 照合番号B's era and a tampered face. */
class InJvmCardFaceTest extends CardFaceScenarioTests {

    private CardTerminal terminal;

    @Override
    CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception {
        SimReaders readers = new SimReaders();
        readers.slot(0).insert(EmulatedCards.card(kind));
        terminal = EmulatedCards.factory(readers).terminals().getTerminal("Madoguchi Sim 00 00");
        return () -> CardConnection.open(terminal);
    }

    @Test
    void number_b_is_the_era_birth_date_the_expiry_year_and_the_code() {
        // card-spec §9.3: born 1990-05-05 (平成2年), card until 2035, code 4321.
        FaceKey b = FaceKey.b(LocalDate.of(1990, 5, 5), false, LocalDate.of(2035, 5, 5), "4321".toCharArray());
        assertThat(new String(toChars(b.bytes()))).isEqualTo("02050520354321");
        assertThat(b.toString()).doesNotContain("4321");
        FaceKey foreign = FaceKey.b(LocalDate.of(1990, 5, 5), true, LocalDate.of(2035, 5, 5), "4321".toCharArray());
        assertThat(new String(toChars(foreign.bytes()))).as("Gregorian YYMMDD for a foreign resident").isEqualTo("90050520354321");
        assertThat(FaceKey.eraYymmdd(LocalDate.of(2019, 5, 1))).isEqualTo("010501");
        assertThat(FaceKey.eraYymmdd(LocalDate.of(2019, 4, 30))).isEqualTo("310430");
        assertThat(FaceKey.eraYymmdd(LocalDate.of(1989, 1, 7))).isEqualTo("640107");
        assertThat(FaceKey.eraYymmdd(LocalDate.of(1926, 12, 25))).isEqualTo("011225");
        assertThat(FaceKey.eraYymmdd(LocalDate.of(1926, 12, 24))).isEqualTo("151224");
        b.clear();
        assertThat(b.bytes()).containsOnly(0);
    }

    @Test
    void bad_formats_are_refused_before_any_apdu_and_the_input_is_cleared() {
        char[] badDigit = "123456789010".toCharArray();
        assertThatThrownBy(() -> FaceKey.a(badDigit)).isInstanceOf(MadoguchiException.class)
                .hasMessageStartingWith("MDG-READER-023");
        assertThat(badDigit).containsOnly('\0');
        char[] shortCode = "432".toCharArray();
        assertThatThrownBy(() -> FaceKey.b(LocalDate.of(1990, 5, 5), false, LocalDate.of(2035, 5, 5), shortCode))
                .hasMessageStartingWith("MDG-READER-023");
        assertThat(shortCode).containsOnly('\0');
        assertThatThrownBy(() -> FaceKey.b(LocalDate.of(1990, 5, 5), false, LocalDate.of(2035, 5, 5), "43a1".toCharArray()))
                .hasMessageStartingWith("MDG-READER-023");
    }

    @Test
    void the_key_is_cleared_after_the_read() throws Exception {
        CardScenarios.Opener opener = insert(EmulatedCards.Kind.DELIVERED);
        FaceKey a = numberA();
        try (CardConnection c = opener.open()) {
            assertThat(c.readCardFace(a).ok()).isTrue();
        }
        assertThat(a.bytes()).containsOnly(0);
    }

    @Test
    void a_face_altered_on_the_way_is_read_but_reported_as_not_verifying() throws Exception {
        insert(EmulatedCards.Kind.DELIVERED);
        javax.smartcardio.Card emulated = terminal.connect("*");
        // One byte of the chunk at offset 0500 (inside the photo, DF27) flipped: a forged or damaged photo.
        ScriptedCard altered = new ScriptedCard(command -> {
            try {
                byte[] answer = emulated.getBasicChannel().transmit(command).getBytes();
                if (isReadAt(command, 0x0500) && answer.length > 12) {
                    answer[10] ^= 0x01;
                }
                return answer;
            } catch (CardException e) {
                throw new IllegalStateException(e);
            }
        });
        CardFaceRead r = new CardConnection(altered).readCardFace(numberA());
        assertThat(r.result()).isEqualTo(CardFaceRead.Result.OK);
        assertThat(r.face().orElseThrow().signature()).isEqualTo(CardFace.SignatureCheck.NOT_VERIFIED);
        assertThat(r.failure().orElseThrow().code()).isEqualTo("MDG-READER-020");
        emulated.disconnect(true);
    }

    @Test
    void malformed_card_faces_are_typed_errors() {
        assertThatThrownBy(() -> CardFace.parse(new byte[] {0x30, 0x00})).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> CardFace.parse(new byte[] {(byte) 0xFF, 0x20, 0x03, (byte) 0xDF, 0x22, 0x00}))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("MDG-READER-007");
    }

    private static boolean isReadAt(CommandAPDU c, int offset) {
        return c.getINS() == 0xB0 && ((c.getP1() & 0x7F) << 8 | c.getP2()) == offset && (c.getP1() & 0x80) == 0;
    }

    private static char[] toChars(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            c[i] = (char) b[i];
        }
        return c;
    }
}
