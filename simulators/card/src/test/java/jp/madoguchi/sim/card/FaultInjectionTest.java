package jp.madoguchi.sim.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault does what it says, and the same seed replays the same faults. */
class FaultInjectionTest {
    private static final String READ_TOKEN = "00B0860000";

    private static CardSlot slot(String faults) {
        return new CardSlot(new Card(Fixtures.hanako(), ProfileStore.inMemory(), CardRandom.deterministic(1)),
                Faults.parse(faults));
    }

    private static List<String> run(CardSlot slot, int reads) {
        List<String> answers = new ArrayList<>();
        answers.add(Hex.of(slot.exchange(Hex.parse(ApduSession.JPKI))));
        for (int i = 0; i < reads; i++) {
            answers.add(Hex.of(slot.exchange(Hex.parse(READ_TOKEN))));
        }
        return answers;
    }

    @Test
    void theSameSeedReplaysTheSameFaults() {
        List<String> a = run(slot("corrupt=0.5,6f00=0.2,seed=11"), 40);
        List<String> b = run(slot("corrupt=0.5,6f00=0.2,seed=11"), 40);
        List<String> c = run(slot("corrupt=0.5,6f00=0.2,seed=12"), 40);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).contains("6F00");
    }

    @Test
    void eachCorruptionKind() {
        String clean = run(slot(""), 1).get(1);
        assertThat(clean).hasSize((160 + 2) * 2);
        String truncated = run(slot("corrupt=1:truncate"), 1).get(1);
        assertThat(truncated.length()).isLessThan(clean.length());
        assertThat(truncated).endsWith("9000");
        String flipped = run(slot("corrupt=1:flip"), 1).get(1);
        assertThat(flipped).hasSameSizeAs(clean).isNotEqualTo(clean).endsWith("9000");
        CardSlot cert = slot("corrupt=1:length");
        cert.exchange(Hex.parse(ApduSession.JPKI));
        cert.exchange(Hex.parse("00A4020C02000A"));
        String wrongLength = Hex.of(cert.exchange(Hex.parse("00B0000004")));
        assertThat(wrongLength.substring(0, 2)).isEqualTo("30");
        assertThat(wrongLength.substring(2, 4)).isNotEqualTo("82");
        CardSlot tlv = slot("corrupt=1:tlv");
        tlv.exchange(Hex.parse(ApduSession.JPKI));
        tlv.exchange(Hex.parse("00A4020C02000A"));
        assertThat(Hex.of(tlv.exchange(Hex.parse("00B0000004")))).startsWith("3084FFFFFFF0");
    }

    @Test
    void statusFailureNeverReachesTheCard() {
        CardSlot s = slot("6f00=1");
        assertThat(run(s, 3)).containsOnly("6F00");
    }

    @Test
    void refusedExternalAuthenticateLeavesTheCardUntouched() {
        CardSlot s = slot("refuse-ea");
        s.exchange(Hex.parse(ApduSession.JPKI));
        s.exchange(Hex.parse("0084000010"));
        assertThat(Hex.of(s.exchange(Hex.parse("0082000120" + "00".repeat(32) + "10")))).isEqualTo("6983");
        assertThat(s.card().profile().adminFailureCount()).isZero();
    }

    @Test
    void vanishAfterNProcessesTheNthApduButDoesNotAnswerIt() {
        CardSlot s = slot("vanish=3,slow=1");
        s.exchange(Hex.parse(ApduSession.JPKI));
        assertThat(Hex.of(s.exchange(Hex.parse("00A4020C020018")))).isEqualTo("9000");
        CardProfile p = s.card().profile();
        assertThat(s.exchange(Hex.parse("0020009804" + ApduSession.ascii("0000")))).isNull();
        assertThat(p.lifeCycle()).isEqualTo(LifeCycle.TRANSPORT);
    }

    @Test
    void badFaultTextIsRefused() {
        assertThatThrownBy(() -> Faults.parse("explode=1")).hasMessageContaining("explode");
        assertThatThrownBy(() -> Faults.parse("corrupt=2")).hasMessageContaining("0..1");
        assertThatThrownBy(() -> Faults.parse("vanish=x")).hasMessageContaining("vanish=x");
    }
}
