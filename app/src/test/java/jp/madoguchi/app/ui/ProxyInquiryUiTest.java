package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voluntary proxy's two visits (照会書兼回答書, counter-rules §2.2, PR-34) at the counter, headless
 * (Monocle), on the real stack: central over mutual TLS, the card in pcscd's virtual reader (vpcd,
 * {@code ./mado test}). Visit 1 is the new wizard, driven by keyboard: the operation and the holder's
 * card number, the proxy's documents (one alone refused with MDG-ID-001), then the summary with the
 * sheet's number, the date it is sent and its deadline. A day later (the workstation's clock moves;
 * central keeps its own) the proxy's PIN reset takes that sheet: an opened answer is refused with
 * MDG-PROXY-002, the unopened one lets the resident's pad set the new PIN, which the card then verifies.
 */
class ProxyInquiryUiTest extends WizardRobot {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd");

    @TempDir
    static Path dir;
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static CounterStack stack;
    static CardFactory.Made card;
    @TempDir
    Path data;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, true, CLOCK);
        card = stack.cards.stream().filter(CounterStack::adultWithSign).findFirst().orElseThrow();
        stack.insert(card.profile());
        PinChangeWizardTest.deliver(stack, card);
        stack.remove();
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

    @Test
    void the_first_visit_registers_a_sheet_that_the_second_visit_then_accepts() throws Exception {
        // The window keeps its own clock: the day that passes for the station must not auto-lock the screen.
        MutableClock windowClock = new MutableClock(Instant.now());
        openOnWorkflows(stack, clerksAndSupervisor(data, windowClock), windowClock, "C001", "clerk-password-1",
                (title, question) -> true, (title, name) -> Optional.empty());
        clickOn("#actProxyInquiry");
        waitUntil(() -> text("#wizardTitle").equals("任意代理人の照会書（1回目の来庁）：対象のカードと手続き"));
        assertThat(node("#wizardVisitor").isVisible()).as("the visitor is the proxy: not asked").isFalse();
        waitUntil(() -> node("#wizardInquiryOperation").isFocused());
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardProblem").equals("カード番号を英数字4〜32文字で入力してください。"));
        interact(() -> this.<ComboBox<Operation>>node("#wizardInquiryOperation").setValue(Operation.PIN_RESET));
        clickOn("#wizardSerial");
        write(card.cardSerial());
        Screenshots.save(stage.getScene(), "c0-wizard-proxy-inquiry-start");
        type(KeyCode.ENTER);

        waitUntil(() -> text("#wizardTitle").equals("任意代理人の照会書（1回目の来庁）：本人確認"));
        assertThat(node("#wizardDocument").isVisible()).as("the holder is not at the counter").isFalse();
        assertThat(node("#wizardProxyReason").isVisible()).as("no proxy reason: that is delivery's route").isFalse();
        assertThat(node("#wizardInquiryNumber").isVisible()).as("the sheet is made now, not brought").isFalse();
        waitUntil(() -> node("#wizardProxyDocument").isFocused());
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardProblem").equals("代理人の本人確認書類を選んでください。"));
        interact(() -> this.<ComboBox<DocumentType>>node("#wizardProxyDocument").setValue(DocumentType.PASSPORT));
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardFailure").startsWith("MDG-ID-001"));
        assertThat(text("#wizardTitle")).as("one photo document is not enough: the page stays").endsWith("：本人確認");
        interact(() -> this.<ComboBox<DocumentType>>node("#wizardProxySecondDocument").setValue(DocumentType.DRIVERS_LICENSE));
        Screenshots.save(stage.getScene(), "c1-wizard-proxy-inquiry-identity");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);

        waitUntil(() -> text("#wizardTitle").equals("任意代理人の照会書（1回目の来庁）：完了"));
        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("Asia/Tokyo"));
        List<String> summary = new ArrayList<>(this.<ListView<String>>node("#wizardSummary").getItems());
        String numberLine = summary.stream().filter(l -> l.startsWith("照会書兼回答書の番号：")).findFirst().orElseThrow();
        String number = numberLine.substring("照会書兼回答書の番号：".length());
        assertThat(number).matches("Q" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-[0-9A-F]{6}");
        assertThat(summary).contains("送付日：" + DAY.format(today),
                "回答の期限：" + DAY.format(today.plusDays(30)) + "（2回目の来庁は " + DAY.format(today.plusDays(1)) + " から期限まで）",
                "求める手続き：暗証番号の初期化・再設定", "カード番号（下4桁）：" + card.cardSerial().substring(card.cardSerial().length() - 4),
                "来庁者：任意代理人", "本人確認書類の区分：A（顔写真付きの公的書類）・A（顔写真付きの公的書類）");
        assertThat(node("#wizardFormButtons").isVisible()).as("the sheet is printed from the summary").isTrue();
        assertThat(lookup("#wizardFormPrint").queryButton().getText()).isEqualTo("照会書兼回答書を印刷");
        assertThat(text("#wizardText")).contains("郵送");
        Screenshots.save(stage.getScene(), "c2-wizard-proxy-inquiry-summary");
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#actProxyInquiry").tryQuery().map(Node::isVisible).orElse(false));

        // Visit 2, the next day: the proxy brings the card, the sheet and its sealed answer.
        CLOCK.advance(Duration.ofDays(1));
        stack.insert(card.profile());
        clickOn("#actPinReset");
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：来庁者"));
        interact(() -> this.<ComboBox<VisitorType>>node("#wizardVisitor").setValue(VisitorType.VOLUNTARY_PROXY));
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：カードの読み取り"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：初期化する暗証番号"));
        clickOn("#wizardPin-AUTH");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：本人確認"));
        assertThat(node("#wizardInquiryNumber").isVisible()).isTrue();
        assertThat(node("#wizardDocument").isVisible()).isFalse();
        interact(() -> {
            this.<ComboBox<DocumentType>>node("#wizardProxyDocument").setValue(DocumentType.PASSPORT);
            this.<ComboBox<DocumentType>>node("#wizardProxySecondDocument").setValue(DocumentType.HEALTH_INSURANCE_CERTIFICATE);
        });
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardProblem").equals("照会書兼回答書の番号と日付を入力してください。"));
        clickOn("#wizardInquiryNumber");
        write(number);
        interact(() -> this.<DatePicker>node("#wizardInquiryDate").setValue(today));
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardFailure").startsWith("MDG-PROXY-002"));
        clickOn("#wizardAnswerUnopened");
        assertThat(this.<CheckBox>node("#wizardAnswerUnopened").isSelected()).isTrue();
        Screenshots.save(stage.getScene(), "c3-wizard-proxy-second-visit-identity");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);

        waitUntil(() -> lookup("#padPrompt").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        assertThat(text("#wizardFailure")).as("the registered sheet is accepted").isEmpty();
        tap("4093");
        clickOn("#padOk");
        waitUntil(() -> text("#padPrompt").startsWith("確認のため"));
        tap("4093");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：完了"));
        assertThat(new ArrayList<>(this.<ListView<String>>node("#wizardSummary").getItems())).contains("来庁者：任意代理人");
        assertClerkWindowShowsNo("4093");
        assertThat(stack.monitor.submit(stack.station.reader(), c -> c.verifyPin(jp.madoguchi.card.PinKind.AUTH,
                "4093".toCharArray())).get().ok()).as("the card holds the PIN set at visit 2").isTrue();
    }
}
