package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voluntary proxy's two-visit route (照会書兼回答書, §2.2, PR-34) for a PIN reset on the real stack
 * (central over mutual TLS, SQLite store, card in the in-JVM terminal): visit 1 registers and numbers
 * the sheet; visit 2, on a later day within 30 days, resets the PIN with the sealed answer. The
 * workstation's clock moves; central keeps its own.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ProxyInquiryTest {

    @TempDir
    static Path dir;
    static final MovableClock CLOCK = new MovableClock();
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    static CardFactory.Made card;
    static ProxyInquiryWorkflow.Sheet sheet;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, CLOCK, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        card = adults.get(0);
        stack.insert(card.profile());
        assertThat(stack.deliver(card).step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        stack.remove();
    }

    @AfterEach
    void pull() throws Exception {
        stack.remove();
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    static IdentityDocument passport() {
        return IdentityDocument.classA(DocumentType.PASSPORT, LocalDate.now().plusYears(5));
    }

    /** The proxy at visit 2: the card, their passport and licence, the sheet and its sealed answer. */
    static IdentityCheck visit2(InquirySheet s, boolean unopened) {
        return new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(),
                List.of(passport(), IdentityDocument.classA(DocumentType.DRIVERS_LICENSE, LocalDate.now().plusYears(5))),
                Set.of(PossessionProof.CARD_PRESENTED), Optional.empty(),
                new ProxyPaperwork(Optional.empty(), Set.of(), false, false, false, Optional.of(s),
                        Optional.of(new ProxyPaperwork.SealedAnswer(ProxyPaperwork.SealedAnswer.Source.INQUIRY_SHEET, unopened))));
    }

    static String code(Workflow<?> w) {
        return w.failure().map(MadoguchiException::code).orElse("none");
    }

    /** A proxy PIN reset up to IDENTITY, the card inserted. */
    static PinResetWorkflow resetByProxy() throws Exception {
        stack.insert(card.profile());
        PinResetWorkflow w = PinResetWorkflow.start(stack.station, VisitorType.VOLUNTARY_PROXY);
        w.cardPresented();
        w.choose(Set.of(PinType.AUTH), PinResetWorkflow.Reason.FORGOTTEN);
        assertThat(w.expects()).isEqualTo(Workflow.Input.IDENTITY);
        return w;
    }

    @Test
    void a_visit1_needsTheProxysDocuments_thenRegistersANumberedSheet() {
        ProxyInquiryWorkflow refused = ProxyInquiryWorkflow.start(stack.station, card.cardSerial(), Operation.DELIVERY);
        assertThat(refused.step()).isEqualTo(ProxyInquiryWorkflow.Step.REFUSED);
        assertThat(code(refused)).isEqualTo("MDG-PROXY-001");

        ProxyInquiryWorkflow w = ProxyInquiryWorkflow.start(stack.station, card.cardSerial(), Operation.PIN_RESET);
        assertThat(w.failure()).isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.IDENTITY);
        w.identity(new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(), List.of(passport()), Set.of(), Optional.empty(),
                ProxyPaperwork.none()));
        assertThat(code(w)).isEqualTo("MDG-ID-001");
        assertThat(w.step()).isEqualTo(ProxyInquiryWorkflow.Step.IDENTITY);
        w.identity(new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(),
                List.of(passport(), IdentityDocument.classB(DocumentType.HEALTH_INSURANCE_CERTIFICATE)), Set.of(), Optional.empty(),
                ProxyPaperwork.none()));
        assertThat(w.step()).isEqualTo(ProxyInquiryWorkflow.Step.DONE);
        sheet = w.sheet().orElseThrow();
        LocalDate today = jp.madoguchi.app.counter.rules.ValidityRules.today(CLOCK.instant());
        assertThat(sheet.sheet().issuedOn()).isEqualTo(today);
        assertThat(sheet.sheet().number()).matches("Q[0-9]{8}-[0-9A-F]{6}");
        assertThat(sheet.validUntil()).isEqualTo(today.plusDays(30));
        assertThat(sheet.operation()).isEqualTo(Operation.PIN_RESET);
        assertThat(sheet.cardSerialLast4()).isEqualTo(card.cardSerial().substring(11));
        assertThat(ProxyInquiryWorkflow.interrupted(stack.station)).isEmpty();
    }

    @Test
    void b_visit2_onTheSameDay_isRefused() throws Exception {
        PinResetWorkflow w = resetByProxy();
        w.identity(visit2(sheet.sheet(), true));
        assertThat(code(w)).isEqualTo("MDG-PROXY-001");
        w.cancel();
    }

    @Test
    void c_visit2_aDayLater_withASheetNotIssuedHere_orOpened_isRefused_theRegisteredOneResetsThePin() throws Exception {
        CLOCK.moveTo(CLOCK.instant().plus(Duration.ofDays(1)));
        PinResetWorkflow w = resetByProxy();
        // A forged sheet: unknown number, or a real number with a date chosen by the proxy.
        w.identity(visit2(new InquirySheet("Q20260101-ABCDEF", sheet.sheet().issuedOn()), true));
        assertThat(code(w)).isEqualTo("MDG-PROXY-001");
        w.identity(visit2(sheet.sheet(), false));
        assertThat(code(w)).isEqualTo("MDG-PROXY-002");
        w.identity(visit2(new InquirySheet(sheet.sheet().number(), sheet.sheet().issuedOn().minusDays(40)), true));
        assertThat(w.failure()).as("the register's date counts, not the one typed in").isEmpty();
        w.newPin("8080".toCharArray(), "8080".toCharArray());
        assertThat(w.step()).isEqualTo(PinResetWorkflow.Step.DONE);
        assertThat(w.receipt().orElseThrow().visitorType()).isEqualTo(VisitorType.VOLUNTARY_PROXY);
        assertThat(stack.engine.awaitSettled(w.receipt().orElseThrow().seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        assertThat(new CardAccess(stack.station).run(c -> c.verifyPin(PinKind.AUTH, "8080".toCharArray())).ok()).isTrue();

        // One sheet, one operation: the proxy cannot come back with the same answer.
        stack.remove();
        PinResetWorkflow again = resetByProxy();
        again.identity(visit2(sheet.sheet(), true));
        assertThat(code(again)).as("a spent sheet").isEqualTo("MDG-PROXY-001");
        again.cancel();
    }

    @Test
    void d_aSheetForAnotherCardOrOperation_orPastItsThirtyDays_isRefused() throws Exception {
        ProxyInquiryWorkflow other = ProxyInquiryWorkflow.start(stack.station, adults.get(1).cardSerial(), Operation.PIN_RESET);
        // That card was never delivered: a PIN reset has nothing to reset (preconditions), refused at visit 1.
        assertThat(code(other)).isEqualTo("MDG-CARD-012");
        ProxyInquiryWorkflow change = ProxyInquiryWorkflow.start(stack.station, card.cardSerial(), Operation.PIN_CHANGE);
        change.identity(new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(),
                List.of(passport(), IdentityDocument.classA(DocumentType.DRIVERS_LICENSE, LocalDate.now().plusYears(5))), Set.of(),
                Optional.empty(), ProxyPaperwork.none()));
        InquirySheet forChange = change.sheet().orElseThrow().sheet();
        CLOCK.moveTo(CLOCK.instant().plus(Duration.ofDays(2)));
        PinResetWorkflow w = resetByProxy();
        w.identity(visit2(forChange, true));
        assertThat(code(w)).as("a PIN change's sheet does not reset a PIN").isEqualTo("MDG-PROXY-001");
        w.cancel();
        stack.remove();
        CLOCK.moveTo(CLOCK.instant().plus(Duration.ofDays(30)));
        PinChangeWorkflow late = PinChangeWorkflow.start(stack.station, VisitorType.VOLUNTARY_PROXY);
        stack.insert(card.profile());
        late.cardPresented();
        late.choose(Set.of(PinType.JUKI));
        late.identity(visit2(forChange, true));
        assertThat(code(late)).as("32 days after visit 1").isEqualTo("MDG-PROXY-001");
        late.cancel();
    }

    /**
     * A clerk's certificate work for a voluntary proxy needs a supervisor (§2.3): the certificate route
     * of the two visits, then the CA is not asked until a supervisor approved; the approver reaches central.
     */
    @Test
    void e_certificateIssuanceForAProxy_twoVisits_andASupervisorsApprovalBeforeTheCa() throws Exception {
        CardFactory.Made bare = stack.card(m -> CounterStack.age(m) >= 18 && WorkflowStackTest.noCertificates(m));
        stack.insert(bare.profile());
        assertThat(stack.deliver(bare).step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(bare.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        ProxyInquiryWorkflow visit1 = ProxyInquiryWorkflow.start(stack.station, bare.cardSerial(), Operation.CERT_RENEWAL);
        visit1.identity(new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(),
                List.of(passport(), IdentityDocument.classA(DocumentType.DRIVERS_LICENSE, LocalDate.now().plusYears(5))), Set.of(),
                Optional.empty(), ProxyPaperwork.none()));
        assertThat(visit1.awaitingApproval()).as("visit 1 writes nothing: the approval is asked at visit 2").isFalse();
        InquirySheet certSheet = visit1.sheet().orElseThrow().sheet();
        CLOCK.moveTo(CLOCK.instant().plus(Duration.ofDays(3)));

        RenewalWorkflow w = RenewalWorkflow.start(stack.station, VisitorType.VOLUNTARY_PROXY);
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        assertThat(w.awaitingApproval()).isTrue();
        w.choose(Set.of(jp.madoguchi.app.counter.domain.CertKind.AUTH), false);
        assertThat(w.plans()).containsValue(jp.madoguchi.cache.OperationType.CERT_ISSUED);
        w.currentPin(PinType.JUKI, CounterStack.pinFor(PinType.JUKI));
        w.identity(visit2(certSheet, true));
        assertThat(w.failure()).as("the renewal's sheet serves the new issuance too").isEmpty();
        assertThat(w.expects()).isEqualTo(Workflow.Input.PROCEED);
        w.proceed();
        assertThat(code(w)).isEqualTo("MDG-FLOW-007");
        assertThat(stack.centralCertificates(bare.cardSerial())).as("the CA was not asked").isEmpty();
        w.approve(stack.staffDirectory(), "S001", "supervisor-password-1".toCharArray());
        assertThat(w.failure()).isEmpty();
        w.proceed();
        assertThat(w.step()).isEqualTo(RenewalWorkflow.Step.DONE);
        RenewalWorkflow.Written written = w.receipt().orElseThrow().certificates().get(0);
        assertThat(stack.engine.awaitSettled(written.seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        assertThat(stack.centralOperationBody(written.opId())).contains("\"supervisorId\":\"S001\"").contains("CERT_ISSUED");
    }

    /**
     * Visit 2 of an online-only operation (suspension lift, PR-23): refused before the card while
     * central is unreachable, done online with the registered sheet and the 住基用 PIN (PR-14), applied
     * by central as the proxy's; the spent sheet does not lift the card's next suspension.
     */
    @Test
    void f_suspensionLiftForAProxy_onlineOnly_twoVisits_oneUse() throws Exception {
        stack.suspendCentrally(card.cardSerial());
        CounterStack.await("cache sees SUSPENDED", Duration.ofSeconds(15), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("SUSPENDED")).orElse(false);
        });
        ProxyInquiryWorkflow visit1 = ProxyInquiryWorkflow.start(stack.station, card.cardSerial(), Operation.SUSPENSION_LIFT);
        visit1.identity(new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(),
                List.of(passport(), IdentityDocument.classA(DocumentType.DRIVERS_LICENSE, LocalDate.now().plusYears(5))), Set.of(),
                Optional.empty(), ProxyPaperwork.none()));
        assertThat(visit1.step()).isEqualTo(ProxyInquiryWorkflow.Step.DONE);
        InquirySheet liftSheet = visit1.sheet().orElseThrow().sheet();
        CLOCK.moveTo(CLOCK.instant().plus(Duration.ofDays(1)));

        stack.goOffline();
        try {
            SuspensionLiftWorkflow offline = SuspensionLiftWorkflow.start(stack.station, VisitorType.VOLUNTARY_PROXY);
            assertThat(offline.step()).isEqualTo(SuspensionLiftWorkflow.Step.REFUSED);
            assertThat(code(offline)).isEqualTo("MDG-SYNC-001");
        } finally {
            stack.goOnline();
        }

        stack.insert(card.profile());
        SuspensionLiftWorkflow w = SuspensionLiftWorkflow.start(stack.station, VisitorType.VOLUNTARY_PROXY);
        w.cardPresented();
        assertThat(w.failure()).isEmpty();
        w.jukiPin(CounterStack.pinFor(PinType.JUKI));
        w.identity(visit2(sheet.sheet(), true));
        assertThat(code(w)).as("the PIN reset's (spent) sheet does not lift a suspension").isEqualTo("MDG-PROXY-001");
        w.identity(visit2(liftSheet, false));
        assertThat(code(w)).isEqualTo("MDG-PROXY-002");
        w.identity(visit2(liftSheet, true));
        assertThat(w.failure()).isEmpty();
        w.proceed();
        assertThat(w.step()).isEqualTo(SuspensionLiftWorkflow.Step.DONE);
        SuspensionLiftWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.visitorType()).isEqualTo(VisitorType.VOLUNTARY_PROXY);
        assertThat(stack.engine.awaitSettled(r.seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        assertThat(stack.centralOperationBody(r.opId())).contains("\"visitorType\":\"VOLUNTARY_PROXY\"");
        assertThat(stack.centralCardStatus(card.cardSerial())).isEqualTo("ACTIVE");
        stack.remove();

        stack.suspendCentrally(card.cardSerial());
        CounterStack.await("cache sees SUSPENDED again", Duration.ofSeconds(15), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("SUSPENDED")).orElse(false);
        });
        stack.insert(card.profile());
        SuspensionLiftWorkflow again = SuspensionLiftWorkflow.start(stack.station, VisitorType.VOLUNTARY_PROXY);
        again.cardPresented();
        again.jukiPin(CounterStack.pinFor(PinType.JUKI));
        again.identity(visit2(liftSheet, true));
        assertThat(code(again)).as("a spent sheet").isEqualTo("MDG-PROXY-001");
        again.cancel();
    }
}
