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
 * Every read and action through the real stack: our JNA provider → pcscd → vpcd → the emulator's vpcd
 * card, in slot 0 (the same scenarios as the in-JVM test), plus one read through the JDK's provider.
 */
class RealStackCardTest {

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

    private CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception {
        inserted = PcscStack.insert(EmulatedCards.card(kind), 0);
        CardTerminal terminal = PcscStack.awaitCard(terminals, PcscStack.READER0, Duration.ofSeconds(10));
        return () -> CardConnection.open(terminal);
    }

    @Test
    void full_read_of_a_delivered_card() throws Exception {
        CardScenarios.fullReadOfADeliveredCard(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void read_without_pin_and_with_the_sign_password() throws Exception {
        CardScenarios.readWithoutPinAndWithTheSignPassword(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void wrong_pins_are_counted() throws Exception {
        CardScenarios.wrongPinsAreCountedAndNothingProtectedIsRead(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void lockout_and_reset() throws Exception {
        CardScenarios.lockoutSequence(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void delivery_of_a_factory_card() throws Exception {
        CardScenarios.delivery(insert(EmulatedCards.Kind.FACTORY));
    }

    @Test
    void wrong_issuer_key_then_admin_lock() throws Exception {
        CardScenarios.wrongIssuerKeyIsRefusedAndCounted(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void certificate_renewal_of_both_keys() throws Exception {
        CardScenarios.certificateRenewal(insert(EmulatedCards.Kind.DELIVERED));
    }

    @Test
    void mismatching_certificate_is_refused() throws Exception {
        CardScenarios.mismatchingCertificateIsRefused(insert(EmulatedCards.Kind.DELIVERED));
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
