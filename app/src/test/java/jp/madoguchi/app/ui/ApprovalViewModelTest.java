package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's supervisor approval (PR-03) without a window, on the real counter stack and a real
 * staff file (PBKDF2, lockout): a clerk's delivery to a voluntary proxy stops before the first PIN
 * until a supervisor approves at the clerk's window; refusals keep the page and say their code.
 */
class ApprovalViewModelTest {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    static StaffDirectory staffFile;
    private final Texts texts = new Texts(Locale.JAPANESE);
    private WizardViewModel vm;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, false, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        staffFile = staffFile(dir.resolve("staff"));
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void pull() throws Exception {
        vm.close();
        stack.remove();
    }

    /** This office's accounts in a real staff file: the clerk at the station (C001), a second clerk, two supervisors. */
    static StaffDirectory staffFile(Path where) {
        StaffDirectory staff = StaffDirectory.open(where, Clock.systemUTC(), new LockoutRule(3, Duration.ofMinutes(15)),
                new PasswordHasher(1000), () -> { });
        staff.provision("C001", "窓口 一郎", StaffRole.CLERK, "clerk-password-1".toCharArray());
        staff.provision("C002", "窓口 二郎", StaffRole.CLERK, "clerk-password-2".toCharArray());
        staff.provision("S001", "責任 太郎", StaffRole.SUPERVISOR, "supervisor-password-1".toCharArray());
        staff.provision("S002", "責任 花子", StaffRole.SUPERVISOR, "supervisor-password-2".toCharArray());
        return staff;
    }

    private void enter(String pin) {
        for (char c : pin.toCharArray()) {
            vm.pad().key(c);
        }
        vm.pad().submit();
    }

    private char[] approveAs(String id, String password) {
        vm.approverIdProperty().set(id);
        char[] typed = password.toCharArray();
        vm.approve(typed);
        return typed;
    }

    @Test
    void a_clerks_delivery_to_a_proxy_waits_for_a_supervisor_at_the_first_pin() throws Exception {
        CardFactory.Made card = adults.get(0);
        vm = new WizardViewModel(texts, new SameThread(), Runnable::run, (t, q) -> true, staff -> stack.station,
                new StaffAccount("C001", "窓口 一郎", StaffRole.CLERK, 0, null), staffFile, WizardViewModelTest.printing());
        vm.choose(WizardViewModel.Act.DELIVERY);
        vm.serialProperty().set(card.cardSerial());
        vm.visitorProperty().set(VisitorType.VOLUNTARY_PROXY);
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.IDENTITY);
        assertThat(vm.awaitingApprovalProperty().get()).as("no panel before the step that needs it").isFalse();
        vm.documentProperty().set(DocumentType.PASSPORT);
        vm.documentValidUntilProperty().set(LocalDate.now().plusYears(3));
        vm.secondDocumentProperty().set(DocumentType.HEALTH_INSURANCE_CERTIFICATE);
        vm.advance();
        assertThat(vm.problemTextProperty().get()).as("the proxy's papers are asked for").startsWith("代理人の本人確認書類");
        vm.proxyDocumentProperty().set(DocumentType.DRIVERS_LICENSE);
        vm.proxySecondDocumentProperty().set(DocumentType.PENSION_BOOK);
        vm.proxyReasonProperty().set(ProxyReason.HOSPITAL);
        vm.advance();
        assertThat(vm.failureTextProperty().get()).as("no evidence, no sealed PINs").startsWith("MDG-PROXY-001");
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.IDENTITY);
        vm.proxyEvidenceProperty().set(ProxyEvidence.MEDICAL_CERTIFICATE);
        vm.noticeBackCompletedProperty().set(true);
        vm.pinsConcealedProperty().set(true);
        vm.advance();
        assertThat(vm.failureTextProperty().get()).isEmpty();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CARD);
        stack.insert(card.profile());
        vm.advance();
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.NEW_PIN);
        assertThat(vm.awaitingApprovalProperty().get()).isTrue();
        assertThat(vm.pad().phaseProperty().get()).as("the pad waits for the approval").isEqualTo(PinPadViewModel.Phase.IDLE);
        assertThat(vm.pageTextProperty().get()).startsWith("責任者の承認の後、").contains("署名用電子証明書");

        vm.approverIdProperty().set("");
        char[] empty = new char[0];
        vm.approve(empty);
        assertThat(vm.problemTextProperty().get()).isEqualTo("責任者の職員IDとパスワードを入力してください。");

        char[] typed = approveAs("C002", "clerk-password-2");
        assertThat(typed).as("cleared after the check").containsOnly('\0');
        assertThat(vm.failureTextProperty().get()).as("a clerk cannot approve").startsWith("MDG-OFFICE-001");
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.NEW_PIN);
        approveAs("C001", "clerk-password-1");
        assertThat(vm.failureTextProperty().get()).as("nor the requester").startsWith("MDG-OFFICE-001");
        approveAs("S001", "wrong-password-1");
        assertThat(vm.failureTextProperty().get()).startsWith("MDG-FLOW-008");
        assertThat(vm.awaitingApprovalProperty().get()).isTrue();
        assertThat(vm.pad().phaseProperty().get()).isEqualTo(PinPadViewModel.Phase.IDLE);

        approveAs("S002", "supervisor-password-2");
        assertThat(vm.failureTextProperty().get()).isEmpty();
        assertThat(vm.awaitingApprovalProperty().get()).isFalse();
        assertThat(vm.approverIdProperty().get()).isEmpty();
        assertThat(vm.pad().typeProperty().get()).isEqualTo(PinType.SIGN);
        assertThat(vm.pad().phaseProperty().get()).isNotEqualTo(PinPadViewModel.Phase.IDLE);
        enter("ABC123");
        enter("ABC123");
        while (vm.pageProperty().get() == WizardViewModel.Page.NEW_PIN) {
            enter("5827");
            enter("5827");
        }
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.PROCEED);
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.SUMMARY);
        assertThat(vm.summary()).contains("来庁者：任意代理人").anyMatch(l -> l.startsWith("承認した責任者：責任 花子（S002）"));
        texts.setLocale(Locale.ENGLISH);
        assertThat(vm.summary()).anyMatch(l -> l.startsWith("Approved by 責任 花子 (S002)"));
    }

    @Test
    void a_holders_delivery_shows_no_approval_panel() throws Exception {
        CardFactory.Made card = adults.get(1);
        vm = new WizardViewModel(texts, new SameThread(), Runnable::run, (t, q) -> true, staff -> stack.station,
                new StaffAccount("C001", "窓口 一郎", StaffRole.CLERK, 0, null), staffFile, WizardViewModelTest.printing());
        vm.choose(WizardViewModel.Act.DELIVERY);
        vm.serialProperty().set(card.cardSerial());
        vm.advance();
        vm.documentProperty().set(DocumentType.PASSPORT);
        vm.documentValidUntilProperty().set(LocalDate.now().plusYears(3));
        vm.faceCheckedProperty().set(true);
        vm.advance();
        stack.insert(card.profile());
        vm.advance();
        vm.advance();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.NEW_PIN);
        assertThat(vm.awaitingApprovalProperty().get()).isFalse();
        assertThat(vm.pad().typeProperty().get()).isEqualTo(PinType.SIGN);
        char[] typed = approveAs("S001", "supervisor-password-1");
        assertThat(typed).as("nothing sent, still cleared").containsOnly('\0');
        assertThat(vm.failureTextProperty().get()).isEmpty();
        assertThat(vm.cancel()).isTrue();
    }
}
