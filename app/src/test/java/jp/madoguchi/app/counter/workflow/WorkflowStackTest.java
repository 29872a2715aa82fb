package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.sim.card.Faults;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows end to end through the real stack: emulated cards in pcscd's virtual reader (vpcd),
 * the reference central over mutual TLS, the workstation's SQLite files on disk. Fails (never skips)
 * without {@code ./mado test}'s pcscd.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class WorkflowStackTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, true, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        assertThat(adults).as("adult cards with a signing certificate").hasSizeGreaterThanOrEqualTo(7);
    }

    @org.junit.jupiter.api.AfterEach
    void pull() throws Exception {
        stack.remove();
        if (stack.engine.link() != jp.madoguchi.cache.LinkState.ONLINE) {
            stack.goOnline();
        }
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    static final List<CollectedItem> ITEMS = CounterStack.ITEMS;

    static char[] pinFor(PinType t) {
        return CounterStack.pinFor(t);
    }

    /** Runs a delivery to DONE with the card already inserted. */
    static DeliveryWorkflow deliver(CardFactory.Made card) {
        return stack.deliver(card);
    }

    @Test
    void a_deliveryOnline_setsPinsActivatesRecordsOnceAndCentralActivates() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.IDENTITY);
        assertThat(w.expects()).isEqualTo(Workflow.Input.IDENTITY);
        assertThat(w.notices()).isEmpty();
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        w.cardPresented();
        assertThat(w.expects()).isEqualTo(Workflow.Input.COLLECTED_ITEMS);
        w.collected(ITEMS);
        assertThat(w.pinToSet()).contains(PinType.SIGN);
        // A lower-case signing PIN is refused (MDG-PIN-001), a mismatch MDG-PIN-003; nothing is written.
        w.newPin("abc123".toCharArray(), "abc123".toCharArray());
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-PIN-001");
        w.newPin("ABC123".toCharArray(), "ABC124".toCharArray());
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-PIN-003");
        assertThat(w.pinToSet()).contains(PinType.SIGN);
        w.newPin("ABC123".toCharArray(), "ABC123".toCharArray());
        assertThat(w.failure()).isEmpty();
        // A weak PIN is warned about and accepted.
        w.newPin("1111".toCharArray(), "1111".toCharArray());
        assertThat(w.notices()).extracting(Notice::kind).contains(Notice.Kind.WEAK_PIN);
        while (w.pinToSet().isPresent()) {
            w.newPin("5827".toCharArray(), "5827".toCharArray());
        }
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.ACTIVATE);
        w.proceed();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.queuedOffline()).isFalse();
        assertThat(r.pinTypesSet()).containsExactlyInAnyOrder(PinType.values());
        assertThat(r.cardSerialLast4()).isEqualTo(card.cardSerial().substring(11));
        // Card: every PIN set, OPERATIONAL (a PIN verifies).
        Map<PinKind, PinStatus> pins = new CardAccess(stack.station).pins();
        assertThat(pins.values()).allMatch(p -> p.state() == PinStatus.State.AVAILABLE);
        // Store: DELIVERY_COMPLETED + one OLD_CARD_COLLECTED (the notice is not a card); central applied them.
        assertThat(stack.actsFrom(r.seq())).containsExactly(OperationType.DELIVERY_COMPLETED, OperationType.OLD_CARD_COLLECTED);
        CounterStack.await("central ACTIVE", Duration.ofSeconds(15), () -> "ACTIVE".equals(stack.centralCardStatus(card.cardSerial())));
        CounterStack.await("certificates VALID", Duration.ofSeconds(15),
                () -> stack.centralCertificates(card.cardSerial()).stream().allMatch(c -> c.endsWith(":VALID")));
        assertThat(DeliveryWorkflow.interrupted(stack.station)).isEmpty();
        stack.remove();
    }

    @Test
    void b_deliveryOffline_completesQueuesAndTellsTheClerk_thenSyncs() throws Exception {
        CardFactory.Made card = adults.get(1);
        stack.insert(card.profile());
        stack.goOffline();
        try {
            DeliveryWorkflow w = deliver(card);
            assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
            assertThat(w.receipt().orElseThrow().queuedOffline()).isTrue();
            assertThat(w.notices()).extracting(Notice::kind)
                    .contains(Notice.Kind.QUEUED_UNTIL_SYNC, Notice.Kind.CERTIFICATES_AFTER_SYNC);
            assertThat(stack.centralCardStatus(card.cardSerial())).isEqualTo("ISSUED");
            assertThat(stack.centralCertificates(card.cardSerial())).allMatch(c -> c.endsWith(":ON_HOLD"));
        } finally {
            stack.goOnline();
        }
        CounterStack.await("central ACTIVE after sync", Duration.ofSeconds(20), () -> "ACTIVE".equals(stack.centralCardStatus(card.cardSerial())));
        CounterStack.await("certificates VALID after sync", Duration.ofSeconds(20),
                () -> stack.centralCertificates(card.cardSerial()).stream().allMatch(c -> c.endsWith(":VALID")));
        stack.remove();
    }

    @Test
    void c_wrongCard_isRefusedWithNothingWritten() throws Exception {
        CardFactory.Made selected = adults.get(2);
        CardFactory.Made other = adults.get(3);
        stack.insert(other.profile());
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, selected.cardSerial(), VisitorType.HOLDER);
        w.identity(CounterStack.holderWithPassport());
        w.cardPresented();
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CARD-001");
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        assertThat(new CardAccess(stack.station).pins().values()).allMatch(p -> p.state() == PinStatus.State.NOT_SET);
        w.cancel();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.CANCELLED);
        assertThat(DeliveryWorkflow.interrupted(stack.station)).isEmpty();
        stack.remove();
    }

    @Test
    void d_cardPulledDuringPins_resumesAtTheFirstPinNotSet_andCrashResumeFinishes() throws Exception {
        CardFactory.Made card = adults.get(2);
        // Read (≈28 APDUs) + pin status, then the SIGN PIN's session; vanish in the second PIN's session.
        stack.insert(card.profile(), Faults.parse("vanish=50"));
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        w.identity(CounterStack.holderWithPassport());
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        w.collected(ITEMS);
        int set = 0;
        while (w.failure().isEmpty() && w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin(pinFor(t), pinFor(t));
            if (w.failure().isEmpty()) {
                set++;
            }
        }
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CARD-007");
        assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
        stack.remove();
        // The application "crashes": only the saved state survives. The card comes back.
        String id = w.id();
        stack.insert(card.profile());
        DeliveryWorkflow resumed = DeliveryWorkflow.resume(stack.station, id);
        assertThat(resumed.expects()).isEqualTo(Workflow.Input.CARD);
        resumed.cardPresented();
        assertThat(resumed.failure()).isEmpty();
        // Whatever reached the card is not asked for again.
        int remaining = 0;
        while (resumed.pinToSet().isPresent()) {
            PinType t = resumed.pinToSet().get();
            resumed.newPin(pinFor(t), pinFor(t));
            assertThat(resumed.failure()).isEmpty();
            remaining++;
        }
        // The PIN in hand when the card vanished is asked again (its write is not known to have happened).
        assertThat(set).isBetween(1, 3);
        assertThat(set + remaining).isEqualTo(4);
        resumed.proceed();
        assertThat(resumed.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("central ACTIVE", Duration.ofSeconds(15), () -> "ACTIVE".equals(stack.centralCardStatus(card.cardSerial())));
        stack.remove();
    }

    @Test
    void e_suspendedCentrally_isRefusedBeforeTheCard() throws Exception {
        CardFactory.Made card = adults.get(4);
        stack.suspendCentrally(card.cardSerial());
        stack.engine.wake();
        CounterStack.await("cache sees SUSPENDED", Duration.ofSeconds(15),
                () -> stack.cache.card(card.cardSerial()).map(c -> c.status().equals("SUSPENDED")).orElse(false));
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.REFUSED);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CARD-004");
        assertThat(w.expects()).isEqualTo(Workflow.Input.NONE);
    }

    @Test
    void f_pinResetOffline_completesAndQueues() throws Exception {
        CardFactory.Made card = adults.get(5);
        stack.insert(card.profile());
        deliver(card);
        CounterStack.await("central ACTIVE", Duration.ofSeconds(15), () -> "ACTIVE".equals(stack.centralCardStatus(card.cardSerial())));
        stack.engine.wake();
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(15),
                () -> stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false));
        // Lock the AUTH PIN on the card: three wrong entries.
        for (int i = 0; i < 3; i++) {
            new CardAccess(stack.station).run(c -> c.verifyPin(PinKind.AUTH, "0000".toCharArray()));
        }
        stack.goOffline();
        try {
            PinResetWorkflow w = PinResetWorkflow.start(stack.station, VisitorType.HOLDER);
            assertThat(w.expects()).isEqualTo(Workflow.Input.CARD);
            w.cardPresented();
            assertThat(w.failure()).isEmpty();
            assertThat(w.triesLeft()).containsEntry(PinType.AUTH, 0);
            w.choose(Set.of(PinType.AUTH), PinResetWorkflow.Reason.BLOCKED);
            w.identity(CounterStack.holderWithPassport());
            assertThat(w.pinToSet()).contains(PinType.AUTH);
            w.newPin("2580".toCharArray(), "2580".toCharArray());
            assertThat(w.step()).isEqualTo(PinResetWorkflow.Step.DONE);
            PinResetWorkflow.Receipt r = w.receipt().orElseThrow();
            assertThat(r.queuedOffline()).isTrue();
            assertThat(r.triesLeftBefore()).containsEntry(PinType.AUTH, 0);
            assertThat(w.notices()).extracting(Notice::kind).contains(Notice.Kind.QUEUED_UNTIL_SYNC);
            assertThat(new CardAccess(stack.station).run(c -> c.verifyPin(PinKind.AUTH, "2580".toCharArray())).ok()).isTrue();
        } finally {
            stack.goOnline();
        }
        CounterStack.await("PIN_RESET at central", Duration.ofSeconds(20), () -> centralHas("PIN_RESET"));
        stack.remove();
    }

    @Test
    void g_renewalOffline_refusedBeforeTheCardIsTouched() throws Exception {
        stack.goOffline();
        try {
            RenewalWorkflow w = RenewalWorkflow.start(stack.station, VisitorType.HOLDER);
            assertThat(w.step()).isEqualTo(RenewalWorkflow.Step.REFUSED);
            assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-SYNC-001");
            assertThat(w.expects()).isEqualTo(Workflow.Input.NONE);
        } finally {
            stack.goOnline();
        }
    }

    @Test
    void h_renewalBeforeTheWindow_refusedWithOpeningDate_andWrongPinCountsDown() throws Exception {
        CardFactory.Made card = adults.get(6);
        stack.insert(card.profile());
        deliver(card);
        CounterStack.await("cache ACTIVE + certs VALID", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false)
                    && CardRecord.load(stack.cache, CounterStack.OFFICE, card.cardSerial()).certificates().values().stream()
                    .allMatch(c -> c.status() == jp.madoguchi.app.counter.domain.CertStatus.VALID);
        });
        RenewalWorkflow w = RenewalWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        assertThat(w.step()).isEqualTo(RenewalWorkflow.Step.CHOICE);
        w.choose(Set.of(CertKind.AUTH), false);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CERT-001");
        assertThat(w.step()).isEqualTo(RenewalWorkflow.Step.CHOICE);
        w.cancel();
        stack.remove();
    }

    @Test
    void i_issuanceForACardWithoutCertificates_writesTheCasCertificate() throws Exception {
        CardFactory.Made card = stack.card(m -> CounterStack.age(m) >= 18 && noCertificates(m));
        stack.insert(card.profile());
        deliver(card);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(15), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        RenewalWorkflow w = RenewalWorkflow.start(stack.station, VisitorType.HOLDER);
        w.cardPresented();
        w.choose(Set.of(CertKind.AUTH), false);
        assertThat(w.failure()).isEmpty();
        assertThat(w.plans()).containsEntry(CertKind.AUTH, OperationType.CERT_ISSUED);
        assertThat(w.pinsToVerify()).containsExactly(PinType.JUKI);
        w.currentPin(PinType.JUKI, "0000".toCharArray());
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-PIN-005");
        w.currentPin(PinType.JUKI, "5827".toCharArray());
        assertThat(w.failure()).isEmpty();
        w.identity(CounterStack.holderWithPassport());
        assertThat(w.expects()).isEqualTo(Workflow.Input.PROCEED);
        w.proceed();
        assertThat(w.failure()).isEmpty();
        assertThat(w.step()).isEqualTo(RenewalWorkflow.Step.DONE);
        RenewalWorkflow.Written written = w.receipt().orElseThrow().certificates().get(0);
        var snap = new CardAccess(stack.station).read();
        assertThat(snap.authCertificate()).isPresent();
        assertThat(snap.authCertificate().get().serialNumber().toString(16).toUpperCase()).isEqualTo(written.certSerialHex());
        CounterStack.await("CERT_ISSUED at central", Duration.ofSeconds(20), () -> centralHas("CERT_ISSUED"));
        stack.remove();
    }

    @Test
    void j_under15_signingRefused() throws Exception {
        CardFactory.Made child = stack.card(m -> CounterStack.age(m) < 15 && !m.pinsPreset()
                && !noCertificates(m));
        stack.insert(child.profile());
        deliver(child);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(15), () -> {
            stack.engine.wake();
            return stack.cache.card(child.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        RenewalWorkflow w = RenewalWorkflow.start(stack.station, VisitorType.HOLDER_WITH_LEGAL_REP);
        w.cardPresented();
        w.choose(Set.of(CertKind.SIGN), false);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CERT-003");
        w.cancel();
        stack.remove();
    }

    @Test
    void k_expiredCard_refused() throws Exception {
        CardFactory.Made card = adults.get(3);
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(366L * 11));
        CounterStation s = stack.station;
        CounterStation inTheFuture = new CounterStation(s.office(), s.staff(), s.monitor(), s.reader(), s.issuerKey(), s.store(),
                s.cache(), s.sync(), s.ca(), later, s.officeSettings(), s.calendar(), s.stateDir());
        DeliveryWorkflow w = DeliveryWorkflow.start(inTheFuture, card.cardSerial(), VisitorType.HOLDER);
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.REFUSED);
        assertThat(w.failure().orElseThrow().code()).isEqualTo("MDG-CARD-006");
    }

    @Test
    void l_cardOfAnotherOffice_refused() throws Exception {
        var other = new CardFactory(stack.central, 99).make("131024", 1, 0, dir.resolve("other-cards")).get(0);
        DeliveryWorkflow online = DeliveryWorkflow.start(stack.station, other.cardSerial(), VisitorType.HOLDER);
        assertThat(online.failure().orElseThrow().code()).isEqualTo("MDG-CARD-002");
        stack.goOffline();
        try {
            DeliveryWorkflow offline = DeliveryWorkflow.start(stack.station, other.cardSerial(), VisitorType.HOLDER);
            assertThat(offline.failure().orElseThrow().code()).isEqualTo("MDG-CARD-010");
        } finally {
            stack.goOnline();
        }
    }

    static boolean noCertificates(CardFactory.Made m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.profile().toFile()).path("certificates").path("auth").isNull();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }



    private static boolean centralHas(String type) {
        try {
            return stack.central.database().read(c -> {
                try (var s = c.prepareStatement("SELECT count(*) FROM operation WHERE type = ? AND outcome = 'APPLIED'")) {
                    s.setString(1, type);
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        return rs.getInt(1) > 0;
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
