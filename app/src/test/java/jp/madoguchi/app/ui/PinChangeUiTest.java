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
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PIN change wizard as the counter uses it, headless (Monocle), on the real stack: the card in
 * pcscd's virtual reader (vpcd, {@code ./mado test}), central over mutual TLS. The clerk drives the
 * main window by keyboard; the resident taps the current PIN (a wrong one first) and the new PIN
 * twice on the pad window; the clerk's window never shows them. Screenshots go to target/screenshots.
 */
class PinChangeUiTest extends WizardRobot {

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
    void a_pin_change_takes_the_current_and_the_new_pin_on_the_resident_pad() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        PinChangeWizardTest.deliver(stack, card);
        open();
        clickOn("#actPinChange");
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の変更：来庁者"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の変更：カードの読み取り"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の変更：変更する暗証番号"));
        assertThat(lookup("#wizardReason").query().getParent().isVisible()).as("a change gives no reason").isFalse();
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardProblem").equals("暗証番号を1つ以上選んでください。"));
        clickOn("#wizardPin-AUTH");
        Screenshots.save(stage.getScene(), "b0-wizard-pin-change-choice");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の変更：本人確認"));
        interact(() -> {
            this.<ComboBox<DocumentType>>node("#wizardDocument").setValue(DocumentType.PASSPORT);
            this.<DatePicker>node("#wizardValidUntil").setValue(LocalDate.now().plusYears(2));
        });
        clickOn("#wizardProofFace");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#padPrompt").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        Stage pad = (Stage) lookup("#padPrompt").query().getScene().getWindow();
        assertThat(text("#wizardText")).contains("現在の暗証番号").contains("利用者証明用電子証明書");
        tap("1111");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardFailure").startsWith("MDG-PIN-005"));
        Screenshots.save(pad.getScene(), "b1-pin-pad-change-wrong-current");
        tap("5827");
        clickOn("#padOk");
        waitUntil(() -> text("#padPrompt").equals("「利用者証明用電子証明書」の暗証番号を入力して「決定」を押してください。"));
        assertThat(text("#wizardFailure")).isEmpty();
        tap("4093");
        clickOn("#padOk");
        waitUntil(() -> text("#padPrompt").startsWith("確認のため"));
        tap("4093");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の変更：完了"));
        assertClerkWindowShowsNo("4093", "5827", "1111");
        List<String> summary = new ArrayList<>(this.<ListView<String>>node("#wizardSummary").getItems());
        assertThat(summary).contains("変更した暗証番号：利用者証明用電子証明書", "来庁者：本人").anyMatch(l -> l.contains("記録しました"));
        Screenshots.save(stage.getScene(), "b2-wizard-pin-change-summary");
        assertThat(stack.monitor.submit(stack.station.reader(), c -> c.verifyPin(jp.madoguchi.card.PinKind.AUTH,
                "4093".toCharArray())).get().ok()).as("the card holds the new PIN").isTrue();
    }
}
