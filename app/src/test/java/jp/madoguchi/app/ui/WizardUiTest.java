package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizards as a clerk and a resident use them, headless (Monocle), on the real stack: emulated
 * cards in pcscd's virtual reader (vpcd, {@code ./mado test}), the reference central over mutual
 * TLS, the workstation's SQLite files. The clerk drives the main window by keyboard; the resident
 * taps the PIN pad window. Screenshots of every page and of the pad go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class WizardUiTest extends WizardRobot {


    @TempDir
    static Path dir;
    static CounterStack stack;
    static List<CardFactory.Made> adults;
    /** An adult card made without certificates (picked before a test writes one to its profile). */
    static CardFactory.Made withoutCertificates;
    @TempDir
    Path data;
    private final List<String> questions = new ArrayList<>();
    /** Where the save dialog "chooses" to put a PDF, and the name the wizard suggested. */
    private Path saveTarget;
    private String suggestedName;

    @BeforeAll
    static void up() throws Exception {
        stack = new CounterStack(dir, true, Clock.systemUTC());
        adults = stack.cards.stream().filter(CounterStack::adultWithSign).toList();
        assertThat(adults).hasSizeGreaterThanOrEqualTo(4);
        withoutCertificates = stack.card(m -> CounterStack.age(m) >= 18 && !m.pinsPreset() && noCertificates(m));
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    private void open() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        StaffDirectory directory = StaffDirectory.open(data, clock, new LockoutRule(3, Duration.ofMinutes(15)),
                new PasswordHasher(10_000), BlockingCallGuard.FORBID_FX_THREAD);
        directory.provision("C001", "窓口 花子", StaffRole.CLERK, "correct-horse-1".toCharArray());
        openOnWorkflows(stack, directory, clock, "C001", "correct-horse-1", (title, question) -> {
            questions.add(question);
            return true;
        }, (title, name) -> {
            suggestedName = name;
            return java.util.Optional.ofNullable(saveTarget);
        });
    }

    @AfterEach
    void close() throws Exception {
        closeWindow();
        stack.remove();
        if (stack.engine.link() != jp.madoguchi.cache.LinkState.ONLINE) {
            stack.goOnline();
        }
    }

    // ---- the flows ---------------------------------------------------------------------------------

    @Test
    void a_delivery_with_four_pins_on_the_resident_pad_ends_with_the_receipt() throws Exception {
        CardFactory.Made card = adults.get(0);
        stack.insert(card.profile());
        open();
        shot("30-wizard-choose");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：来庁者"));
        type(KeyCode.ENTER);
        waitUntil(() -> !text("#wizardProblem").isEmpty());
        assertThat(text("#wizardProblem")).startsWith("カード番号を");
        clickOn("#wizardSerial");
        write(card.cardSerial());
        shot("31-wizard-delivery-start");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：本人確認"));
        identity(DocumentType.PASSPORT);
        shot("32-wizard-delivery-identity");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：カードの読み取り"));
        shot("33-wizard-delivery-card");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：回収物"));
        assertThat(this.<ComboBox<CollectedItem.Disposition>>node("#wizardItem-JUKI_CARD").getValue())
                .isEqualTo(CollectedItem.Disposition.NOT_HELD);
        shot("34-wizard-delivery-items");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：暗証番号の設定"));
        Stage pad = padStage();
        assertThat(text("#padPrompt")).contains("署名用電子証明書");
        assertThat(text("#padHint")).contains("6〜16文字");
        tap("ABC123");
        assertThat(text("#padMasked")).isEqualTo("●●●●●●");
        shotOf(pad, "40-pin-pad-sign");
        clickOn("#padOk");
        waitUntil(() -> text("#padPrompt").startsWith("確認のため"));
        tap("ABC123");
        clickOn("#padOk");
        waitUntil(() -> text("#padPrompt").contains("利用者証明用電子証明書"));
        assertThat(letters()).as("no letters for a 4-digit PIN").isFalse();
        tap("1234");
        clickOn("#padOk");
        waitUntil(() -> !text("#padWarning").isEmpty());
        assertThat(text("#padWarning")).contains("連続した数字");
        shotOf(pad, "41-pin-pad-weak");
        shot("35-wizard-delivery-pin-clerk");
        assertClerkWindowShowsNo("1234", "ABC123");
        clickOn("#padCorrect");
        tap("5827");
        clickOn("#padOk");
        tap("5827");
        clickOn("#padOk");
        for (PinType next : List.of(PinType.JUKI, PinType.CARD_TEXT)) {
            waitUntil(() -> text("#padPrompt").contains(texts.get(next == PinType.JUKI ? "wizard.pin.JUKI" : "wizard.pin.CARD_TEXT")));
            tap("5827");
            clickOn("#padOk");
            tap("5827");
            clickOn("#padOk");
        }
        waitUntil(() -> text("#wizardTitle").equals("交付：カードへの書き込みと記録"));
        waitUntil(() -> !pad.isShowing());
        assertClerkWindowShowsNo("5827", "ABC123");
        shot("36-wizard-delivery-proceed");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("交付：完了"));
        List<String> summary = items("#wizardSummary");
        assertThat(summary).contains("カード番号（下4桁）：" + card.cardSerial().substring(11),
                        "本人確認書類の区分：A（顔写真付きの公的書類）")
                .anyMatch(l -> l.equals("設定した暗証番号：署名用電子証明書、利用者証明用電子証明書、住民基本台帳用、券面事項入力補助用"))
                .anyMatch(l -> l.startsWith("回収物：交付通知書（回収した）"))
                .anyMatch(l -> l.contains("記録しました（オンライン"));
        shot("37-wizard-delivery-summary");
        CounterStack.await("central ACTIVE", Duration.ofSeconds(20), () -> centralStatus(card).equals("ACTIVE"));

        // The receipt from the summary: saved as PDF where the clerk chose, then printed.
        assertThat(lookup("#wizardFormPrint").queryButton().getText()).isEqualTo("受領書を印刷");
        assertThat(lookup("#wizardFormSave").queryButton().isVisible()).isTrue();
        saveTarget = data.resolve("receipt.pdf");
        clickOn("#wizardFormSave");
        waitUntil(() -> text("#wizardFormStatus").startsWith("帳票をPDFで保存しました："));
        assertThat(suggestedName).matches("delivery-receipt-[0-9]+\\.pdf");
        // Kept beside the screenshots, for people to look at.
        java.nio.file.Files.createDirectories(Path.of("target/screenshots"));
        java.nio.file.Files.copy(saveTarget, Path.of("target/screenshots/38-delivery-receipt.pdf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String pdf = pdfText(saveTarget);
        assertThat(pdf).contains(card.resident().name().replaceAll("\\s+", ""))
                .contains(card.cardSerial().substring(card.cardSerial().length() - 4))
                .doesNotContain(card.cardSerial()).doesNotContain("ABC123");
        assertThat(text("#wizardTitle")).as("saving keeps the summary").isEqualTo("交付：完了");
        shot("38-wizard-delivery-summary-receipt-saved");
        assertEveryControlIsNamed(stage.getScene().getRoot());
        clickOn("#wizardFormPrint");
        waitUntil(() -> !text("#wizardFormStatus").isEmpty() && !text("#wizardFormStatus").equals("帳票を作成しています…"));
        // Printing goes to the default printer; a machine without one gets the coded failure, plainly.
        assertThat(text("#wizardFormStatus")).satisfiesAnyOf(t -> assertThat(t).isEqualTo("帳票を印刷しました。"),
                t -> assertThat(t).startsWith("MDG-REPORT-008"));
        shot("39-wizard-delivery-summary-receipt-printed");
    }

    @Test
    void b_a_locked_pin_is_shown_as_locked_and_reset_on_the_pad() throws Exception {
        CardFactory.Made card = adults.get(1);
        stack.insert(card.profile());
        deliverDirectly(card);
        for (int i = 0; i < 3; i++) {
            stack.monitor.submit(stack.station.reader(), c -> c.verifyPin(PinKind.AUTH, "0000".toCharArray())).get();
        }
        open();
        clickOn("#actPinReset");
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：来庁者"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：カードの読み取り"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：初期化する暗証番号"));
        assertThat(text("#wizardPin-AUTH")).isEqualTo("利用者証明用電子証明書（ロック中）");
        assertThat(text("#wizardPin-JUKI")).isEqualTo("住民基本台帳用（残り3回）");
        type(KeyCode.ENTER);
        waitUntil(() -> !text("#wizardProblem").isEmpty());
        assertThat(text("#wizardProblem")).isEqualTo("暗証番号を1つ以上選んでください。");
        clickOn("#wizardPin-AUTH");
        interact(() -> this.<ComboBox<jp.madoguchi.app.counter.workflow.PinResetWorkflow.Reason>>node("#wizardReason")
                .setValue(jp.madoguchi.app.counter.workflow.PinResetWorkflow.Reason.BLOCKED));
        shot("50-wizard-pin-reset-choice");
        type(KeyCode.F9);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：本人確認"));
        identity(DocumentType.DRIVERS_LICENSE);
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：暗証番号の設定"));
        padStage();
        tap("2580");
        clickOn("#padOk");
        tap("2581");
        clickOn("#padOk");
        waitUntil(() -> text("#padError").startsWith("MDG-PIN-003"));
        assertThat(text("#wizardFailure")).startsWith("MDG-PIN-003");
        shotOf(padStage(), "42-pin-pad-mismatch");
        tap("2580");
        clickOn("#padOk");
        tap("2580");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：完了"));
        assertThat(items("#wizardSummary")).contains("設定した暗証番号：利用者証明用電子証明書", "理由：ロックされた")
                .anyMatch(l -> l.startsWith("手続き前の残り回数：") && l.contains("利用者証明用電子証明書 0"));
        shot("51-wizard-pin-reset-summary");
        assertThat(stack.monitor.submit(stack.station.reader(), c -> c.verifyPin(PinKind.AUTH, "2580".toCharArray())).get().ok())
                .isTrue();
    }

    @Test
    void c_renewal_online_issues_the_certificate_after_the_current_pin() throws Exception {
        CardFactory.Made card = withoutCertificates;
        stack.insert(card.profile());
        deliverDirectly(card);
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        open();
        clickOn("#actRenewal");
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：来庁者"));
        shot("60-wizard-renewal-start");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：カードの読み取り"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：更新する電子証明書"));
        shot("61-wizard-renewal-kinds");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：現在の暗証番号の確認"));
        padStage();
        assertThat(text("#padPrompt")).contains("住民基本台帳用").contains("現在の暗証番号");
        tap("0000");
        clickOn("#padOk");
        waitUntil(() -> text("#padError").startsWith("MDG-PIN-005"));
        assertThat(text("#wizardFailure")).startsWith("MDG-PIN-005");
        shot("62-wizard-renewal-wrong-pin");
        tap("5827");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：本人確認"));
        identity(DocumentType.PASSPORT);
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：カードへの書き込みと記録"));
        shot("63-wizard-renewal-issue");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：完了"));
        assertThat(items("#wizardSummary")).anyMatch(l -> l.startsWith("利用者証明用電子証明書：新規発行　証明書シリアル "));
        shot("64-wizard-renewal-summary");
    }

    @Test
    void d_renewal_offline_is_refused_plainly_before_the_card_is_touched() throws Exception {
        stack.goOffline();
        open();
        clickOn("#actRenewal");
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：来庁者"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の更新：受け付けられません"));
        assertThat(text("#wizardFailure")).startsWith("MDG-SYNC-001");
        assertThat(lookup("#padPrompt").tryQuery()).as("no PIN pad was opened").isEmpty();
        shot("65-wizard-renewal-offline");
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#actDelivery").tryQuery().map(Node::isVisible).orElse(false));
    }

    @Test
    void e_escape_cancels_after_asking_and_every_control_is_named() throws Exception {
        open();
        clickOn("#actPinReset");
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：来庁者"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("暗証番号の初期化・再設定：カードの読み取り"));
        assertEveryControlIsNamed(stage.getScene().getRoot());
        type(KeyCode.ESCAPE);
        waitUntil(() -> text("#wizardTitle").equals("手続きを選んでください"));
        assertThat(questions).containsExactly(texts.get("wizard.cancel.question"));
        assertEveryControlIsNamed(stage.getScene().getRoot());
        type(KeyCode.F7);
        waitUntil(() -> text("#screenTitle").equals("設定"));
        assertThat(lookup("#wizardTitle").tryQuery()).as("the wizard left with its screen").isEmpty();
    }

    @Test
    void f_issuance_through_the_wizard_writes_the_certificate_and_saves_its_record() throws Exception {
        // The card of c_ (no certificate at manufacture): c_ gives it AUTH, this issues SIGN, whose PIN it never had.
        CardFactory.Made card = withoutCertificates;
        stack.insert(card.profile());
        if (!stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false)) {
            deliverDirectly(card);
        }
        open();
        clickOn("#actIssuance");
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：来庁者"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：カードの読み取り"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：発行する電子証明書"));
        clickOn("#wizardKind-AUTH");
        clickOn("#wizardKind-SIGN");
        shot("70-wizard-issuance-kinds");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：現在の暗証番号の確認"));
        padStage();
        assertThat(text("#padPrompt")).contains("住民基本台帳用");
        tap("5827");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：本人確認"));
        identity(DocumentType.PASSPORT);
        shot("71-wizard-issuance-identity");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：暗証番号の設定"));
        padStage();
        assertThat(text("#padPrompt")).contains("署名用電子証明書");
        tap("ABC123");
        clickOn("#padOk");
        tap("ABC123");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：カードへの書き込みと記録"));
        assertClerkWindowShowsNo("ABC123");
        shot("72-wizard-issuance-issue");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("電子証明書の新規発行：完了"));
        assertThat(items("#wizardSummary")).anyMatch(l -> l.startsWith("署名用電子証明書：新規発行　証明書シリアル "))
                .contains("設定した暗証番号：署名用電子証明書");
        assertThat(lookup("#wizardFormPrint").queryButton().getText()).isEqualTo("処理記録票を印刷");
        saveTarget = data.resolve("certificate-record.pdf");
        clickOn("#wizardFormSave");
        waitUntil(() -> text("#wizardFormStatus").startsWith("帳票をPDFで保存しました："));
        assertThat(pdfText(saveTarget)).contains(card.resident().name().replaceAll("\\s+", "")).contains("新規");
        shot("73-wizard-issuance-summary");
    }

    @Test
    void g_suspension_lift_is_offered_online_only_and_recorded_through_the_wizard() throws Exception {
        CardFactory.Made card = adults.get(2);
        stack.insert(card.profile());
        deliverDirectly(card);
        new jp.madoguchi.sim.central.domain.CentralEvents(stack.central.database(), Clock.systemUTC()).suspend(card.cardSerial());
        CounterStack.await("cache sees SUSPENDED", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("SUSPENDED")).orElse(false);
        });
        // Offline: not offered, and the reason is said plainly.
        stack.goOffline();
        open();
        waitUntil(() -> !text("#suspensionOffline").isEmpty());
        assertThat(lookup("#actSuspensionLift").queryButton().isDisabled()).isTrue();
        assertThat(text("#suspensionOffline")).startsWith("一時停止解除は中央システムとの接続中にのみ行えます。").contains("MDG-SYNC-001");
        shot("80-wizard-suspension-offline");
        // Back online: the screen, opened again, offers it.
        stack.goOnline();
        type(KeyCode.F7);
        waitUntil(() -> text("#screenTitle").equals("設定"));
        type(KeyCode.F2);
        waitUntil(() -> lookup("#actSuspensionLift").tryQuery().map(n -> !((javafx.scene.control.Button) n).isDisabled()).orElse(false));
        assertThat(lookup("#suspensionOffline").tryQuery().map(Node::isVisible).orElse(false)).isFalse();
        clickOn("#actSuspensionLift");
        waitUntil(() -> text("#wizardTitle").equals("一時停止解除：来庁者"));
        shot("81-wizard-suspension-start");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("一時停止解除：カードの読み取り"));
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("一時停止解除：現在の暗証番号の確認"));
        padStage();
        assertThat(text("#padPrompt")).contains("住民基本台帳用");
        tap("5827");
        clickOn("#padOk");
        waitUntil(() -> text("#wizardTitle").equals("一時停止解除：本人確認"));
        identity(DocumentType.DRIVERS_LICENSE);
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("一時停止解除：記録と送信"));
        shot("82-wizard-suspension-record");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("一時停止解除：完了"));
        assertThat(items("#wizardSummary")).contains("カード番号（下4桁）：" + card.cardSerial().substring(11))
                .anyMatch(l -> l.contains("記録しました（オンライン"))
                .anyMatch(l -> l.startsWith("署名用電子証明書は解除に伴い失効します"));
        assertThat(lookup("#wizardFormButtons").query().isVisible()).as("a lift has no form").isFalse();
        shot("83-wizard-suspension-summary");
        CounterStack.await("central ACTIVE again", Duration.ofSeconds(20), () -> centralStatus(card).equals("ACTIVE"));
    }

    @Test
    void h_old_card_collection_through_the_wizard_records_the_cards_handed_in() throws Exception {
        CardFactory.Made card = adults.get(3);
        open();
        clickOn("#actOldCard");
        waitUntil(() -> text("#wizardTitle").equals("旧カード等の回収：来庁者"));
        assertThat(text("#wizardSerialLabel")).isEqualTo("本人の現在のカード番号");
        clickOn("#wizardSerial");
        write(card.cardSerial());
        shot("90-wizard-old-card-start");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("旧カード等の回収：本人確認"));
        identity(DocumentType.DRIVERS_LICENSE);
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("旧カード等の回収：回収物"));
        assertThat(lookup("#wizardItem-DELIVERY_NOTICE").query().isVisible()).as("no notice at a collection").isFalse();
        assertThat(this.<ComboBox<CollectedItem.Disposition>>node("#wizardItem-PREVIOUS_MY_NUMBER_CARD").getValue())
                .isEqualTo(CollectedItem.Disposition.COLLECTED);
        interact(() -> this.<ComboBox<CollectedItem.Disposition>>node("#wizardItem-NOTIFICATION_CARD")
                .setValue(CollectedItem.Disposition.DECLARED_LOST));
        assertEveryControlIsNamed(stage.getScene().getRoot());
        shot("91-wizard-old-card-items");
        clickOn("#wizardTitle");
        type(KeyCode.ENTER);
        waitUntil(() -> text("#wizardTitle").equals("旧カード等の回収：完了"));
        assertThat(items("#wizardSummary")).contains("回収物：以前のマイナンバーカード（回収した）、通知カード（紛失の届出）、住基カード（持っていない）")
                .anyMatch(l -> l.contains("記録しました"));
        shot("92-wizard-old-card-summary");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static String pdfText(Path file) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
        }
    }

    private void identity(DocumentType type) {
        interact(() -> {
            this.<ComboBox<DocumentType>>node("#wizardDocument").setValue(type);
            this.<DatePicker>node("#wizardValidUntil").setValue(LocalDate.now().plusYears(2));
        });
        clickOn("#wizardProofFace");
        clickOn("#wizardTitle");
    }

    private void deliverDirectly(CardFactory.Made card) throws Exception {
        DeliveryWorkflow w = DeliveryWorkflow.start(stack.station, card.cardSerial(), VisitorType.HOLDER);
        w.identity(CounterStack.holderWithPassport());
        w.cardPresented();
        w.collected(List.of(new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Disposition.COLLECTED,
                Optional.empty(), false)));
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            char[] pin = (t == PinType.SIGN ? "ABC123" : "5827").toCharArray();
            w.newPin(pin, pin.clone());
        }
        w.proceed();
        assertThat(w.step()).isEqualTo(DeliveryWorkflow.Step.DONE);
        CounterStack.await("central ACTIVE", Duration.ofSeconds(20), () -> centralStatus(card).equals("ACTIVE"));
        CounterStack.await("cache ACTIVE", Duration.ofSeconds(20), () -> {
            stack.engine.wake();
            return stack.cache.card(card.cardSerial()).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
    }

    private static String centralStatus(CardFactory.Made card) {
        try {
            String status = stack.central.database().read(c -> {
                try (var s = c.prepareStatement("SELECT status FROM card WHERE card_serial = ?")) {
                    s.setString(1, card.cardSerial());
                    try (var rs = s.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            return String.valueOf((Object) status);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean noCertificates(CardFactory.Made m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.profile().toFile()).path("certificates").path("auth").isNull();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Stage padStage() throws Exception {
        waitUntil(() -> lookup("#padPrompt").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        return (Stage) lookup("#padPrompt").query().getScene().getWindow();
    }

    private boolean letters() {
        return lookup("#padKey-A").query().getParent().isVisible();
    }

    private List<String> items(String id) {
        return new ArrayList<>(this.<ListView<String>>node(id).getItems());
    }

    private static void assertEveryControlIsNamed(Parent root) {
        List<String> unnamed = new ArrayList<>();
        walk(root, false, unnamed);
        assertThat(unnamed).as("controls without accessible text").isEmpty();
    }

    private static void walk(Node node, boolean insideControl, List<String> unnamed) {
        if (node instanceof javafx.scene.control.Control control && !insideControl && control.isVisible()) {
            String name = control.getAccessibleText();
            if (name == null || name.isBlank()) {
                name = control instanceof javafx.scene.control.Label label ? label.getText() : null;
            }
            if (name == null || name.isBlank()) {
                unnamed.add(control.getClass().getSimpleName() + "#" + control.getId());
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, insideControl || node instanceof javafx.scene.control.Control, unnamed);
            }
        }
    }

    private void shot(String name) throws Exception {
        shotOf(stage, name);
    }

    private void shotOf(Window window, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(window.getScene(), name);
    }
}
