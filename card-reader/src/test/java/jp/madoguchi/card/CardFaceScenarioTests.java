package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import jp.madoguchi.card.CardFaceRead.Result;
import org.junit.jupiter.api.Test;

/**
 * The card-face read (券面AP EF 0002 with 照合番号A or B, card-spec §2.8) every way in must pass: each
 * subclass inserts the emulated card its own way (in-JVM terminal, or pcscd + vpcd).
 */
abstract class CardFaceScenarioTests {

    /** The security code printed on 試験　花子's emulated card (EmulatedCards). */
    static final String SECURITY_CODE = "4321";
    static final byte[] JP2_SIGNATURE = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, (byte) 0x87, 0x0A};

    abstract CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception;

    static FaceKey numberA() {
        return FaceKey.a(EmulatedCards.profile(EmulatedCards.Kind.DELIVERED).myNumber().toCharArray());
    }

    /** 照合番号B as the clerk builds it: birth date and expiry from the card, the code from its face. */
    static FaceKey numberB(CardConnection c, String code) {
        CardSnapshot s = c.read(new CardConnection.ReadRequest(EmulatedCards.PIN.toCharArray(), null, null));
        return FaceKey.b(s.basicInfo().orElseThrow().birthDate(), false, s.common().cardExpiry(), code.toCharArray());
    }

    static void assertHanakosFace(CardFaceRead r, LocalDate expiry) {
        assertThat(r.result()).isEqualTo(Result.OK);
        assertThat(r.failure()).isEmpty();
        CardFace f = r.face().orElseThrow();
        assertThat(f.signature()).isEqualTo(CardFace.SignatureCheck.VERIFIED);
        assertThat(f.birthDate()).isEqualTo(LocalDate.of(1990, 5, 5));
        assertThat(f.sex()).isEqualTo(Sex.FEMALE);
        assertThat(f.expiry()).contains(expiry);
        assertThat(Arrays.copyOf(f.photo(), 12)).isEqualTo(JP2_SIGNATURE);
        assertThat(f.nameImage()).startsWith(0x89, 0x50, 0x4E, 0x47);
        assertThat(f.toString()).doesNotContain("1990");
        // SELECT, retry query, VERIFY, then each 256-byte chunk of EF 0002 once.
        int efLength = 4 + f.photo().length + f.nameImage().length + f.addressImage().length + f.securityCodeImage().length;
        assertThat(r.apduCount()).isBetween(3 + efLength / 256, 3 + (efLength + 600) / 256 + 1);
    }

    @Test
    void number_a_opens_the_card_face_and_its_signature_verifies() throws Exception {
        CardScenarios.Opener opener = insert(EmulatedCards.Kind.DELIVERED);
        LocalDate expiry;
        try (CardConnection c = opener.open()) {
            expiry = c.read(CardConnection.ReadRequest.withoutPins()).common().cardExpiry();
        }
        try (CardConnection c = opener.open()) {
            assertHanakosFace(c.readCardFace(numberA()), expiry);
        }
    }

    @Test
    void number_b_from_the_security_code_opens_it_too() throws Exception {
        CardScenarios.Opener opener = insert(EmulatedCards.Kind.DELIVERED);
        FaceKey b;
        LocalDate expiry;
        try (CardConnection c = opener.open()) {
            b = numberB(c, SECURITY_CODE);
            expiry = c.read(CardConnection.ReadRequest.withoutPins()).common().cardExpiry();
        }
        assertThat(b.kind()).isEqualTo(FaceKey.Kind.B);
        try (CardConnection c = opener.open()) {
            assertHanakosFace(c.readCardFace(b), expiry);
        }
    }

    @Test
    void a_wrong_security_code_spends_one_try_and_a_right_one_restores_them() throws Exception {
        CardScenarios.Opener opener = insert(EmulatedCards.Kind.DELIVERED);
        try (CardConnection c = opener.open()) {
            CardFaceRead wrong = c.readCardFace(numberB(c, "0000"));
            assertThat(wrong.result()).isEqualTo(Result.WRONG);
            assertThat(wrong.remaining()).isEqualTo(9);
            assertThat(wrong.face()).isEmpty();
            assertThat(wrong.failure().orElseThrow().code()).isEqualTo("MDG-READER-021");
            assertThat(wrong.failure().orElseThrow().getMessage()).contains("9");
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.readCardFace(numberB(c, "0001")).remaining()).as("the second wrong try").isEqualTo(8);
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.readCardFace(numberB(c, SECURITY_CODE)).result()).isEqualTo(Result.OK);
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.readCardFace(numberB(c, "0000")).remaining()).as("the counter was back at 10").isEqualTo(9);
        }
    }

    @Test
    void a_locked_key_sends_no_verify() throws Exception {
        CardScenarios.Opener opener = insert(EmulatedCards.Kind.DELIVERED);
        for (int left = 9; left >= 0; left--) {
            try (CardConnection c = opener.open()) {
                CardFaceRead r = c.readCardFace(numberB(c, "9999"));
                assertThat(r.remaining()).isEqualTo(left);
                assertThat(r.result()).isEqualTo(left == 0 ? Result.BLOCKED : Result.WRONG);
            }
        }
        try (CardConnection c = opener.open()) {
            CardFaceRead r = c.readCardFace(numberB(c, SECURITY_CODE));
            assertThat(r.result()).isEqualTo(Result.BLOCKED);
            assertThat(r.apduCount()).as("SELECT and the retry query only").isEqualTo(2);
            assertThat(r.failure().orElseThrow().code()).isEqualTo("MDG-READER-022");
        }
        try (CardConnection c = opener.open()) {
            assertThat(c.readCardFace(numberA()).result()).as("照合番号A has its own counter").isEqualTo(Result.OK);
        }
    }

    @Test
    void a_card_not_delivered_yet_does_not_open() throws Exception {
        CardScenarios.Opener opener = insert(EmulatedCards.Kind.FACTORY);
        try (CardConnection c = opener.open()) {
            CardFaceRead r = c.readCardFace(numberA());
            assertThat(r.result()).isEqualTo(Result.NOT_OPEN);
            assertThat(r.failure().orElseThrow().code()).isEqualTo("MDG-READER-024");
        }
    }
}
