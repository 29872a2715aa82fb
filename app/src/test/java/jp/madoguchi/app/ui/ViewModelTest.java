package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.app.selfcheck.SelfCheck;
import jp.madoguchi.app.selfcheck.SetupFailure;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.common.testing.MutableClock;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.staff.StaffSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ViewModels without a window: their properties are what the views bind to. */
class ViewModelTest {

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private final Texts texts = new Texts(Locale.JAPANESE);
    private final List<StaffSession> signedIn = new ArrayList<>();
    private StaffDirectory directory;
    private SignInViewModel signIn;

    @BeforeEach
    void setUp() {
        directory = StaffDirectory.open(data, clock, new LockoutRule(2, Duration.ofMinutes(15)), new PasswordHasher(10_000), () -> { });
        directory.provision("C001", "窓口 花子", StaffRole.CLERK, "correct-horse-1".toCharArray());
        signIn = new SignInViewModel(texts, directory, new SameThread(), Runnable::run, Duration.ofMinutes(5), signedIn::add);
    }

    @Test
    void sign_in_needs_an_id_and_hands_over_the_session() {
        assertThat(signIn.canSubmitProperty().get()).isFalse();
        signIn.staffIdProperty().set("C001");
        assertThat(signIn.canSubmitProperty().get()).isTrue();
        signIn.signIn("correct-horse-1".toCharArray());
        assertThat(signedIn).hasSize(1);
        assertThat(signedIn.get(0).staff().staffId()).isEqualTo("C001");
        assertThat(signIn.messageProperty().get()).isEmpty();
    }

    @Test
    void a_wrong_password_shows_the_code_and_the_rule_and_follows_the_language() {
        signIn.staffIdProperty().set("C001");
        signIn.signIn("wrong-password".toCharArray());
        assertThat(signedIn).isEmpty();
        assertThat(signIn.shownFailure()).isEqualTo(UiFailure.SIGN_IN_REJECTED);
        assertThat(signIn.messageProperty().get()).startsWith("MDG-UI-001").contains("職員IDまたはパスワードが違います")
                .contains("2回").contains("15分");
        texts.setLocale(Locale.ENGLISH);
        assertThat(signIn.messageProperty().get()).startsWith("MDG-UI-001").contains("Wrong staff ID or password")
                .contains("After 2 wrong passwords");
    }

    @Test
    void the_lockout_shows_until_when_in_tokyo_time() {
        signIn.staffIdProperty().set("C001");
        signIn.signIn("wrong-1".toCharArray());
        signIn.signIn("wrong-2".toCharArray());
        assertThat(signIn.shownFailure()).isEqualTo(UiFailure.STAFF_LOCKED);
        // 01:00Z + 15 min = 10:15 in Tokyo.
        assertThat(signIn.messageProperty().get()).startsWith("MDG-UI-002").contains("10:15");
        signIn.signIn("correct-horse-1".toCharArray());
        assertThat(signedIn).isEmpty();
    }

    @Test
    void an_empty_directory_and_an_unusable_file_say_so() {
        signIn.checkProvisioned(true);
        assertThat(signIn.messageProperty().get()).startsWith("MDG-UI-004");
        SignInViewModel noFile = new SignInViewModel(texts, null, new SameThread(), Runnable::run, Duration.ofMinutes(5), signedIn::add);
        noFile.unusable();
        noFile.staffIdProperty().set("C001");
        assertThat(noFile.canSubmitProperty().get()).isFalse();
        assertThat(noFile.messageProperty().get()).startsWith("MDG-UI-003");
    }

    @Test
    void the_status_bar_says_checking_then_the_failure_code_and_never_invents_figures() {
        PublishingStatusSource<SyncStatus> sync = new PublishingStatusSource<>(SyncStatus.NOT_CONNECTED);
        StatusBarViewModel bar = new StatusBarViewModel(texts, new PublishingStatusSource<>(ReaderStatus.NOT_CONNECTED)::subscribe,
                sync::subscribe, Runnable::run, clock, false);
        assertThat(bar.readerTextProperty().get()).isEqualTo("カードリーダー：確認中");
        assertThat(bar.linkTextProperty().get()).isEqualTo("中央システム：確認中");
        assertThat(bar.queueTextProperty().get()).isEqualTo("送信待ち：確認中");
        assertThat(bar.cacheTextProperty().get()).isEqualTo("端末情報の更新：確認中");
        assertThat(bar.trainingTextProperty().get()).isEmpty();
        assertThat(String.join(" ", bar.queueTextProperty().get(), bar.cacheTextProperty().get())).doesNotContainPattern("[0-9]");
        sync.publish(SyncStatus.unavailable(new jp.madoguchi.common.MadoguchiException(UiFailure.ENROLMENT_MISSING,
                java.util.Map.of("path", "/x/enrolment/workstation.p12"))));
        assertThat(bar.linkTextProperty().get()).isEqualTo("中央システム：使えません（MDG-UI-006）");
        assertThat(bar.queueTextProperty().get()).isEqualTo("送信待ち：使えません（MDG-UI-006）");
    }

