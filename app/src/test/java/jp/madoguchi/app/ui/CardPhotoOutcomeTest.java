package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import jp.madoguchi.app.photo.Jp2DecoderTest;
import jp.madoguchi.card.CardFace;
import jp.madoguchi.card.CardFace.SignatureCheck;
import jp.madoguchi.card.CardFaceRead;
import jp.madoguchi.card.FaceKey;
import jp.madoguchi.card.Sex;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;

/**
 * What the photo area gets from each card-face outcome (CardPanelViewModel.photoOf, on the task
 * executor): a picture only for a verified face that decodes; otherwise the coded reason, never a
 * silent picture.
 */
class CardPhotoOutcomeTest {

    private static CardFace face(byte[] photo, SignatureCheck check) {
        return new CardFace(LocalDate.of(1990, 5, 5), Sex.FEMALE, "2", Optional.of(LocalDate.of(2035, 5, 5)), photo, new byte[0],
                new byte[0], new byte[0], check);
    }

    private static CardFaceRead ok(CardFace face) {
        return new CardFaceRead(FaceKey.Kind.B, CardFaceRead.Result.OK, 10, Optional.of(face), 19);
    }

    private static String code(Throwable t) {
        return ((MadoguchiException) t).code();
    }

    @Test
    void a_verified_face_is_decoded() throws Exception {
        CardPanelViewModel.PhotoResult r = CardPanelViewModel.photoOf(ok(face(Jp2DecoderTest.emulatorPhoto(), SignatureCheck.VERIFIED)));
        assertThat(r.failure()).isNull();
        assertThat(r.image().width()).isEqualTo(300);
        assertThat(r.image().height()).isEqualTo(400);
    }

    @Test
    void a_face_whose_signature_does_not_verify_gives_its_code_and_no_picture() throws Exception {
        CardPanelViewModel.PhotoResult r = CardPanelViewModel.photoOf(ok(face(Jp2DecoderTest.emulatorPhoto(), SignatureCheck.NOT_VERIFIED)));
        assertThat(r.image()).isNull();
        assertThat(code(r.failure())).isEqualTo("MDG-READER-020");
    }

    @Test
    void an_undecodable_photo_a_missing_photo_and_refusals_are_told_apart() {
        CardPanelViewModel.PhotoResult broken = CardPanelViewModel.photoOf(ok(face(new byte[] {1, 2, 3}, SignatureCheck.VERIFIED)));
        assertThat(broken.image()).isNull();
        assertThat(code(broken.failure())).isEqualTo("MDG-PHOTO-002");
        CardPanelViewModel.PhotoResult none = CardPanelViewModel.photoOf(ok(face(new byte[0], SignatureCheck.VERIFIED)));
        assertThat(none.noPhoto()).isTrue();
        assertThat(none.failure()).isNull();
        CardPanelViewModel.PhotoResult wrong = CardPanelViewModel.photoOf(
                new CardFaceRead(FaceKey.Kind.B, CardFaceRead.Result.WRONG, 7, Optional.empty(), 3));
        assertThat(code(wrong.failure())).isEqualTo("MDG-READER-021");
        assertThat(wrong.failure().getMessage()).contains("7");
        CardPanelViewModel.PhotoResult locked = CardPanelViewModel.photoOf(
                new CardFaceRead(FaceKey.Kind.A, CardFaceRead.Result.BLOCKED, 0, Optional.empty(), 2));
        assertThat(code(locked.failure())).isEqualTo("MDG-READER-022");
        CardPanelViewModel.PhotoResult transport = CardPanelViewModel.photoOf(
                new CardFaceRead(FaceKey.Kind.A, CardFaceRead.Result.NOT_OPEN, 0, Optional.empty(), 4));
        assertThat(code(transport.failure())).isEqualTo("MDG-READER-024");
    }
}
