package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.sim.card.vpcd.VpcdCard;

/**
 * The real PC/SC stack of ./mado test: pcscd with vpcd on $MADO_VPCD_PORT. Fails (never skips) when
 * pcscd is not there, because TerminalFactory.getDefault() then quietly becomes type "None".
 */
final class RealStack {
    private RealStack() {
    }

    static int port() {
        String p = System.getenv("MADO_VPCD_PORT");
        return p == null || p.isEmpty() ? 35963 : Integer.parseInt(p);
    }

    static TerminalFactory factory() {
        TerminalFactory f = TerminalFactory.getDefault();
        assertThat(f.getType()).as("PC/SC provider (is pcscd running? run the tests with ./mado test)")
                .isEqualTo("PC/SC");
        return f;
    }

    static CardTerminal terminal(int slot) throws CardException {
        CardTerminal t = factory().terminals().getTerminal("Virtual PCD 00 0" + slot);
        assertThat(t).as("vpcd reader 'Virtual PCD 00 0" + slot + "' in pcscd").isNotNull();
        return t;
    }

    /** Connects the card to vpcd (slot 0 or 1) on a daemon thread and waits until pcscd sees it. */
    static VpcdCard insert(CardSlot card, int slot) throws CardException {
        CardTerminal t = terminal(slot);
        assertThat(t.waitForCardAbsent(20_000)).as("slot " + slot + " empty before the test").isTrue();
        VpcdCard vpcd = new VpcdCard(card, "127.0.0.1", port() + slot);
        Thread thread = new Thread(vpcd, "vpcd-card-" + slot);
        thread.setDaemon(true);
        thread.start();
        assertThat(t.waitForCardPresent(20_000)).as("pcscd sees the inserted card").isTrue();
        return vpcd;
    }

    static void remove(VpcdCard vpcd, int slot) throws CardException {
        vpcd.remove();
        assertThat(terminal(slot).waitForCardAbsent(20_000)).as("pcscd sees the removal").isTrue();
    }
}
