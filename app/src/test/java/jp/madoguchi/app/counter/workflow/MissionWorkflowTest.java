package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.madoguchi.app.counter.domain.OfficeType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.OverseasCardRules;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An overseas mission (在外公館, counter-rules §1.1, §2.8) on the real stack: central enrols the
 * workstation as a MISSION, its stock holds overseas cards (the feed marks them overseas with a
 * departure date), cards in the in-JVM terminal. What a mission does (delivery, PIN reset) completes
 * and central applies it; what it may not do (PIN change, certificate work, a domestic card) is refused
 * with its code and the clerk is told where to send the resident.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class MissionWorkflowTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;

    @BeforeAll
    static void up() throws Exception {
        stack = CounterStack.mission(dir, false, Clock.systemUTC());
        assertThat(stack.station.office().type()).isEqualTo(OfficeType.MISSION);
        adults = stack.cards.stream().filter(m -> CounterStack.adultWithSign(m) && !m.resident().foreign()).toList();
        assertThat(adults).hasSizeGreaterThanOrEqualTo(3);
    }

    @AfterEach
    void pull() throws Exception {
        stack.remove();
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    static CardRecord record(CardFactory.Made card) {
        return CardRecord.load(stack.cache, CounterStack.MISSION, card.cardSerial());
    }

    @Test
    void a_theRecordIsAnOverseasCard_itsAddressReadsAsMovedAbroad() {
        CardRecord r = record(adults.get(0));
        assertThat(r.card().overseasCard()).isTrue();
        assertThat(r.card().departureDate()).contains(CounterStack.DEPARTURE);
        assertThat(r.japaneseNational()).isTrue();
        OverseasCardRules rules = new OverseasCardRules();
        assertThat(rules.addressLine(r.card(), "東京都千代田区模擬町1-1", Locale.JAPANESE)).isEqualTo("国外転出 2026年4月1日");
        assertThat(rules.formerSurnameOnCardFace(r.card())).isFalse();
    }

    @Test
    void b_deliveryAndPinReset_completeAtTheMission_andCentralAppliesThem() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        DeliveryWorkflow d = stack.deliver(card);
        assertThat(d.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        assertThat(stack.engine.awaitSettled(d.receipt().orElseThrow().seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        assertThat(record(card).card().overseasCard()).as("the flag survives the delivery's status change").isTrue();

        PinResetWorkflow w = PinResetWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        w.choose(Set.of(PinType.values()), PinResetWorkflow.Reason.FORGOTTEN);
        assertThat(w.failure()).as("all four PINs may be reset at a mission (PR-06)").isEmpty();
        w.identity(CounterStack.holderWithPassport());
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin(CounterStack.pinFor(t), CounterStack.pinFor(t));
            assertThat(w.failure()).isEmpty();
        }
        assertThat(w.step()).isEqualTo(PinResetWorkflow.Step.DONE);
        assertThat(stack.engine.awaitSettled(w.receipt().orElseThrow().seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
    }

    @Test
    void c_pinChangeAtAMission_isRefused_andTheClerkSendsTheResidentToTheDomicile() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        PinChangeWorkflow w = PinChangeWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        assertThat(w.step()).isEqualTo(PinChangeWorkflow.Step.REFUSED);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-OFFICE-001");
        assertThat(w.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.MISSION_PIN_CHANGE_AT_DOMICILE);
        assertThat(w.notices().get(0).message(Locale.JAPANESE)).contains("本籍地");
        assertThat(new CardAccess(stack.station).pins().get(PinKind.AUTH).state()).isEqualTo(PinStatus.State.AVAILABLE);
    }

    @Test
    void d_certificateWorkAtAMission_isRefusedAtTheCard_beforeAnythingIsWritten() throws Exception {
        CardFactory.Made card = adults.get(1);
        stack.insert(card.profile());
        assertThat(stack.deliver(card).step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        IssuanceWorkflow issue = IssuanceWorkflow.start(stack.station, VisitorType.HOLDER);
        issue.cardPresented();
        assertThat(issue.step()).isEqualTo(IssuanceWorkflow.Step.REFUSED);
        assertThat(issue.failure().orElseThrow().code()).isEqualTo("MDG-OFFICE-001");
        assertThat(issue.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.MISSION_CERTIFICATES_AT_MUNICIPALITY);
        RenewalWorkflow renew = RenewalWorkflow.start(stack.station, VisitorType.HOLDER);
        renew.cardPresented();
        assertThat(renew.step()).isEqualTo(RenewalWorkflow.Step.REFUSED);
        assertThat(renew.failure().orElseThrow().code()).isEqualTo("MDG-OFFICE-001");
        assertThat(renew.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.MISSION_CERTIFICATES_AT_MUNICIPALITY);
        assertThat(IssuanceWorkflow.interrupted(stack.station)).isEmpty();
        assertThat(RenewalWorkflow.interrupted(stack.station)).isEmpty();
    }

    @Test
    void e_aDomesticCardAtAMission_isTheAddressMunicipalitysWork() throws Exception {
        CardFactory.Made domestic = new CardFactory(stack.central, 99).make(CounterStack.MISSION, 1, 0, dir.resolve("domestic")).get(0);
        CounterStack.await("the domestic card in the mission's feed", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(domestic.cardSerial()).isPresent();
        });
        assertThat(record(domestic).card().overseasCard()).isFalse();
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, domestic.cardSerial(), VisitorType.HOLDER);
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.REFUSED);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CARD-002");
        assertThat(w.failure().orElseThrow().clerkMessage(Locale.ENGLISH)).contains("address municipality");
        // A foreign resident's card is never an overseas card: the mission does not handle it either.
        CardFactory.Made foreign = stack.cards.stream().filter(m -> m.resident().foreign()).findFirst().orElseThrow();
        assertThat(record(foreign).japaneseNational()).isFalse();
        DeliveryWorkflow f = DeliveryWorkflow.start(stack.station, foreign.cardSerial(), VisitorType.HOLDER);
        assertThat(f.failure().orElseThrow().code()).isEqualTo("MDG-CARD-002");
    }
}
