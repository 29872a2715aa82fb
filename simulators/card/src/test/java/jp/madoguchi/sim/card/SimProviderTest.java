package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.sim.card.provider.MadoguchiSimProvider;
import jp.madoguchi.sim.card.provider.SimReaders;
import org.junit.jupiter.api.Test;

/** The in-JVM TerminalFactory type MadoguchiSim (card-spec.md §8.4) behaves like SunPCSC. */
class SimProviderTest {

    private static CardSlot hanako(Faults faults) {
        return new CardSlot(new Card(Fixtures.hanakoOperational(), ProfileStore.inMemory(), CardRandom.secure()), faults);
    }

    @Test
    void terminalsEventsAndTransmit() throws Exception {
        SimReaders readers = new SimReaders();
        TerminalFactory factory = TerminalFactory.getInstance("MadoguchiSim", readers, new MadoguchiSimProvider());
        assertThat(factory.getType()).isEqualTo("MadoguchiSim");
        CardTerminals terminals = factory.terminals();
        assertThat(terminals.list()).extracting(CardTerminal::getName)
                .containsExactly("Madoguchi Sim 00 00", "Madoguchi Sim 00 01");
        assertThat(terminals.waitForChange(1)).as("the first call returns at once").isTrue();
        assertThat(terminals.waitForChange(50)).isFalse();
        CardTerminal t = terminals.getTerminal("Madoguchi Sim 00 01");
        assertThat(t.isCardPresent()).isFalse();
        assertThat(t.waitForCardPresent(20)).isFalse();
        assertThatThrownBy(() -> t.connect("T=1")).isInstanceOf(CardNotPresentException.class);

        Thread inserter = new Thread(() -> readers.slot(1).insert(hanako(Faults.none())));
        inserter.start();
        assertThat(terminals.waitForChange(5000)).isTrue();
        inserter.join();
        assertThat(terminals.list(CardTerminals.State.CARD_INSERTION)).containsExactly(t);
        assertThat(terminals.list(CardTerminals.State.CARD_PRESENT)).containsExactly(t);
        assertThat(t.waitForCardPresent(1)).isTrue();

        assertThatThrownBy(() -> t.connect("T=0")).isInstanceOf(CardException.class);
        javax.smartcardio.Card card = t.connect("*");
        assertThat(card.getProtocol()).isEqualTo("T=1");
        assertThat(card.getATR().getBytes()).isEqualTo(Card.ATR);
        CardChannel ch = card.getBasicChannel();
        card.beginExclusive();
        assertThat(ch.transmit(new CommandAPDU(Hex.parse(ApduSession.JPKI))).getSW()).isEqualTo(0x9000);
        card.endExclusive();

        readers.slot(1).remove();
        assertThat(terminals.waitForChange(5000)).isTrue();
        assertThat(terminals.list(CardTerminals.State.CARD_REMOVAL)).containsExactly(t);
        assertThat(t.waitForCardAbsent(1)).isTrue();
        assertThatThrownBy(() -> ch.transmit(new CommandAPDU(Hex.parse("00200098"))))
                .isInstanceOf(CardNotPresentException.class);
    }

    @Test
    void generateAnswersArriveWholeLikeSunPcsc() throws Exception {
        SimReaders readers = new SimReaders();
        CardSlot slot = new CardSlot(new Card(Fixtures.hanako(), ProfileStore.inMemory(), CardRandom.secure()),
                Faults.none());
        readers.slot(0).insert(slot);
        TerminalFactory factory = TerminalFactory.getInstance("MadoguchiSim", readers, new MadoguchiSimProvider());
        javax.smartcardio.Card card = factory.terminals().getTerminal("Madoguchi Sim 00 00").connect("T=1");
        ApduSession s = new ApduSession(card.getBasicChannel(), slot.card().profile().cardKey());
        s.authenticate();
        ResponseAPDU r = card.getBasicChannel().transmit(new CommandAPDU(Hex.parse("0047800002001A00")));
        assertThat(r.getSW()).isEqualTo(0x9000);
        assertThat(r.getData()).hasSize(270);
        card.disconnect(true);
        javax.smartcardio.Card again = factory.terminals().getTerminal("Madoguchi Sim 00 00").connect("T=1");
        ApduSession s2 = new ApduSession(again.getBasicChannel(), slot.card().profile().cardKey());
        s2.expect(ApduSession.JPKI, "9000");
        s2.expect("802A00DA33" + ApduSession.DIGEST_ABC + "00", "6982");
    }

    @Test
    void theSharedReadersServeFactoriesWithoutParameters() throws Exception {
        TerminalFactory factory = TerminalFactory.getInstance("MadoguchiSim", null, new MadoguchiSimProvider());
        assertThat(factory.terminals().getTerminal("Madoguchi Sim 00 00")).isSameAs(SimReaders.shared().slot(0));
    }

    @Test
    void aVanishingCardIsPulledFromTheTerminal() throws Exception {
        SimReaders readers = new SimReaders();
        readers.slot(0).insert(hanako(Faults.parse("vanish=2")));
        CardTerminal t = TerminalFactory.getInstance("MadoguchiSim", readers, new MadoguchiSimProvider()).terminals()
                .getTerminal("Madoguchi Sim 00 00");
        CardChannel ch = t.connect("T=1").getBasicChannel();
        assertThat(ch.transmit(new CommandAPDU(Hex.parse(ApduSession.JPKI))).getSW()).isEqualTo(0x9000);
        assertThatThrownBy(() -> ch.transmit(new CommandAPDU(Hex.parse("00200098"))))
                .isInstanceOf(CardNotPresentException.class);
        assertThat(t.isCardPresent()).isFalse();
    }
}
