package jp.madoguchi.card;

import java.time.Duration;
import javax.smartcardio.CardTerminal;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The card-face scenarios through the real stack: our JNA provider → pcscd → vpcd → the emulator's vpcd card. */
class RealStackCardFaceTest extends CardFaceScenarioTests {

    private JnaCardTerminals terminals;
    private PcscStack.Inserted inserted;

    @BeforeEach
    void context() throws Exception {
        PcscStack.port(0);
        terminals = JnaCardTerminals.establish();
    }

    @AfterEach
    void pull() throws Exception {
        if (inserted != null) {
            inserted.close();
            PcscStack.awaitAbsent(terminals, PcscStack.READER0);
        }
        terminals.close();
    }

    @Override
    CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception {
        inserted = PcscStack.insert(EmulatedCards.card(kind), 0);
        CardTerminal terminal = PcscStack.awaitCard(terminals, PcscStack.READER0, Duration.ofSeconds(10));
        return () -> CardConnection.open(terminal);
    }
}
