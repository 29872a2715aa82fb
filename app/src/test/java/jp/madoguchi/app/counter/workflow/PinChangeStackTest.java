package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIN change (暗証番号変更) end to end through the real stack: emulated cards in pcscd's virtual reader
 * (vpcd), the reference central over mutual TLS, the workstation's SQLite files. Online, offline
 * (queued, then applied), and the card taken out mid-way. Fails (never skips) without
 * {@code ./mado test}'s pcscd. The state machine in detail: {@link PinChangeWorkflowTest}.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class PinChangeStackTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, true, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        assertThat(adults).hasSizeGreaterThanOrEqualTo(3);
    }

    @AfterEach
    void pull() throws Exception {
        stack.remove();
        if (stack.engine.link() != LinkState.ONLINE) {
            stack.goOnline();
        }
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    static void delivered(CardFactory.Made card) throws Exception {
        stack.insert(card.profile());
        assertThat(stack.deliver(card).step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
    }

    static boolean verifies(PinKind kind, String pin) {
        return new CardAccess(stack.station).run(c -> c.verifyPin(kind, pin.toCharArray())).ok();
    }

    @Test
    void a_online_changesTheSigningPassword_centralAppliesPinChanged() throws Exception {
        CardFactory.Made card = adults.get(0);
        delivered(card);
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        w.choose(Set.of(PinType.SIGN));
        w.identity(CounterStack.holderWithPassport());
        w.currentPin("WRONG1".toCharArray());
        // The signing password has 5 tries: one spent, 4 left, as the card itself counts.
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-PIN-005");
        assertThat(w.failure().orElseThrow().clerkMessage(java.util.Locale.ENGLISH)).contains("4 tries");
        w.currentPin("ABC123".toCharArray());
        assertThat(w.failure()).isEmpty();
        w.newPin("NEWPW2026".toCharArray(), "NEWPW2026".toCharArray());
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        PinChangeWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.queuedOffline()).isFalse();
        assertThat(verifies(PinKind.SIGN, "ABC123")).isFalse();
        assertThat(verifies(PinKind.SIGN, "NEWPW2026")).as("and the right one restores the count").isTrue();
        var settled = stack.engine.awaitSettled(r.seq(), Duration.ofSeconds(20));
        assertThat(settled.type()).isEqualTo(OperationType.PIN_CHANGED);
        assertThat(settled.outcome()).isEqualTo("APPLIED");
        assertThat(stack.centralOperationBody(r.opId())).contains("\"type\":\"PIN_CHANGED\"").contains("\"pinTypes\":[\"SIGN\"]");
    }

    @Test
    void b_offline_completesAndIsQueued_thenApplied() throws Exception {
        CardFactory.Made card = adults.get(1);
        delivered(card);
        stack.goOffline();
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.AUTH, PinType.CARD_TEXT));
        w.identity(CounterStack.holderWithPassport());
        while (w.pinInHand().isPresent()) {
            w.currentPin("5827".toCharArray());
            w.newPin("6170".toCharArray(), "6170".toCharArray());
            assertThat(w.failure()).isEmpty();
        }
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        PinChangeWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.queuedOffline()).isTrue();
        assertThat(w.notices()).extracting(Notice::kind).contains(Notice.Kind.QUEUED_UNTIL_SYNC);
        assertThat(stack.store.summary().depth()).isPositive();
        stack.goOnline();
        assertThat(stack.engine.awaitSettled(r.seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        assertThat(verifies(PinKind.AUTH, "6170")).isTrue();
        assertThat(verifies(PinKind.CARD_TEXT, "6170")).isTrue();
    }

    @Test
    void c_cardTakenOutBeforeTheNewPin_theSameCardIsAskedFor_thenTheChangeCompletes() throws Exception {
        CardFactory.Made card = adults.get(2);
        delivered(card);
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.JUKI));
        w.identity(CounterStack.holderWithPassport());
        w.currentPin("5827".toCharArray());
        stack.remove();
        w.newPin("7777".toCharArray(), "7777".toCharArray());
        assertThat(w.failure().orElseThrow().code()).isIn("MDG-READER-003", "MDG-CARD-007");
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        stack.insert(card.profile());
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.NEW_PIN);
        w.newPin("7777".toCharArray(), "7777".toCharArray());
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        assertThat(verifies(PinKind.JUKI, "7777")).isTrue();
        assertThat(PinChangeWorkflow.interrupted(stack.station)).isEmpty();
    }
}
