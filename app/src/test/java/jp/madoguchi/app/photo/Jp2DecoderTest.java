package jp.madoguchi.app.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import jp.madoguchi.common.FailureMessages;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;

/** The emulator's card photo through the real libopenjp2, and what a damaged photo gives. */
public class Jp2DecoderTest {

    public static byte[] emulatorPhoto() throws IOException {
        try (InputStream in = Jp2DecoderTest.class.getResourceAsStream("/jp/madoguchi/sim/card/face-placeholder.jp2")) {
            assertThat(in).as("the emulator's photo resource").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void the_emulated_cards_photo_decodes_to_the_drawn_face() throws Exception {
        assertThat(Jp2Decoder.available()).as("libopenjp2 (Debian libopenjp2-7) must be installed").isTrue();
        GreyImage face = Jp2Decoder.decode(emulatorPhoto());
        assertThat(face.width()).isEqualTo(300);
        assertThat(face.height()).isEqualTo(400);
        // What simulators/card/tools/draw-face-placeholder.py drew (lossy: within a tolerance).
        assertThat(face.at(5, 5)).as("background").isBetween(200, 230);
        assertThat(face.at(150, 80)).as("hair").isBetween(35, 80);
        assertThat(face.at(118, 160)).as("left iris").isBetween(20, 70);
        assertThat(face.at(110, 160)).as("left eye white").isGreaterThan(200);
        assertThat(face.at(150, 200)).as("face").isBetween(140, 195);
        assertThat(face.at(20, 390)).as("shoulders").isBetween(50, 95);
    }

    @Test
    void damaged_or_foreign_bytes_are_a_coded_failure_not_an_exception_of_the_library() throws Exception {
        byte[] photo = emulatorPhoto();
        assertThatThrownBy(() -> Jp2Decoder.decode(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .isInstanceOf(MadoguchiException.class).hasMessageStartingWith("MDG-PHOTO-002");
        assertThatThrownBy(() -> Jp2Decoder.decode(Arrays.copyOf(photo, 40)))
                .isInstanceOf(MadoguchiException.class).hasMessageStartingWith("MDG-PHOTO-002");
        byte[] noCodestream = photo.clone();
        int soc = indexOf(noCodestream, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});
        assertThat(soc).as("SOC + SIZ in the jp2c box").isPositive();
        Arrays.fill(noCodestream, soc, soc + 40, (byte) 0x00);
        assertThatThrownBy(() -> Jp2Decoder.decode(noCodestream))
                .isInstanceOf(MadoguchiException.class).hasMessageStartingWith("MDG-PHOTO-002");
        assertThat(Jp2Decoder.decode(photo).width()).as("the decoder still works afterwards").isEqualTo(300);
    }

    @Test
    void every_code_has_japanese_and_english_texts() {
        assertThat(FailureMessages.catalogueProblems(PhotoFailure.class)).isEmpty();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
