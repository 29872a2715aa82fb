package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.smartcardio.CardTerminal;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.PinStatus.State;
import jp.madoguchi.sim.card.provider.SimReaders;
import org.junit.jupiter.api.Test;

/** Every scenario of {@link CardScenarioTests} through the in-JVM emulated terminal (fast), plus its own checks. */
class InJvmCardTest extends CardScenarioTests {

    @Override
    CardScenarios.Opener insert(EmulatedCards.Kind kind) throws Exception {
        SimReaders readers = new SimReaders();
        readers.slot(0).insert(EmulatedCards.card(kind));
        CardTerminal terminal = EmulatedCards.factory(readers).terminals().getTerminal("Madoguchi Sim 00 00");
        return () -> CardConnection.open(terminal);
    }

    @Test
    void a_child_card_has_no_sign_certificate_and_its_sign_password_is_not_set() throws Exception {
        CardScenarios.Opener opener = insert(EmulatedCards.Kind.CHILD);
        try (CardConnection c = opener.open()) {
            CardSnapshot s = c.read(new ReadRequest(null, "TEST2025".toCharArray(), null));
            assertThat(s.signCertificatePresent()).isFalse();
            assertThat(s.pin(PinKind.SIGN).state()).isEqualTo(State.NOT_SET);
            assertThat(s.signPinResult()).get().extracting(PinVerification::result).isEqualTo(PinVerification.Result.NOT_SET);
            assertThat(s.pin(PinKind.AUTH).state()).isEqualTo(State.AVAILABLE);
            assertThat(s.apduCount()).isEqualTo(CardScenarios.expectedApdus(s));
        }
        try (CardConnection c = opener.open()) {
            PinVerification v = c.verifyPin(PinKind.SIGN, "TEST2025".toCharArray());
            assertThat(v.result()).isEqualTo(PinVerification.Result.NOT_SET);
            assertThat(v.failure().code()).isEqualTo("MDG-READER-014");
        }
    }

    @Test
    void the_read_command_prints_json_with_the_my_number_masked_unless_asked() throws Exception {
        CardSnapshot s;
        try (CardConnection c = insert(EmulatedCards.Kind.DELIVERED).open()) {
            s = c.read(new ReadRequest("1234".toCharArray(), null, null));
        }
        String masked = jp.madoguchi.card.cli.ReadCommand.json("Madoguchi Sim 00 00", s, false);
        assertThat(masked).contains("\"myNumber\" : \"********9018\"").doesNotContain("123456789018")
                .contains("試験　花子").contains("\"CARD_TEXT\"").contains("\"tokenLabel\" : \"JPKIAPICCTOKEN2\"");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(masked);
        assertThat(tree.get("pins").get("SIGN").get("remaining").asInt()).isEqualTo(5);
        assertThat(tree.get("authCertificate").get("keyBits").asInt()).isEqualTo(2048);
        assertThat(jp.madoguchi.card.cli.ReadCommand.json("r", s, true)).contains("\"myNumber\" : \"123456789018\"");
    }

    @Test
    void no_card_is_a_typed_failure() throws Exception {
        SimReaders readers = new SimReaders();
        CardTerminal terminal = EmulatedCards.factory(readers).terminals().getTerminal("Madoguchi Sim 00 00");
        assertThatThrownBy(() -> CardConnection.open(terminal)).hasMessageStartingWith("MDG-READER-003");
    }
}
