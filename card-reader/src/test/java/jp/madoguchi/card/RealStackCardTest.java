package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every scenario of {@link CardScenarioTests} through the real stack: our JNA provider → pcscd → vpcd →
 * the emulator's vpcd card, in slot 0, plus one read through the JDK's provider.
 */
class RealStackCardTest extends CardScenarioTests {

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
