package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import javax.security.auth.x500.X500Principal;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.CardConnection.ReadRequest;
import jp.madoguchi.card.CardRemovedException.CardChange;
import jp.madoguchi.card.pcsc.JnaCardTerminals;
import jp.madoguchi.sim.card.CardSlot;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.card.provider.SimReaders;
import org.junit.jupiter.api.Test;

/**
 * The emulator's "vanish after the Nth APDU" at every step of an operation: each pull is a
 * CardRemovedException (MDG-CARD-007) that names the last completed step and whether the card may have
 * changed; no other exception, no hang.
 */
class PullAtEveryStepTest {

    @Test
    void a_read_pulled_at_every_step_through_pcscd_on_both_providers() throws Exception {
        PcscStack.port(0);
        int total;
        try (JnaCardTerminals terminals = JnaCardTerminals.establish()) {
            try (PcscStack.Inserted card = PcscStack.insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED), 0);
                 CardConnection c = CardConnection.open(PcscStack.awaitCard(terminals, PcscStack.READER0, Duration.ofSeconds(10)))) {
                total = c.read(new ReadRequest("1234".toCharArray(), null, null)).apduCount();
            }
            PcscStack.awaitAbsent(terminals, PcscStack.READER0);
            TerminalFactory jdk = TerminalFactory.getInstance("PC/SC", null);
            for (int n = 1; n <= total; n++) {
                int step = n;
                try (PcscStack.Inserted card = PcscStack.insertAndAwait(terminals, () -> EmulatedCards.card(
                        EmulatedCards.profile(EmulatedCards.Kind.DELIVERED), Faults.none().withVanishAfter(step)), 0)) {
                    // Odd steps through the JDK's provider (IllegalArgumentException on a vanished card), even ones through ours.
                    CardTerminal terminal = n % 2 == 1 ? jdk.terminals().getTerminal(PcscStack.READER0)
                            : terminals.getTerminal(PcscStack.READER0);
                    CardRemovedException e;
                    try (CardConnection c = CardConnection.open(terminal)) {
                        e = catchThrowableOfType(CardRemovedException.class,
                                () -> c.read(new ReadRequest("1234".toCharArray(), null, null)));
                    }
                    assertThat(e).as("pull at APDU " + n).isNotNull();
                    assertThat(e.code()).isEqualTo("MDG-CARD-007");
                    assertThat(e.operation()).isEqualTo("read");
                    // Only the VERIFY with data (APDU 5) may have changed the card (its retry counter); the
                    // right PIN on a full counter changes nothing, so later pulls leave it UNCHANGED.
                    assertThat(e.change()).as("APDU " + n).isEqualTo(n == 5 ? CardChange.UNKNOWN : CardChange.UNCHANGED);
                    assertThat(e.lastCompletedStep()).isNotBlank();
                }
                PcscStack.awaitAbsent(terminals, PcscStack.READER0);
            }
        }
    }

    @Test
    void a_certificate_renewal_pulled_at_every_step_keeps_the_old_or_the_new_certificate() throws Exception {
        KeyPair ca = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        SimReaders readers = new SimReaders();
        CardTerminal terminal = EmulatedCards.factory(readers).terminals().getTerminal("Madoguchi Sim 00 00");
        readers.slot(0).insert(EmulatedCards.card(EmulatedCards.Kind.DELIVERED));
        byte[] before;
        try (CardConnection c = CardConnection.open(terminal)) {
            before = c.read(ReadRequest.withoutPins()).authCertificate().orElseThrow().derBytes();
        }
        boolean pulledDuringActivate = false;
        boolean completed = false;
        // Bounded: a renewal is about 20 APDUs.
        for (int n = 1; n <= 60 && !completed; n++) {
            jp.madoguchi.sim.card.Card card = EmulatedCards.card(EmulatedCards.Kind.DELIVERED).card();
            readers.slot(0).remove();
            readers.slot(0).insert(new CardSlot(card, Faults.none().withVanishAfter(n)));
            byte[][] issued = new byte[1][];
            CardRemovedException e;
            try (CardConnection c = CardConnection.open(terminal)) {
                e = catchThrowableOfType(CardRemovedException.class, () -> c.administer(EmulatedCards.ISSUER_KEY, "renewal", a -> {
                    RSAPublicKey key = a.generateKeyPair(JpkiKey.AUTH);
                    issued[0] = CardScenarios.issue(ca, a.certificationRequest(JpkiKey.AUTH, key, new X500Principal("CN=pull")));
                    a.writeCertificate(JpkiKey.AUTH, issued[0]);
                    return null;
                }));
            }
            if (e == null) {
                completed = true;
                break;
            }
            assertThat(e.code()).isEqualTo("MDG-CARD-007");
            assertThat(e.operation()).isEqualTo("renewal");
            // The same card back in the reader, without the fault: what does it hold now?
            readers.slot(0).remove();
            readers.slot(0).insert(new CardSlot(card, Faults.none()));
            byte[] after;
            try (CardConnection c = CardConnection.open(terminal)) {
                after = c.read(ReadRequest.withoutPins()).authCertificate().orElseThrow().derBytes();
            }
            if (e.change() == CardChange.UNKNOWN) {
                assertThat(e.lastCompletedStep()).as("only ACTIVATE changes the card").startsWith("UPDATE BINARY");
                assertThat(after).as("pulled during ACTIVATE: old or new, never a mix").isIn(before, issued[0]);
                pulledDuringActivate = true;
            } else {
                assertThat(e.change()).isEqualTo(CardChange.UNCHANGED);
                assertThat(after).as("pulled at APDU " + n + " before ACTIVATE").isEqualTo(before);
            }
        }
        assertThat(pulledDuringActivate).as("a pull hit ACTIVATE").isTrue();
        assertThat(completed).as("without a pull in reach the renewal completes").isTrue();
    }
}
