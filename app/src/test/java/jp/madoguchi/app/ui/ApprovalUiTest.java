package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervisor approval in the wizard as the counter uses it, headless (Monocle), on the real stack:
 * the card in pcscd's virtual reader (vpcd, {@code ./mado test}), central over mutual TLS, a real
 * staff file whose checks are forbidden on the FX thread. A clerk delivers to a voluntary proxy;
 * a clerk's id is refused at the approval panel, a supervisor approves, the resident sets the PINs
 * on the pad and the delivery completes. The panel's screenshot goes to target/screenshots.
 */
class ApprovalUiTest extends WizardRobot {

    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    @TempDir
    Path data;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, true, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    @AfterEach
    void close() throws Exception {
        closeWindow();
        stack.remove();
    }

    private void open() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        openOnWorkflows(stack, clerksAndSupervisor(data, clock), clock, "C001", "clerk-password-1", (title, question) -> true, (title, name) -> Optional.empty());
    }

    @Test
    void a_clerks_delivery_to_a_voluntary_proxy_is_approved_by_a_supervisor_at_the_clerks_window() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        open();
        proxyDeliveryToThePinPage(card);

        // The approval panel, on the PIN page; the resident's pad stays closed until approved.
        waitUntil(() -> lookup("#approvalPanel").query().isVisible());
        waitUntil(() -> lookup("#approverId").query().isFocused());
        assertThat(lookup("#padPrompt").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false)).isFalse();
        assertThat(text("#approvalTitle")).isEqualTo("責任者の承認");
        assertThat((Object) lookup("#approverPassword").query()).isInstanceOf(PasswordField.class);
        assertThat(lookup("#approverPassword").query().getAccessibleText()).isEqualTo("責任者のパスワード");
        assertThat(lookup("#approve").query().getAccessibleText()).startsWith("責任者の職員IDとパスワードで承認");

        // A clerk's id is refused with its code; the page and the panel stay.
        write("C002");
        type(KeyCode.ENTER);
        write("clerk-password-2");
        Screenshots.save(stage.getScene(), "a1-approval-panel");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardFailure").startsWith("MDG-OFFICE-001"));
        assertThat(this.<PasswordField>node("#approverPassword").getText()).as("the password field is cleared").isEmpty();
        assertThat(text("#wizardTitle")).isEqualTo("交付：暗証番号の設定");
        assertThat(lookup("#approvalPanel").query().isVisible()).isTrue();
        Screenshots.save(stage.getScene(), "a2-approval-refused");

        // The supervisor approves, by keyboard: the pad opens for the first PIN.
        interact(() -> this.<javafx.scene.control.TextField>node("#approverId").clear());
        clickOn("#approverId");
        write("S001");
        type(KeyCode.ENTER);
        write("supervisor-password-1");
        type(KeyCode.ENTER);
        waitUntil(() -> !lookup("#approvalPanel").query().isVisible());
        assertThat(text("#wizardFailure")).isEmpty();
        waitUntil(() -> lookup("#padPrompt").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        setPins();
        waitUntil(() -> text("#wizardTitle").equals("交付：カードへの書き込みと記録"));
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：完了"));
        List<String> summary = new ArrayList<>(this.<ListView<String>>node("#wizardSummary").getItems());
        assertThat(summary).contains("来庁者：任意代理人").anyMatch(l -> l.startsWith("承認した責任者：責任 太郎（S001）"));
        Screenshots.save(stage.getScene(), "a3-approval-summary");
    }

    /**
     * PR-03 self-approval: supervisor S001, the only supervisor of the staff file and so the only one on
     * duty, delivers to a voluntary proxy at their own window. Their own id brings up the reason field;
     * without a reason the approval is refused (MDG-FLOW-010); with one the pad opens, and the act
     * records the reason.
     */
    @Test
    void b_the_only_supervisor_on_duty_approves_their_own_proxy_delivery_with_a_reason() throws Exception {
        CardFactory.Made card = adults.get(1);
        stack.insert(card.profile());
        MutableClock clock = new MutableClock(Instant.now());
        CounterStation s = stack.station;
        CounterStation own = new CounterStation(s.office(), new Staff("S001", "責任 太郎", jp.madoguchi.app.counter.domain.StaffRole.SUPERVISOR,
                s.office().code()), s.monitor(), s.reader(), s.issuerKey(), s.store(), s.cache(), s.sync(), s.ca(), s.clock(),
                s.officeSettings(), s.calendar(), s.stateDir());
        openOnWorkflows(staff -> own, clerksAndSupervisor(data, clock), clock, "S001", "supervisor-password-1",
                (title, question) -> true, (title, name) -> Optional.empty());
        proxyDeliveryToThePinPage(card);

        waitUntil(() -> lookup("#approvalPanel").query().isVisible());
        waitUntil(() -> lookup("#approverId").query().isFocused());
        assertThat(lookup("#approvalReason").query().isVisible()).as("no reason asked of another supervisor").isFalse();
        write("S001");
        waitUntil(() -> lookup("#approvalReason").query().isVisible());
        assertThat(lookup("#approvalReason").query().getAccessibleText()).startsWith("承認の理由");
        // Without a reason: refused with its code, nothing lost.
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#approvalReason").query().isFocused());
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#approverPassword").query().isFocused());
        write("supervisor-password-1");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardFailure").startsWith("MDG-FLOW-010"));
        assertThat(lookup("#approvalPanel").query().isVisible()).isTrue();
        assertThat(text("#wizardTitle")).isEqualTo("交付：暗証番号の設定");
        Screenshots.save(stage.getScene(), "a4-self-approval-reason-missing");

        clickOn("#approvalReason");
        write("責任者が一人のため");
        clickOn("#approverPassword");
        write("supervisor-password-1");
        type(KeyCode.ENTER);
        waitUntil(() -> !lookup("#approvalPanel").query().isVisible());
        assertThat(text("#wizardFailure")).isEmpty();
        waitUntil(() -> lookup("#padPrompt").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        assertThat(this.<javafx.scene.control.TextField>node("#approvalReason").getText()).as("cleared after the approval").isEmpty();
        setPins();
        waitUntil(() -> text("#wizardTitle").equals("交付：カードへの書き込みと記録"));
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：完了"));
        var last = stack.station.store().entries(0, 1000).stream().filter(e -> e.type() == jp.madoguchi.cache.OperationType.DELIVERY_COMPLETED)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.clerkId()).isEqualTo("S001");
        assertThat(stack.station.store().details(last.seq()).path("approval").path("selfApprovalReason").asText()).isEqualTo("責任者が一人のため");
        Screenshots.save(stage.getScene(), "a5-self-approval-summary");
    }

    /** From the choice of workflow: a delivery to a voluntary proxy with complete papers, up to the PIN page. */
    private void proxyDeliveryToThePinPage(CardFactory.Made card) throws Exception {
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：来庁者"));
        interact(() -> this.<ComboBox<VisitorType>>node("#wizardVisitor").setValue(VisitorType.VOLUNTARY_PROXY));
        clickOn("#wizardSerial");
        write(card.cardSerial());
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：本人確認"));
        assertThat(lookup("#approvalPanel").query().isVisible()).isFalse();
        interact(() -> {
            this.<ComboBox<DocumentType>>node("#wizardDocument").setValue(DocumentType.PASSPORT);
            this.<DatePicker>node("#wizardValidUntil").setValue(LocalDate.now().plusYears(2));
            this.<ComboBox<DocumentType>>node("#wizardSecondDocument").setValue(DocumentType.HEALTH_INSURANCE_CERTIFICATE);
            this.<ComboBox<DocumentType>>node("#wizardProxyDocument").setValue(DocumentType.DRIVERS_LICENSE);
            this.<ComboBox<DocumentType>>node("#wizardProxySecondDocument").setValue(DocumentType.PENSION_BOOK);
            this.<ComboBox<ProxyReason>>node("#wizardProxyReason").setValue(ProxyReason.HOSPITAL);
            this.<ComboBox<ProxyEvidence>>node("#wizardProxyEvidence").setValue(ProxyEvidence.MEDICAL_CERTIFICATE);
        });
        clickOn("#wizardProxyNoticeBack");
        clickOn("#wizardProxyPinsConcealed");
        Screenshots.save(stage.getScene(), "a0-approval-proxy-identity");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：カードの読み取り"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：回収物"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：暗証番号の設定"));
    }

    /** The resident sets the four PINs on the pad, each entered twice. */
    private void setPins() throws Exception {
        for (String pin : List.of("ABC123", "5827", "5827", "5827")) {
            String prompt = text("#padPrompt");
            tap(pin);
            clickOn("#padOk");
            waitUntil(() -> text("#padPrompt").startsWith("確認のため"));
            tap(pin);
            clickOn("#padOk");
            waitUntil(() -> text("#wizardTitle").equals("交付：カードへの書き込みと記録")
                    || !text("#padPrompt").startsWith("確認のため") && !text("#padPrompt").equals(prompt));
        }
    }
}
