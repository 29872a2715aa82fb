package jp.madoguchi.card;

import java.time.Duration;
import javax.smartcardio.CardTerminal;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * vpcd slot 0 of the real stack for one test (register it as an instance field): before the test a
 * context of our JNA provider on pcscd; {@link #insert} puts an emulated card into the slot and waits
 * until pcscd reports it; after the test the card is pulled, pcscd must see it gone, and the context
 * is released. Not thread-safe: one test thread.
 */
final class RealStackSlot implements BeforeEachCallback, AfterEachCallback {

    private JnaCardTerminals terminals;
    private PcscStack.Inserted inserted;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        PcscStack.port(0);
        terminals = JnaCardTerminals.establish();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (inserted != null) {
            inserted.close();
            inserted = null;
            PcscStack.awaitAbsent(terminals, PcscStack.READER0);
        }
        terminals.close();
    }

    /** Inserts a card of {@code kind} in slot 0 and opens connections to it once pcscd sees it. */
    CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception {
        inserted = PcscStack.insert(EmulatedCards.card(kind), 0);
        CardTerminal terminal = PcscStack.awaitCard(terminals, PcscStack.READER0, Duration.ofSeconds(10));
        return () -> CardConnection.open(terminal);
    }
}