    @Test
    void the_status_bar_follows_its_sources_and_lets_go_when_closed() {
        PublishingStatusSource<ReaderStatus> reader = new PublishingStatusSource<>(new ReaderStatus(ReaderState.NO_CARD, "vpcd 0"));
        PublishingStatusSource<SyncStatus> sync = new PublishingStatusSource<>(
                new SyncStatus(true, LinkState.ONLINE, 0, null, clock.instant()));
        StatusBarViewModel bar = new StatusBarViewModel(texts, reader::subscribe, sync::subscribe, Runnable::run, clock, true);
        assertThat(bar.readerTextProperty().get()).isEqualTo("カードリーダー：カードなし (vpcd 0)");
        assertThat(bar.linkTextProperty().get()).isEqualTo("中央システム：オンライン");
        assertThat(bar.queueTextProperty().get()).isEqualTo("送信待ち：0");
        assertThat(bar.trainingTextProperty().get()).isEqualTo("訓練モード");

        Instant oldest = clock.instant();
        clock.advance(Duration.ofHours(3).plusMinutes(5));
        sync.publish(new SyncStatus(true, LinkState.OFFLINE, 12, oldest, oldest));
        reader.publish(new ReaderStatus(ReaderState.SERVICE_UNAVAILABLE, null));
        assertThat(bar.linkTextProperty().get()).isEqualTo("中央システム：オフライン");
        assertThat(bar.queueTextProperty().get()).isEqualTo("送信待ち：12件（最古 3時間前）");
        assertThat(bar.cacheTextProperty().get()).isEqualTo("端末情報の更新：3時間前");
        assertThat(bar.readerTextProperty().get()).isEqualTo("カードリーダー：PC/SC サービスが応答しません");
        clock.advance(Duration.ofDays(1));
        bar.tick();
        texts.setLocale(Locale.ENGLISH);
        assertThat(bar.queueTextProperty().get()).isEqualTo("Queue: 12 (oldest 1 d ago)");
        assertThat(bar.linkTextProperty().get()).isEqualTo("Central: OFFLINE");

        assertThat(reader.subscribers()).isEqualTo(1);
        assertThat(sync.subscribers()).isEqualTo(1);
        bar.close();
        assertThat(reader.subscribers()).isZero();
        assertThat(sync.subscribers()).isZero();
    }

    @Test
    void main_navigation_and_the_idle_lock() {
        signIn.staffIdProperty().set("C001");
        signIn.signIn("correct-horse-1".toCharArray());
        MainViewModel main = new MainViewModel(texts, signedIn.get(0), new OfficeIdentity("MISSION", "271004", "T02"));
        assertThat(main.headerProperty().get()).isEqualTo("在外公館 271004　端末 T02　｜　窓口 花子（C001・窓口担当者）");
        assertThat(main.screenProperty().get()).isEqualTo(Screen.CARD);
        clock.advance(Duration.ofMinutes(4));
        main.navigate(Screen.SETTINGS);
        assertThat(main.screenTitleProperty().get()).isEqualTo("設定");
        clock.advance(Duration.ofMinutes(4));
        main.checkIdle();
        assertThat(main.lockedProperty().get()).as("navigation counted as activity").isFalse();
        clock.advance(Duration.ofMinutes(1));
        main.checkIdle();
        assertThat(main.lockedProperty().get()).isTrue();
    }

