package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.app.selfcheck.SelfCheck;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window, headless (Monocle), driven by the keyboard as a clerk would. The staff file is a
 * real one in a temporary data directory; the blocking-call guard is the application's, so any
 * hashing or disk access on the FX thread fails these tests. Screenshots go to target/screenshots.
 */
class WorkstationUiTest extends FxRobot {


    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private final PublishingStatusSource<ReaderStatus> reader = new PublishingStatusSource<>(ReaderStatus.NOT_CONNECTED);
    private final PublishingStatusSource<SyncStatus> sync = new PublishingStatusSource<>(SyncStatus.NOT_CONNECTED);
    private final AtomicInteger selfChecks = new AtomicInteger();
    private final List<String> questions = new ArrayList<>();
    private volatile boolean answer;
    private BackgroundTaskExecutor executor;
    private StaffDirectory directory;
    private Texts texts;
    private Appearance appearance;
    private WorkstationWindow window;
    private Stage stage;

    private void open(boolean training) throws Exception {
        directory = StaffDirectory.open(data, clock, new LockoutRule(3, Duration.ofMinutes(15)), new PasswordHasher(10_000),
                BlockingCallGuard.FORBID_FX_THREAD);
        directory.provision("C001", "窓口 花子", StaffRole.CLERK, "correct-horse-1".toCharArray());
        executor = new BackgroundTaskExecutor();
        Configuration config = Configuration.load(List.of("--set", "data.dir=" + data, "--set", "central.url=https://127.0.0.1:1"));
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            texts = new Texts(Locale.JAPANESE);
            appearance = new Appearance();
            Workstation ws = new Workstation(new OfficeIdentity("MUNICIPAL", "131016", "T01"), training, texts, appearance,
                    directory, executor, UiThread.FX, clock, Duration.ofMinutes(5), Duration.ofMillis(100),
                    reader::subscribe, sync::subscribe, (title, question) -> {
                        questions.add(question);
                        return answer;
                    }, () -> {
                        BlockingCallGuard.FORBID_FX_THREAD.run();
                        selfChecks.incrementAndGet();
                        return new SelfCheck(config).run();
                    }, staff -> {
                        throw new MadoguchiException(UiFailure.ENROLMENT_MISSING, Map.of("path", data.resolve("enrolment")));
                    }, new jp.madoguchi.reports.ReportEngine(), (title, name) -> java.util.Optional.empty());
            window = new WorkstationWindow(stage, ws);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            FxToolkit.setupFixture(window::close);
        }
        if (executor != null) {
            executor.close();
        }
    }

    private void waitUntil(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return lookup(id).queryAs(Labeled.class).getText();
    }

    private boolean showing(String id) {
        return lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    private void signIn(String id, String password) {
        clickOn("#staffId");
        push(KeyCode.CONTROL, KeyCode.A);
        write(id);
        type(KeyCode.TAB);
        write(password);
        type(KeyCode.ENTER);
    }

    private void signInAsClerk() throws Exception {
        signIn("C001", "correct-horse-1");
        waitUntil(() -> showing("#mainHeader"));
    }

    @Test
    void signs_in_with_the_right_password() throws Exception {
        open(false);
        assertThat(text("#signInOffice")).isEqualTo("市区町村窓口 131016　端末 T01");
        assertThat(lookup("#staffId").query().isFocused()).as("the id field has the focus first").isTrue();
        assertEveryControlIsNamed(stage.getScene().getRoot());
        assertThat(lookup("#signInTitle").queryAs(Label.class).getFont().getFamily())
                .as("UI text is set in IPAexGothic, not a fallback").isEqualTo("IPAexGothic");
        screenshot("01-sign-in");
        signInAsClerk();
        assertThat(text("#mainHeader")).contains("窓口 花子").contains("C001").contains("窓口担当者");
        assertThat(text("#screenTitle")).isEqualTo("カード");
        assertThat(text("#statusReader")).isEqualTo("カードリーダー：確認中");
        assertThat(text("#statusLink")).isEqualTo("中央システム：確認中");
        waitUntil(() -> text("#cardMessage").startsWith("MDG-UI-006"));
        assertThat(text("#cardMessage")).as("an unenrolled workstation says so on the card panel")
                .contains("登録ファイル").contains(data.resolve("enrolment").toString());
        screenshot("02-main-card");
    }

    @Test
    void wrong_passwords_are_refused_then_the_account_locks() throws Exception {
        open(false);
        signIn("C001", "wrong-password");
        waitUntil(() -> text("#signInMessage").startsWith("MDG-UI-001"));
        assertThat(text("#signInMessage")).contains("職員IDまたはパスワードが違います");
        assertThat(lookup("#password").queryAs(javafx.scene.control.PasswordField.class).getText())
                .as("the password field is cleared").isEmpty();
        screenshot("03-sign-in-wrong");
        signIn("C001", "wrong-password");
        signIn("C001", "wrong-password");
        waitUntil(() -> text("#signInMessage").startsWith("MDG-UI-002"));
        signIn("C001", "correct-horse-1");
        waitUntil(() -> !lookup("#signIn").query().isDisabled());
        assertThat(text("#signInMessage")).startsWith("MDG-UI-002").contains("10:15");
        assertThat(showing("#mainHeader")).isFalse();
        screenshot("04-sign-in-locked");
    }

    @Test
    void escape_clears_the_sign_in_form() throws Exception {
        open(false);
        clickOn("#staffId");
        write("C001");
        type(KeyCode.TAB);
        write("abc");
        type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#staffId").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty();
        assertThat(lookup("#password").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty();
        assertThat(lookup("#staffId").query().isFocused()).isTrue();
    }

    @Test
    void every_screen_opens_by_its_function_key_with_accessible_controls() throws Exception {
        open(false);
        signInAsClerk();
        for (Screen screen : Screen.values()) {
            type(screen.key());
            waitUntil(() -> text("#screenTitle").equals(texts.get(screen.titleKey())));
            if (screen == Screen.REPORTS) {
                assertThat(lookup("#reportsList").query().isFocused()).isTrue();
            }
            if (screen == Screen.DIAGNOSTICS) {
                waitUntil(() -> !lookup("#diagList").queryAs(ListView.class).getItems().isEmpty());
                assertThat(text("#diagSummary")).matches(".*項目.*");
                assertThat(lookup("#diagList").query().isFocused()).isTrue();
            }
            if (screen == Screen.SETTINGS) {
                assertThat(lookup("#language").query().isFocused()).as("settings start at the language").isTrue();
            }
            assertEveryControlIsNamed(stage.getScene().getRoot());
            screenshot(String.format("%02d-screen-%s", 10 + screen.ordinal(), screen.name().toLowerCase(Locale.ROOT)));
        }
        assertThat(selfChecks.get()).isEqualTo(1);
    }

    @Test
    void the_language_switches_at_runtime_from_the_settings_screen() throws Exception {
        open(false);
        signInAsClerk();
        type(KeyCode.F7);
        waitUntil(() -> lookup("#language").query().isFocused());
        press(KeyCode.ALT).press(KeyCode.DOWN).release(KeyCode.DOWN).release(KeyCode.ALT);
        type(KeyCode.DOWN);
        type(KeyCode.ENTER);
        waitUntil(() -> texts.locale().equals(Locale.ENGLISH));
        assertThat(text("#screenTitle")).isEqualTo("Settings");
        assertThat(text("#nav-SETTINGS")).isEqualTo("F7  Settings");
        assertThat(text("#statusLink")).isEqualTo("Central: checking");
        assertThat(((javafx.scene.control.ComboBox<?>) lookup("#fontSize").query()).getButtonCell().getText())
                .as("the closed font-size box re-rendered").isEqualTo("16 px");
        assertThat(text("#mainHeader")).contains("Municipal counter 131016, terminal T01").contains("(C001, clerk)");
        assertThat(stage.getTitle()).isEqualTo("Madoguchi — My Number Card counter workstation");
        screenshot("20-settings-english");
        type(KeyCode.F1);
        waitUntil(() -> text("#screenTitle").equals("Card"));
        waitUntil(() -> text("#cardMessage").startsWith("MDG-UI-006"));
        assertThat(text("#cardMessage")).contains("enrolment file");
        screenshot("21-card-english");
    }

    @Test
    void high_contrast_and_a_larger_font_apply_at_once() throws Exception {
        open(true);
        signInAsClerk();
        type(KeyCode.F7);
        waitUntil(() -> lookup("#language").query().isFocused());
        type(KeyCode.TAB);
        assertThat(lookup("#fontSize").query().isFocused()).as("focus order: language, font size, contrast").isTrue();
        type(KeyCode.TAB);
        assertThat(lookup("#highContrast").query().isFocused()).isTrue();
        type(KeyCode.SPACE);
        waitUntil(() -> appearance.highContrastProperty().get());
        FxToolkit.setupFixture(() -> appearance.fontSizeProperty().set(20));
        waitUntil(() -> stage.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith(WorkstationWindow.HIGH_CONTRAST)));
        assertThat(stage.getScene().getRoot().getStyle()).contains("20px");
        assertThat(text("#trainingBanner")).isEqualTo("訓練モード");
        assertThat(text("#statusTraining")).isEqualTo("訓練モード");
        screenshot("22-settings-high-contrast-training");
    }

    @Test
    void the_status_bar_follows_its_sources_from_any_thread_and_lets_go_on_lock() throws Exception {
        open(false);
        signInAsClerk();
        assertThat(reader.subscribers()).isEqualTo(1);
        assertThat(sync.subscribers()).isEqualTo(1);
        Instant oldest = clock.instant().minus(Duration.ofMinutes(42));
        Thread publisher = new Thread(() -> {
            reader.publish(new ReaderStatus(ReaderState.CARD_READY, "Virtual PCD 00 00"));
            sync.publish(new SyncStatus(true, LinkState.DEGRADED, 7, oldest, clock.instant().minus(Duration.ofHours(2))));
        });
        publisher.start();
        publisher.join();
        waitUntil(() -> text("#statusQueue").equals("送信待ち：7件（最古 42分前）"));
        assertThat(text("#statusLink")).isEqualTo("中央システム：不安定");
        assertThat(lookup("#statusLink").query().getStyleClass()).contains("link-DEGRADED");
        assertThat(lookup("#statusReader").query().getStyleClass()).contains("reader-CARD_READY");
        assertThat(text("#statusReader")).isEqualTo("カードリーダー：カードあり (Virtual PCD 00 00)");
        assertThat(text("#statusCache")).isEqualTo("端末情報の更新：2時間前");
        screenshot("23-status-bar-fed");
        type(KeyCode.F12);
        waitUntil(() -> showing("#staffId"));
        assertThat(reader.subscribers()).as("the locked main window released the reader subscription").isZero();
        assertThat(sync.subscribers()).isZero();
    }

    @Test
    void the_screen_locks_itself_after_the_idle_limit() throws Exception {
        open(false);
        signInAsClerk();
        type(KeyCode.F6);
        waitUntil(() -> text("#screenTitle").equals("診断"));
        clock.advance(Duration.ofMinutes(5));
        waitUntil(() -> showing("#staffId"));
        assertThat(lookup("#staffId").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("C001");
        assertThat(text("#signInMessage")).contains("画面をロックしました");
        assertThat(lookup("#password").query().isFocused()).as("the id is kept, the password is asked").isTrue();
        assertThat(sync.subscribers()).isZero();
        screenshot("05-auto-locked");
        write("correct-horse-1");
        type(KeyCode.ENTER);
        waitUntil(() -> showing("#mainHeader"));
    }

    @Test
    void closing_the_window_while_signed_in_asks_first() throws Exception {
        open(false);
        assertThat(WaitForAsyncUtils.asyncFx(window::allowClose).get()).isTrue();
        assertThat(questions).as("nobody signed in: no question").isEmpty();
        signInAsClerk();
        answer = false;
        assertThat(WaitForAsyncUtils.asyncFx(window::allowClose).get()).as("the clerk said no: the window stays").isFalse();
        assertThat(questions).containsExactly("サインアウトして窓口端末を終了しますか。");
        answer = true;
        assertThat(WaitForAsyncUtils.asyncFx(window::allowClose).get()).isTrue();
    }

    @Test
    void hashing_on_the_fx_thread_is_refused() throws Exception {
        open(false);
        assertThatThrownBy(() -> WaitForAsyncUtils.asyncFx(
                () -> directory.signIn("C001", "correct-horse-1".toCharArray(), Duration.ofMinutes(5))).get())
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("blocking call on the JavaFX application thread");
    }

    /** Every control a clerk can reach has a name for screen readers (skins' inner parts excluded). */
    static void assertEveryControlIsNamed(Parent root) {
        List<String> unnamed = new ArrayList<>();
        walk(root, false, unnamed);
        assertThat(unnamed).as("controls without accessible text").isEmpty();
    }

    private static void walk(Node node, boolean insideControl, List<String> unnamed) {
        if (node instanceof Control control && !insideControl && control.isVisible()) {
            String name = control.getAccessibleText();
            if (name == null || name.isBlank()) {
                name = control instanceof Label label ? label.getText() : null;
            }
            if (name == null || name.isBlank()) {
                unnamed.add(control.getClass().getSimpleName() + "#" + control.getId());
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, insideControl || node instanceof Control, unnamed);
            }
        }
    }

    private void screenshot(String name) throws Exception {
        Screenshots.save(stage.getScene(), name);
    }
}
