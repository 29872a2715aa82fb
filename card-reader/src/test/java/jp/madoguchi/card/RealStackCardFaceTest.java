package jp.madoguchi.card;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The card-face scenarios through the real stack: our JNA provider → pcscd → vpcd → the emulator's vpcd card. */
class RealStackCardFaceTest extends CardFaceScenarioTests {

    @RegisterExtension
    final RealStackSlot slot = new RealStackSlot();

    @Override
    CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception {
        return slot.insert(kind);
    }
}