    @Test
    void diagnostics_render_each_check_in_the_current_language() {
        List<SelfCheck.Result> results = List.of(new SelfCheck.Result("runtime", null, "17 modules"),
                new SelfCheck.Result("pcsc", SetupFailure.values()[0], "no pcscd"));
        DiagnosticsViewModel diag = new DiagnosticsViewModel(texts, () -> results, new SameThread(), Runnable::run,
                new PublishingStatusSource<>(SyncStatus.NOT_CONNECTED)::subscribe);
        assertThat(diag.summaryProperty().get()).isEqualTo("自己診断はまだ実行されていません。");
        diag.runChecks();
        assertThat(diag.rows()).hasSize(2);
        assertThat(diag.rows().get(0).ok()).isTrue();
        assertThat(diag.rows().get(1).text()).startsWith(SetupFailure.values()[0].code()).contains("no pcscd");
        assertThat(diag.summaryProperty().get()).isEqualTo("2項目中 1項目に問題があります。");
        texts.setLocale(Locale.ENGLISH);
        assertThat(diag.summaryProperty().get()).isEqualTo("1 of 2 checks failed.");
        assertThat(diag.rows().get(1).text()).contains("Action:");
        diag.close();
        texts.setLocale(Locale.JAPANESE);
        assertThat(diag.rows().get(1).text()).as("closed: no longer follows the language").contains("Action:");
        assertThat(diag.versionsProperty().get()).contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void a_self_check_that_cannot_run_shows_its_code() {
        PublishingStatusSource<SyncStatus> parts = new PublishingStatusSource<>(SyncStatus.NOT_CONNECTED);
        DiagnosticsViewModel diag = new DiagnosticsViewModel(texts, () -> {
            throw new IllegalStateException("boom");
        }, new SameThread(), Runnable::run, parts::subscribe);
        diag.runChecks();
        assertThat(diag.summaryProperty().get()).startsWith("MDG-UI-005");
        assertThat(diag.runningProperty().get()).isFalse();
        assertThat(diag.partsProperty().get()).isEqualTo("窓口の部品：確認中");
        parts.publish(SyncStatus.unavailable(new jp.madoguchi.common.MadoguchiException(UiFailure.ENROLMENT_MISSING,
                java.util.Map.of("path", "/d/enrolment/workstation.p12"))));
        assertThat(diag.partsProperty().get()).startsWith("窓口の部品：MDG-UI-006 この端末の登録ファイル（/d/enrolment/workstation.p12）がありません。")
                .contains("対処：システム担当者が");
        diag.close();
        parts.publish(new SyncStatus(true, LinkState.ONLINE, 0, null, null));
        assertThat(diag.partsProperty().get()).as("closed: the subscription is released").startsWith("窓口の部品：MDG-UI-006");
    }

    @Test
    void the_card_panel_says_why_it_cannot_open_and_words_the_pin_tries_plainly() {
        CardPanelViewModel panel = new CardPanelViewModel(texts, () -> {
            throw new jp.madoguchi.common.MadoguchiException(UiFailure.ENROLMENT_MISSING, java.util.Map.of("path", "/d/workstation.p12"));
        }, new SameThread(), Runnable::run, clock);
        assertThat(panel.phaseProperty().get()).isEqualTo(CardPanelViewModel.Phase.FAILED);
        assertThat(panel.messageProperty().get()).startsWith("MDG-UI-006　この端末の登録ファイル（/d/workstation.p12）がありません。");
        assertThat(panel.serialProperty().get()).isEqualTo("—");
        assertThat(panel.myNumberProperty().get()).isEqualTo("—");
        assertThat(panel.pinText(new jp.madoguchi.card.PinStatus(jp.madoguchi.card.PinKind.AUTH, jp.madoguchi.card.PinStatus.State.AVAILABLE, 3)))
                .isEqualTo("残り3回。1回間違えると残り2回になります。");
        assertThat(panel.pinText(new jp.madoguchi.card.PinStatus(jp.madoguchi.card.PinKind.AUTH, jp.madoguchi.card.PinStatus.State.AVAILABLE, 1)))
                .startsWith("残り1回。次に間違えるとロックされ");
        assertThat(panel.pinText(new jp.madoguchi.card.PinStatus(jp.madoguchi.card.PinKind.SIGN, jp.madoguchi.card.PinStatus.State.BLOCKED, 0)))
                .isEqualTo("ロック中。窓口で暗証番号の初期化（再設定）が必要です。");
        texts.setLocale(Locale.ENGLISH);
        assertThat(panel.messageProperty().get()).startsWith("MDG-UI-006　This workstation's enrolment file");
        assertThat(panel.pinText(new jp.madoguchi.card.PinStatus(jp.madoguchi.card.PinKind.JUKI, jp.madoguchi.card.PinStatus.State.NOT_SET, 0)))
                .isEqualTo("not set (it is set at delivery)");
        texts.setLocale(Locale.JAPANESE);
        panel.close();
    }

    @Test
    void awaiting_delivery_search_folds_hiragana_onto_katakana_and_reports_a_missing_station() {
        assertThat(AwaitingDeliveryViewModel.katakana("さいとう　みわ")).isEqualTo("サイトウ　ミワ");
        assertThat(AwaitingDeliveryViewModel.katakana("サイトウ 123 齋藤")).isEqualTo("サイトウ 123 齋藤");
        AwaitingDeliveryViewModel awaiting = new AwaitingDeliveryViewModel(texts, () -> {
            throw new jp.madoguchi.common.MadoguchiException(UiFailure.ENROLMENT_MISSING, java.util.Map.of("path", "/d/workstation.p12"));
        }, new SameThread(), Runnable::run, clock);
        awaiting.refresh();
        assertThat(awaiting.rows()).isEmpty();
        assertThat(awaiting.summaryProperty().get()).startsWith("MDG-UI-006");
        assertThat(awaiting.loadingProperty().get()).isFalse();
    }
}
