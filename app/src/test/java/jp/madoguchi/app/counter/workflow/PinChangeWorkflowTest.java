package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PIN change state machine (counter-rules §2.2), every transition and refusal, on the real central
 * (mutual TLS), store and read cache, with the cards in the in-JVM terminal for speed; the same
 * workflow through pcscd + vpcd is {@link PinChangeStackTest}.
 */
class PinChangeWorkflowTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    static int next;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        assertThat(adults).hasSizeGreaterThanOrEqualTo(9);
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

    /** A fresh adult card, inserted and delivered (PINs: SIGN ABC123, the others 5827), ACTIVE in the cache. */
    static CardFactory.Made deliveredCard() throws Exception {
        CardFactory.Made card = adults.get(next++);
        stack.insert(card.profile());
        assertThat(stack.deliver(card).step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        return card;
    }

    static boolean verifies(PinKind kind, String pin) {
        return new CardAccess(stack.station).run(c -> c.verifyPin(kind, pin.toCharArray())).ok();
    }

    static String code(Workflow<?> w) {
        return w.failure().map(MadoguchiException::code).orElse("none");
    }

    @Test
    void everyStepInOrder_twoPins_recordsPinChangedOnceAndTheCardHoldsTheNewPins() throws Exception {
        CardFactory.Made card = deliveredCard();
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.CARD);
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        // A step method at the wrong step: the UI's bug, refused with MDG-FLOW-004, nothing changes.
        assertThatThrownBy(() -> w.choose(Set.of(PinType.AUTH))).isInstanceOf(MadoguchiException.class)
                .extracting(e -> ((MadoguchiException) e).code()).isEqualTo("MDG-FLOW-004");
        w.cardPresented();
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.CHOICE);
        assertThat(w.expects()).isEqualTo(Workflow.Input.CHOICE);
        assertThat(w.awaitingApproval()).isFalse();
        w.choose(Set.of(PinType.JUKI, PinType.AUTH));
        assertThat(w.expects()).isEqualTo(Workflow.Input.IDENTITY);
        w.identity(jp.madoguchi.app.counter.domain.IdentityCheck.holder(List.of(), Set.of()));
        assertThat(code(w)).isEqualTo("MDG-ID-001");
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.IDENTITY);
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.CURRENT_PIN);
        // The order is the PinType order: AUTH before JUKI.
        assertThat(w.pinInHand()).contains(PinType.AUTH);
        w.newPin("4096".toCharArray(), "4096".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-FLOW-004");
        w.currentPin("0000".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-PIN-005");
        assertThat(w.failure().orElseThrow().clerkMessage(java.util.Locale.ENGLISH)).contains("2");
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.CURRENT_PIN);
        w.currentPin("5827".toCharArray());
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.NEW_PIN);
        w.newPin("40960".toCharArray(), "40960".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-PIN-002");
        w.newPin("4096".toCharArray(), "4097".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-PIN-003");
        assertThat(verifies(PinKind.AUTH, "5827")).as("nothing written before a valid, confirmed entry").isTrue();
        w.newPin("4096".toCharArray(), "4096".toCharArray());
        assertThat(w.failure()).isEmpty();
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.CURRENT_PIN);
        assertThat(w.pinInHand()).contains(PinType.JUKI);
        w.currentPin("5827".toCharArray());
        w.newPin("1111".toCharArray(), "1111".toCharArray());
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        assertThat(w.expects()).isEqualTo(Workflow.Input.NONE);
        assertThat(w.notices()).extracting(Notice::kind).contains(Notice.Kind.WEAK_PIN);
        PinChangeWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.pinTypes()).containsExactlyInAnyOrder(PinType.AUTH, PinType.JUKI);
        assertThat(r.queuedOffline()).isFalse();
        assertThat(r.cardSerialLast4()).isEqualTo(card.cardSerial().substring(11));
        assertThat(stack.actsFrom(r.seq())).containsExactly(OperationType.PIN_CHANGED);
        assertThat(stack.store.details(r.seq()).path("pinTypes").toString()).isEqualTo("[\"AUTH\",\"JUKI\"]");
        assertThat(verifies(PinKind.AUTH, "4096")).isTrue();
        assertThat(verifies(PinKind.JUKI, "1111")).isTrue();
        assertThat(verifies(PinKind.CARD_TEXT, "5827")).as("a PIN not chosen is untouched").isTrue();
        assertThat(stack.engine.awaitSettled(r.seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        assertThat(PinChangeWorkflow.interrupted(stack.station)).doesNotContain(w.id());
    }

    @Test
    void theResidentsOwnChange_needsNoCounterAuthentication_andRechecksTheCurrentPin() throws Exception {
        CardFactory.Made card = deliveredCard();
        stack.remove();
        // The same card again, now refusing EXTERNAL AUTHENTICATE: no admin session can open on it.
        stack.insert(card.profile(), jp.madoguchi.sim.card.Faults.parse("refuse-ea"));
        assertThatThrownBy(() -> new CardAccess(stack.station).administer("probe", a -> null))
                .hasMessageStartingWith("MDG-READER-013");
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.CARD_TEXT, PinType.JUKI));
        w.identity(CounterStack.holderWithPassport());
        // SIGN, AUTH, JUKI, CARD_TEXT order: 住基 (CHANGE KEY) first, then 入力補助 (CHANGE REFERENCE DATA).
        assertThat(w.pinInHand()).contains(PinType.JUKI);
        w.currentPin("5827".toCharArray());
        assertThat(w.expects()).isEqualTo(Workflow.Input.NEW_PIN);
        // The PIN changes on the card behind the workflow's back: the held current PIN no longer verifies.
        assertThat(new CardAccess(stack.station).run(c -> c.changePin(PinKind.JUKI, "5827".toCharArray(),
                "1357".toCharArray())).ok()).isTrue();
        w.newPin("2468".toCharArray(), "2468".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-PIN-005");
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.CURRENT_PIN);
        assertThat(verifies(PinKind.JUKI, "1357")).as("nothing written").isTrue();
        w.currentPin("1357".toCharArray());
        w.newPin("2468".toCharArray(), "2468".toCharArray());
        assertThat(w.failure()).isEmpty();
        assertThat(w.pinInHand()).contains(PinType.CARD_TEXT);
        w.currentPin("5827".toCharArray());
        w.newPin("8642".toCharArray(), "8642".toCharArray());
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        assertThat(verifies(PinKind.JUKI, "2468")).isTrue();
        assertThat(verifies(PinKind.CARD_TEXT, "8642")).isTrue();
    }

    @Test
    void aLockedPin_isRefusedAtChoice_andMustBeReset() throws Exception {
        deliveredCard();
        for (int i = 0; i < 3; i++) {
            verifies(PinKind.AUTH, "0000");
        }
        assertThat(new CardAccess(stack.station).pins().get(PinKind.AUTH).state()).isEqualTo(PinStatus.State.BLOCKED);
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.AUTH, PinType.JUKI));
        assertThat(code(w)).isEqualTo("MDG-PIN-004");
        assertThat(w.failure().orElseThrow().clerkMessage(java.util.Locale.JAPANESE)).contains("ロック");
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.CHOICE);
        w.choose(Set.of(PinType.JUKI));
        assertThat(w.failure()).isEmpty();
        w.cancel();
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.CANCELLED);
        assertThat(w.expects()).isEqualTo(Workflow.Input.NONE);
        assertThat(PinChangeWorkflow.interrupted(stack.station)).doesNotContain(w.id());
        assertThat(verifies(PinKind.JUKI, "5827")).as("a cancelled change writes nothing").isTrue();
    }

    @Test
    void cardPulled_beforeTheWrite_asksForTheSameCard_thenContinues() throws Exception {
        CardFactory.Made card = deliveredCard();
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.CARD_TEXT));
        w.identity(CounterStack.holderWithPassport());
        w.currentPin("5827".toCharArray());
        // Taken out while the resident types: the reader finds no card; nothing was sent.
        stack.remove();
        w.newPin("2468".toCharArray(), "2468".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-READER-003");
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        CardFactory.Made other = adults.get(next++);
        stack.insert(other.profile());
        w.cardPresented();
        assertThat(code(w)).isEqualTo("MDG-CARD-001");
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        stack.remove();
        stack.insert(card.profile());
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.NEW_PIN);
        w.newPin("2468".toCharArray(), "2468".toCharArray());
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        assertThat(verifies(PinKind.CARD_TEXT, "2468")).isTrue();
    }

    @Test
    void crash_resumesAtTheCurrentPin_andRecordsOnce() throws Exception {
        CardFactory.Made card = deliveredCard();
        PinChangeWorkflow first = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        first.cardPresented();
        first.choose(Set.of(PinType.AUTH, PinType.JUKI));
        first.identity(CounterStack.holderWithPassport());
        first.currentPin("5827".toCharArray());
        first.newPin("3333".toCharArray(), "3333".toCharArray());
        first.currentPin("5827".toCharArray());
        assertThat(first.expects()).isEqualTo(Workflow.Input.NEW_PIN);
        // The application dies here; a new one finds the saved change (no PIN in it).
        assertThat(PinChangeWorkflow.interrupted(stack.station)).contains(first.id());
        assertThat(java.nio.file.Files.readString(stack.dir.resolve("data").resolve("workflows").resolve(first.id() + ".properties")))
                .doesNotContain("3333").doesNotContain("5827");
        PinChangeWorkflow w = PinChangeWorkflow.resume(stack.station, first.id());
        assertThat(w.step()).as("the verification did not survive").isEqualTo(PinChangeWorkflow.Step.CURRENT_PIN);
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        assertThat(w.pinInHand()).contains(PinType.JUKI);
        w.cardPresented();
        assertThat(w.expects()).isEqualTo(Workflow.Input.CURRENT_PIN);
        w.currentPin("5827".toCharArray());
        w.newPin("3434".toCharArray(), "3434".toCharArray());
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        assertThat(w.receipt().orElseThrow().pinTypes()).containsExactlyInAnyOrder(PinType.AUTH, PinType.JUKI);
        assertThat(stack.actsFrom(w.receipt().orElseThrow().seq())).containsExactly(OperationType.PIN_CHANGED);
        assertThat(verifies(PinKind.AUTH, "3333")).isTrue();
        assertThat(verifies(PinKind.JUKI, "3434")).isTrue();
        assertThat(card.cardSerial()).endsWith(w.receipt().orElseThrow().cardSerialLast4());
    }

    @Test
    void offline_completesAndQueues_centralAppliesAfterTheLinkReturns() throws Exception {
        deliveredCard();
        stack.goOffline();
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(PinType.SIGN));
        w.identity(CounterStack.holderWithPassport());
        w.currentPin("ABC123".toCharArray());
        w.newPin("xyz789".toCharArray(), "xyz789".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-PIN-001");
        w.newPin("XYZ789".toCharArray(), "XYZ789".toCharArray());
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.DONE);
        PinChangeWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.queuedOffline()).isTrue();
        assertThat(w.notices()).extracting(Notice::kind).contains(Notice.Kind.QUEUED_UNTIL_SYNC);
        assertThat(stack.store.entries(r.seq(), 1).get(0).outcome()).isNull();
        stack.goOnline();
        assertThat(stack.engine.awaitSettled(r.seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        assertThat(verifies(PinKind.SIGN, "XYZ789")).isTrue();
    }

    @Test
    void aCardNotYetDelivered_orSuspended_isRefusedAtTheCard() throws Exception {
        CardFactory.Made undelivered = adults.get(next++);
        stack.insert(undelivered.profile());
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.REFUSED);
        assertThat(code(w)).isEqualTo("MDG-CARD-012");
        stack.remove();
        CardFactory.Made card = deliveredCard();
        stack.suspendCentrally(card.cardSerial());
        CounterStack.await("cache SUSPENDED", Duration.ofSeconds(15), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("SUSPENDED")).orElse(false);
        });
        PinChangeWorkflow s = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        s.cardPresented();
        assertThat(s.step()).isEqualTo(PinChangeWorkflow.Step.REFUSED);
        assertThat(code(s)).isEqualTo("MDG-CARD-004");
        assertThat(PinChangeWorkflow.interrupted(stack.station)).doesNotContain(s.id(), w.id());
    }
}
