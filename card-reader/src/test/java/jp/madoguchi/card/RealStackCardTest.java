package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.CardConnection.ReadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every scenario of {@link CardScenarioTests} through the real stack: our JNA provider → pcscd → vpcd →
 * the emulator's vpcd card, in slot 0, plus one read through the JDK's provider.
 */
class RealStackCardTest extends CardScenarioTests {

    @RegisterExtension
    final RealStackSlot slot = new RealStackSlot();

    @Override
    CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception {
        return slot.insert(kind);
    }

    @Test
    void the_same_read_works_on_the_jdk_provider() throws Exception {
        insert(EmulatedCards.Kind.DELIVERED);
        TerminalFactory jdk = TerminalFactory.getInstance("PC/SC", null);
        assertThat(jdk.getType()).isEqualTo("PC/SC");
        CardTerminal terminal = jdk.terminals().getTerminal(PcscStack.READER0);
        try (CardConnection c = CardConnection.open(terminal)) {
            CardSnapshot s = c.read(new ReadRequest("1234".toCharArray(), null, null));
            assertThat(s.basicInfo().orElseThrow().name()).isEqualTo("試験\u3000花子");
            assertThat(s.apduCount()).isEqualTo(CardScenarios.expectedApdus(s));
        }
    }
}
