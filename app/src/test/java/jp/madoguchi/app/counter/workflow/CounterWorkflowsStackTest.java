package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CertStatus;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.OperationType;
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
 * New issuance, suspension lift, old-card collection and renewal inside the window, end to end through
 * the real stack (pcscd + vpcd + the emulator, the reference central over mutual TLS, SQLite files).
 * Central and the workstation share a clock that the last test moves into the certificate's renewal
 * window. Fails (never skips) without {@code ./mado test}'s pcscd.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class CounterWorkflowsStackTest {

    @TempDir
    static Path dir;
    static final MovableClock CLOCK = new MovableClock();
    static CounterStack stack;
    static List<CardFactory.Made> adults;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, true, CLOCK, CLOCK);
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        assertThat(adults).as("adult cards with a signing certificate").hasSizeGreaterThanOrEqualTo(5);
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

    /** Delivers {@code card} (inserted) and waits until the cache has it ACTIVE with every certificate VALID. */
    static void delivered(CardFactory.Made card) throws Exception {
        DeliveryWorkflow w = stack.deliver(card);
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("cache ACTIVE, certificates VALID", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false)
                    && CardRecord.load(stack.cache, CounterStack.OFFICE, card.cardSerial()).certificates().values().stream()
                    .allMatch(c -> c.status() == CertStatus.VALID);
        });
    }

    @Test
    void a_issuanceOffline_refusedBeforeTheCardIsTouched() throws Exception {
        CardFactory.Made card = stack.card(m -> CounterStack.age(m) >= 18 && WorkflowStackTest.noCertificates(m));
        stack.insert(card.profile());
        stack.goOffline();
        try {
            IssuanceWorkflow w = IssuanceWorkflow.start(stack.station, VisitorType.HOLDER);
            assertThat(w.step()).isEqualTo(IssuanceWorkflow.Step.REFUSED);
            assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-SYNC-001");
            assertThat(w.expects()).isEqualTo(Workflow.Input.NONE);
            assertThat(IssuanceWorkflow.interrupted(stack.station)).isEmpty();
        } finally {
            stack.goOnline();
        }
        // The card was not touched: still in TRANSPORT with no PIN set.
        assertThat(new CardAccess(stack.station).pins().values()).allMatch(p -> p.state() == PinStatus.State.NOT_SET);
    }

    @Test
    void b_issuanceOnACardWithoutCertificates_setsTheSigningPasswordAndWritesBothCertificates() throws Exception {
        CardFactory.Made card = stack.card(m -> CounterStack.age(m) >= 18 && WorkflowStackTest.noCertificates(m));
        stack.insert(card.profile());
        stack.deliver(card);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        IssuanceWorkflow w = IssuanceWorkflow.start(stack.station, VisitorType.HOLDER);
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        w.choose(Set.of(CertKind.SIGN, CertKind.AUTH), false);
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.CURRENT_PIN);
        w.jukiPin("0000".toCharArray());
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-PIN-005");
        w.jukiPin("5827".toCharArray());
        assertThat(w.failure()).isEmpty();
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.failure()).isEmpty();
        // The signing password was never set (no signing certificate at delivery); the AUTH PIN was and stays.
        assertThat(w.pinToSet()).contains(PinType.SIGN);
        w.newPin("abc123".toCharArray(), "abc123".toCharArray());
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-PIN-001");
        w.newPin("SIGN2026".toCharArray(), "SIGN2026".toCharArray());
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.PROCEED);
        w.proceed();
        assertThat(w.failure()).isEmpty();
        assertThat(w.step()).isEqualTo(IssuanceWorkflow.Step.DONE);
        IssuanceWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.pinsSet()).containsExactly(PinType.SIGN);
        assertThat(r.certificates()).extracting(RenewalWorkflow.Written::type).containsOnly(OperationType.CERT_ISSUED);
        assertThat(r.certificates()).extracting(RenewalWorkflow.Written::kind).containsExactlyInAnyOrder(CertKind.SIGN, CertKind.AUTH);
        var snap = new CardAccess(stack.station).read();
        RenewalWorkflow.Written auth = r.certificates().stream().filter(x -> x.kind() == CertKind.AUTH).findFirst().orElseThrow();
        assertThat(snap.authCertificate().orElseThrow().serialNumber().toString(16).toUpperCase()).isEqualTo(auth.certSerialHex());
        assertThat(snap.signCertificatePresent()).isTrue();
        assertThat(new CardAccess(stack.station).run(c -> c.verifyPin(PinKind.SIGN, "SIGN2026".toCharArray())).ok()).isTrue();
        CounterStack.await("both certificates VALID at central", Duration.ofSeconds(20),
                () -> stack.centralCertificates(card.cardSerial()).stream().filter(c -> c.endsWith(":VALID")).count() == 2);
        assertThat(IssuanceWorkflow.interrupted(stack.station)).isEmpty();
    }

    @Test
    void c_issuanceForAKindWithALiveCertificate_isRenewalsNotIssuances() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        delivered(card);
        IssuanceWorkflow w = IssuanceWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(CertKind.AUTH), false);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-FLOW-006");
        assertThat(w.step()).isEqualTo(IssuanceWorkflow.Step.CHOICE);
        w.cancel();
        assertThat(w.step()).isEqualTo(IssuanceWorkflow.Step.CANCELLED);
    }

    @Test
    void d_suspensionLift_onlineRecordsCentralActivatesAuthAndRevokesSign() throws Exception {
        CardFactory.Made card = adults.get(1);
        stack.insert(card.profile());
        delivered(card);
        // A card that is not suspended has nothing to lift.
        SuspensionLiftWorkflow notSuspended = SuspensionLiftWorkflow.start(stack.station, VisitorType.HOLDER);
        notSuspended.cardPresented();
        assertThat(notSuspended.step()).isEqualTo(SuspensionLiftWorkflow.Step.REFUSED);
        assertThat(notSuspended.failure().orElseThrow().code()).isEqualTo("MDG-OFFICE-001");

        stack.suspendCentrally(card.cardSerial());
        CounterStack.await("cache sees SUSPENDED", Duration.ofSeconds(15), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("SUSPENDED")).orElse(false);
        });
        SuspensionLiftWorkflow w = SuspensionLiftWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.CURRENT_PIN);
        w.jukiPin("1111".toCharArray());
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-PIN-005");
        w.jukiPin("5827".toCharArray());
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.PROCEED);
        w.proceed();
        assertThat(w.step()).isEqualTo(SuspensionLiftWorkflow.Step.DONE);
        assertThat(w.signToIssue()).isTrue();
        CounterStack.await("central's outcome", Duration.ofSeconds(15), () -> w.centralOutcome().isPresent());
        assertThat(w.centralOutcome()).contains("APPLIED");
        assertThat(stack.centralCardStatus(card.cardSerial())).isEqualTo("ACTIVE");
        assertThat(stack.centralCertificates(card.cardSerial())).contains("AUTH:VALID", "SIGN:REVOKED");
        assertThat(stack.store.entries(w.receipt().orElseThrow().seq(), 1).get(0).type()).isEqualTo(OperationType.SUSPENSION_LIFTED);
    }

    @Test
    void e_suspensionLiftOffline_refusedBeforeTheCard() throws Exception {
        stack.goOffline();
        try {
            SuspensionLiftWorkflow w = SuspensionLiftWorkflow.start(stack.station, VisitorType.HOLDER);
            assertThat(w.step()).isEqualTo(SuspensionLiftWorkflow.Step.REFUSED);
            assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-SYNC-001");
        } finally {
            stack.goOnline();
        }
    }

    @Test
    void f_oldCardCollectionOffline_queuesOneRecordPerCard_andCentralRevokesTheOldCard() throws Exception {
        CardFactory.Made holder = adults.get(2);
        CardFactory.Made old = adults.get(3);
        stack.insert(old.profile());
        delivered(old);
        stack.remove();
        stack.insert(holder.profile());
        delivered(holder);
        stack.remove();
        stack.goOffline();
        OldCardCollectionWorkflow w;
        try {
            w = OldCardCollectionWorkflow.start(stack.station, holder.cardSerial(), VisitorType.HOLDER);
            assertThat(w.failure()).isEmpty();
            assertThat(w.expects()).isEqualTo(Workflow.Input.IDENTITY);
            w.identity(CounterStack.holderWithPassport());
            assertThat(w.expects()).isEqualTo(Workflow.Input.COLLECTED_ITEMS);
            // Nothing that is a card: nothing to record.
            w.collected(List.of(new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Disposition.COLLECTED,
                    Optional.empty(), false)));
            assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-FLOW-004");
            w.collected(List.of(
                    new CollectedItem(CollectedItem.Kind.PREVIOUS_MY_NUMBER_CARD, CollectedItem.Disposition.COLLECTED,
                            Optional.of(old.cardSerial()), false),
                    new CollectedItem(CollectedItem.Kind.JUKI_CARD, CollectedItem.Disposition.DECLARED_LOST, Optional.empty(), true)));
            assertThat(w.step()).isEqualTo(OldCardCollectionWorkflow.Step.DONE);
            OldCardCollectionWorkflow.Receipt r = w.receipt().orElseThrow();
            assertThat(r.queuedOffline()).isTrue();
            assertThat(w.notices()).extracting(Notice::kind).contains(Notice.Kind.QUEUED_UNTIL_SYNC);
            assertThat(stack.store.entries(r.seq(), 10)).extracting(e -> e.type())
                    .containsExactly(OperationType.OLD_CARD_COLLECTED, OperationType.OLD_CARD_COLLECTED);
            assertThat(stack.centralCardStatus(old.cardSerial())).isEqualTo("ACTIVE");
        } finally {
            stack.goOnline();
        }
        CounterStack.await("the old card REVOKED at central", Duration.ofSeconds(20),
                () -> "REVOKED".equals(stack.centralCardStatus(old.cardSerial())));
        assertThat(stack.centralCardStatus(holder.cardSerial())).isEqualTo("ACTIVE");
        assertThat(OldCardCollectionWorkflow.interrupted(stack.station)).isEmpty();
    }

    @Test
    void g_oldCardCollectionForAnotherOfficesCard_refused() throws Exception {
        var other = new CardFactory(stack.central, 99).make("131024", 1, 0, dir.resolve("other-cards")).get(0);
        OldCardCollectionWorkflow w = OldCardCollectionWorkflow.start(stack.station, other.cardSerial(), VisitorType.HOLDER);
        assertThat(w.step()).isEqualTo(OldCardCollectionWorkflow.Step.REFUSED);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CARD-002");
    }

    /** Last: moves central's and the workstation's clock into the AUTH certificate's renewal window. */
    @Test
    void z_renewalInsideTheWindow_renewsAndCentralSupersedesTheOldCertificate() throws Exception {
        CardFactory.Made card = adults.get(4);
        stack.insert(card.profile());
        delivered(card);
        Instant notAfter = CardRecord.load(stack.cache, CounterStack.OFFICE, card.cardSerial()).certificates().get(CertKind.AUTH)
                .notAfter();
        CLOCK.moveTo(notAfter.minus(Duration.ofDays(30)));
        RenewalWorkflow w = RenewalWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        w.choose(Set.of(CertKind.AUTH), false);
        assertThat(w.failure()).isEmpty();
        assertThat(w.plans()).containsEntry(CertKind.AUTH, OperationType.CERT_RENEWED);
        assertThat(w.pinsToVerify()).containsExactly(PinType.JUKI, PinType.AUTH);
        w.currentPin(PinType.JUKI, "5827".toCharArray());
        w.currentPin(PinType.AUTH, "5827".toCharArray());
        assertThat(w.failure()).isEmpty();
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.failure()).isEmpty();
        w.proceed();
        assertThat(w.failure()).isEmpty();
        assertThat(w.step()).isEqualTo(RenewalWorkflow.Step.DONE);
        RenewalWorkflow.Written written = w.receipt().orElseThrow().certificates().get(0);
        assertThat(written.type()).isEqualTo(OperationType.CERT_RENEWED);
        assertThat(Instant.parse(written.notAfter())).isAfter(notAfter);
        var snap = new CardAccess(stack.station).read();
        assertThat(snap.authCertificate().orElseThrow().serialNumber().toString(16).toUpperCase()).isEqualTo(written.certSerialHex());
        // The holder's PIN is untouched by the key change.
        assertThat(new CardAccess(stack.station).run(c -> c.verifyPin(PinKind.AUTH, "5827".toCharArray())).ok()).isTrue();
        CounterStack.await("old AUTH superseded, new VALID at central", Duration.ofSeconds(20),
                () -> stack.centralCertificates(card.cardSerial()).contains("AUTH:REVOKED") && stack.centralCertificates(card.cardSerial()).contains("AUTH:VALID"));
    }


}
