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
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.card.PinStatus;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervisor approval (counter-rules §1.3 cell A, PR-03) on the real stack (central over mutual TLS,
 * SQLite store, a real staff file with PBKDF2 and lockout; the card in the in-JVM terminal): delivery
 * to a voluntary proxy, started by a clerk, waits for a supervisor before the first PIN is written.
 */
class SupervisorApprovalTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    static int next;
    StaffDirectory staff;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        assertThat(adults).hasSizeGreaterThanOrEqualTo(4);
    }

    @AfterEach
    void pull() throws Exception {
        stack.remove();
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    /** A proxy who meets §2.0's delivery row: holder's A×2, proxy's A+B, a hospital stay with evidence, notice back completed, PINs concealed. */
    static IdentityCheck proxy() {
        IdentityDocument passport = IdentityDocument.classA(DocumentType.PASSPORT, LocalDate.now().plusYears(3));
        IdentityDocument licence = IdentityDocument.classA(DocumentType.DRIVERS_LICENSE, LocalDate.now().plusYears(2));
        return new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(passport, licence),
                List.of(licence, IdentityDocument.classB(DocumentType.HEALTH_INSURANCE_CERTIFICATE)), Set.of(), Optional.empty(),
                new ProxyPaperwork(Optional.of(ProxyReason.HOSPITAL), Set.of(ProxyEvidence.MEDICAL_CERTIFICATE), true, true, false,
                        Optional.empty(), Optional.empty()));
    }

    static String code(Workflow<?> w) {
        return w.failure().map(MadoguchiException::code).orElse("none");
    }

    /** A clerk's proxy delivery up to the first PIN, with the card inserted. */
    static DeliveryWorkflow proxyDeliveryAtPins(CounterStation station, CardFactory.Made card) throws Exception {
        stack.insert(card.profile());
        DeliveryWorkflow w = DeliveryWorkflow.start(station, card.cardSerial(), VisitorType.VOLUNTARY_PROXY);
        assertThat(w.failure()).isEmpty();
        w.identity(proxy());
        assertThat(w.failure()).as("identity").isEmpty();
        w.cardPresented();
        w.collected(CounterStack.ITEMS);
        assertThat(w.pinToSet()).contains(PinType.SIGN);
        return w;
    }

    @Test
    void clerksProxyDelivery_waitsForASupervisor_refusalsLoseNothing_theApproverIsRecorded() throws Exception {
        staff = stack.staffDirectory();
        CardFactory.Made card = adults.get(next++);
        DeliveryWorkflow w = proxyDeliveryAtPins(stack.station, card);
        assertThat(w.awaitingApproval()).isTrue();
        assertThat(w.approval()).isEmpty();

        // The irreversible step is refused until approved; the card is not written.
        w.newPin(CounterStack.pinFor(PinType.SIGN), CounterStack.pinFor(PinType.SIGN));
        assertThat(code(w)).isEqualTo("MDG-FLOW-007");
        assertThat(w.failure().orElseThrow().clerkMessage(java.util.Locale.JAPANESE)).contains("責任者の承認");
        assertThat(new CardAccess(stack.station).pins().values()).allMatch(p -> p.state() == PinStatus.State.NOT_SET);

        // A clerk cannot approve, nor can the requester; a wrong password is one answer for id and password.
        char[] pw = "clerk-password-2".toCharArray();
        w.approve(staff, "C002", pw);
        assertThat(code(w)).isEqualTo("MDG-OFFICE-001");
        assertThat(pw).containsOnly('\0');
        w.approve(staff, CounterStack.CLERK, "clerk-password-1".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-OFFICE-001");
        w.approve(staff, "S999", "whatever-password".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-FLOW-008");
        w.approve(staff, "S001", "wrong-password-1".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-FLOW-008");
        w.approve(staff, "S001", "wrong-password-2".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-FLOW-008");
        // The sign-in lockout applies to approvals too: the third wrong password locks S001.
        w.approve(staff, "S001", "wrong-password-3".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-FLOW-009");
        w.approve(staff, "S001", "supervisor-password-1".toCharArray());
        assertThat(code(w)).as("locked even with the right password").isEqualTo("MDG-FLOW-009");
        assertThat(staff.accounts()).filteredOn(a -> a.staffId().equals("S001")).extracting(StaffAccount::lockedUntil).doesNotContainNull();
        assertThat(w.awaitingApproval()).isTrue();
        assertThat(w.step()).as("every refusal left the step as it was").isEqualTo(DeliveryWorkflow.Step.PINS);
        assertThat(w.pinToSet()).contains(PinType.SIGN);

        // Another supervisor approves; a second approval has nothing to approve.
        w.approve(staff, "S002", "supervisor-password-2".toCharArray());
        assertThat(w.failure()).isEmpty();
        assertThat(w.awaitingApproval()).isFalse();
        SupervisorApproval approval = w.approval().orElseThrow();
        assertThat(approval.supervisorId()).isEqualTo("S002");
        assertThat(approval.supervisorName()).isEqualTo("責任 花子");
        w.approve(staff, "S002", "supervisor-password-2".toCharArray());
        assertThat(code(w)).isEqualTo("MDG-FLOW-004");

        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin(CounterStack.pinFor(t), CounterStack.pinFor(t));
            assertThat(w.failure()).as("PIN " + t).isEmpty();
        }
        w.proceed();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        assertThat(r.visitorType()).isEqualTo(VisitorType.VOLUNTARY_PROXY);
        // The act (and the audit-covered payload) names the approver; central receives it as supervisorId.
        assertThat(stack.store.details(r.seq()).path("approval").path("supervisorId").asText()).isEqualTo("S002");
        assertThat(stack.engine.awaitSettled(r.seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        String body = stack.centralOperationBody(r.opId());
        assertThat(body).contains("\"supervisorId\":\"S002\"").contains("\"clerkId\":\"" + CounterStack.CLERK + "\"");
    }

    @Test
    void anApproval_survivesACrash() throws Exception {
        staff = stack.staffDirectory();
        CardFactory.Made card = adults.get(next++);
        DeliveryWorkflow first = proxyDeliveryAtPins(stack.station, card);
        first.approve(staff, "S001", "supervisor-password-1".toCharArray());
        assertThat(first.approval()).isPresent();
        DeliveryWorkflow w = DeliveryWorkflow.resume(stack.station, first.id());
        assertThat(w.awaitingApproval()).isFalse();
        assertThat(w.approval().orElseThrow().supervisorId()).isEqualTo("S001");
        w.cancel();
        assertThat(DeliveryWorkflow.interrupted(stack.station)).isEmpty();
    }

    @Test
    void noApproval_forTheHolder() throws Exception {
        staff = stack.staffDirectory();
        CardFactory.Made card = adults.get(next++);
        stack.insert(card.profile());
        DeliveryWorkflow holder = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        assertThat(holder.awaitingApproval()).isFalse();
        holder.approve(staff, "S001", "supervisor-password-1".toCharArray());
        assertThat(code(holder)).isEqualTo("MDG-FLOW-004");
        holder.cancel();
    }

    /** The station with supervisor S002 signed in (their own counter work). */
    static CounterStation supervisorStation() {
        CounterStation s = stack.station;
        return new CounterStation(s.office(), new Staff("S002", "責任 花子", StaffRole.SUPERVISOR, s.office().code()),
                s.monitor(), s.reader(), s.issuerKey(), s.store(), s.cache(), s.sync(), s.ca(), s.clock(), s.officeSettings(),
                s.calendar(), s.stateDir());
    }

    @Test
    void aSupervisorsOwnProxyDelivery_needsASecondSupervisor_whileOneIsOnDuty() throws Exception {
        staff = stack.staffDirectory();
        // S001 signed in at this workstation today: on duty.
        assertThat(staff.signIn("S001", "supervisor-password-1".toCharArray(), Duration.ofMinutes(10)))
                .isInstanceOf(jp.madoguchi.app.staff.SignInOutcome.SignedIn.class);
        DeliveryWorkflow own = proxyDeliveryAtPins(supervisorStation(), adults.get(next++));
        assertThat(own.awaitingApproval()).as("PR-03's four eyes on the supervisor's own A work").isTrue();
        own.newPin(CounterStack.pinFor(PinType.SIGN), CounterStack.pinFor(PinType.SIGN));
        assertThat(code(own)).isEqualTo("MDG-FLOW-007");

        own.approve(staff, "S002", "supervisor-password-2".toCharArray(), Optional.of("急ぎのため"));
        assertThat(code(own)).as("another supervisor is on duty").isEqualTo("MDG-FLOW-011");
        assertThat(own.awaitingApproval()).isTrue();
        own.approve(staff, "S001", "supervisor-password-1".toCharArray(), Optional.of("ignored for another supervisor"));
        assertThat(own.failure()).isEmpty();
        SupervisorApproval a = own.approval().orElseThrow();
        assertThat(a.supervisorId()).isEqualTo("S001");
        assertThat(a.selfApproved()).isFalse();
        assertThat(a.reason()).isEmpty();
        own.cancel();
    }

    @Test
    void theOnlySupervisorOnDuty_approvesTheirOwnOperationWithAReason_recordedSentAndTallied() throws Exception {
        staff = stack.staffDirectory();
        // No other supervisor signed in or approved at this workstation today.
        CounterStation station = supervisorStation();
        CardFactory.Made card = adults.get(next++);
        DeliveryWorkflow own = proxyDeliveryAtPins(station, card);
        assertThat(own.awaitingApproval()).isTrue();

        own.approve(staff, "S002", "supervisor-password-2".toCharArray());
        assertThat(code(own)).as("no reason").isEqualTo("MDG-FLOW-010");
        assertThat(own.failure().orElseThrow().clerkMessage(java.util.Locale.JAPANESE)).contains("理由");
        own.approve(staff, "S002", "supervisor-password-2".toCharArray(), Optional.of("  \t "));
        assertThat(code(own)).as("a blank reason").isEqualTo("MDG-FLOW-010");
        own.approve(staff, "S002", "wrong-password-9".toCharArray(), Optional.of("単独勤務"));
        assertThat(code(own)).as("the password is still checked").isEqualTo("MDG-FLOW-008");
        assertThat(own.awaitingApproval()).isTrue();

        String reason = "本日は責任者が一人のみ（S001は出張）";
        own.approve(staff, "S002", "supervisor-password-2".toCharArray(), Optional.of("  " + reason + " "));
        assertThat(own.failure()).isEmpty();
        assertThat(own.approval().orElseThrow().reason()).contains(reason);
        assertThat(own.approval().orElseThrow().selfApproved()).isTrue();

        // The reason is saved with the workflow: a crash does not lose it.
        DeliveryWorkflow w = DeliveryWorkflow.resume(station, own.id());
        assertThat(w.awaitingApproval()).isFalse();
        assertThat(w.approval().orElseThrow().reason()).contains(reason);
        if (w.expects() == Workflow.Input.CARD) {
            w.cardPresented();
        }
        assertThat(w.pinToSet()).as("resumed at the PINs").contains(PinType.SIGN);
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin(CounterStack.pinFor(t), CounterStack.pinFor(t));
            assertThat(w.failure()).as("PIN " + t).isEmpty();
        }
        w.proceed();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();

        // The act's audit-covered payload carries the reason; central keeps it in the operation's body.
        var approval = stack.store.details(r.seq()).path("approval");
        assertThat(approval.path("supervisorId").asText()).isEqualTo("S002");
        assertThat(approval.path("selfApprovalReason").asText()).isEqualTo(reason);
        assertThat(stack.store.verifyAudit().intact()).isTrue();
        assertThat(stack.engine.awaitSettled(r.seq(), Duration.ofSeconds(20)).outcome()).isEqualTo("APPLIED");
        assertThat(stack.centralOperationBody(r.opId())).contains("\"selfApprovalReason\":\"" + reason + "\"")
                .contains("\"supervisorId\":\"S002\"").contains("\"clerkId\":\"S002\"");

        // The daily tally of today lists it.
        var data = new jp.madoguchi.app.reporting.CounterData(stack.store, stack.cache, stack.engine.status(),
                station.office().code(), station.office().name(), "S002", "責任 花子");
        var tally = jp.madoguchi.app.reporting.DailyTallies.of(data,
                jp.madoguchi.app.counter.rules.ValidityRules.today(station.clock().instant()), "T", java.time.LocalDateTime.now());
        assertThat(tally.selfApprovals()).singleElement().asString().contains("交付", "責任 花子（S002）", reason);
    }
}
