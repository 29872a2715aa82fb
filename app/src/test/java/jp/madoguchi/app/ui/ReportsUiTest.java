package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.station.StationFixture;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The reports screen (F5) in the real window on the real parts (composition root, store, read cache,
 * central over mTLS in-process, the report engine), by keyboard: the daily tally of today saved as a
 * PDF that is read back, a reversed period refused with MDG-REPORT-005, then the expiry list, the
 * renewal letters and the sync report each previewed (the first page drawn in the window) and saved.
 * Screenshots in target/screenshots.
 */
class ReportsUiTest extends FxRobot {

    @TempDir
    static Path dir;
    private static StationFixture station;
    private BackgroundTaskExecutor executor;
    private WorkstationWindow window;
    private Stage stage;
    private Texts texts;
    private final Path target = dir.resolve("ui-tally.pdf");

    @BeforeAll
    static void stack() throws Exception {
        station = new StationFixture(dir, 2);
        StationFixture.await("the feed read", Duration.ofSeconds(30),
                () -> station.services.forStaff(ReportsViewModelTest.clerk("窓口 花子")).cache().cards("ISSUED").size() == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        station.close();
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

    private void open() throws Exception {
        StaffDirectory directory = StaffDirectory.open(station.data, Clock.systemUTC(), new LockoutRule(5, Duration.ofMinutes(15)),
                new PasswordHasher(10_000), BlockingCallGuard.FORBID_FX_THREAD);
        directory.provision("C001", "窓口 花子", StaffRole.CLERK, "correct-horse-1".toCharArray());
        executor = new BackgroundTaskExecutor();
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            texts = new Texts(Locale.JAPANESE);
            Workstation ws = new Workstation(new OfficeIdentity("MUNICIPAL", StationFixture.OFFICE, "T01",
                    ReportsViewModelTest.LETTERHEAD), false, texts,
                    new Appearance(), directory, executor, UiThread.FX, Clock.systemUTC(), Duration.ofMinutes(5),
                    Duration.ofMillis(200), station.services.readerStatus(), station.services.syncStatus(),
                    (title, question) -> true, List::of, station.services, new ReportEngine(), (title, name) -> Optional.of(target));
            window = new WorkstationWindow(stage, ws);
        });
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#staffId");
        write("C001");
        type(KeyCode.TAB);
        write("correct-horse-1");
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#mainHeader").tryQuery().isPresent());
    }

    @Test
    void each_period_report_is_chosen_previewed_and_saved_by_keyboard() throws Exception {
        ReportsViewModelTest.recordPinReset(station.services.forStaff(ReportsViewModelTest.clerk("窓口 花子")));
        String holder = ReportsViewModelTest.compact(ReportsViewModelTest.deliverFirstCard(station,
                station.services.forStaff(ReportsViewModelTest.clerk("窓口 花子"))).name());
        open();
        type(KeyCode.F5);
        waitUntil(() -> text("#screenTitle").equals(texts.get("nav.reports")));
        assertThat(lookup("#reportsList").query().isFocused()).isTrue();
        assertThat(lookup("#reportsList").queryAs(ListView.class).getSelectionModel().getSelectedIndex())
                .as("the daily tally is chosen first").isEqualTo(listIndex(ReportCatalogue.DAILY_TALLY));
        WorkstationUiTest.assertEveryControlIsNamed(stage.getScene().getRoot());

        // Tab from the list through the business day to 「PDFを保存」, Space saves.
        for (int i = 0; i < 10 && !focused("reportsSave"); i++) {
            type(KeyCode.TAB);
        }
        assertThat(focused("reportsSave")).isTrue();
        type(KeyCode.SPACE);
        waitUntil(() -> text("#reportsStatus").startsWith("保存しました"));
        assertThat(focused("reportsSave")).as("the focus comes back to the button").isTrue();
        String pdf = ReportsViewModelTest.pdfText(target);
        assertThat(pdf).contains("日計表", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString(), "窓口花子", "PIN_RESET");
        assertThat(lookup("#reportsGaijiNone").queryAs(Labeled.class).getText()).isEqualTo(texts.get("reports.gaiji.none"));
        screenshot("70-reports-daily-tally-saved");

        // Down to 有効期限通知 対象者一覧: a reversed period gets its code at once; a good one is previewed and saved.
        for (int i = 0; i < 10 && !focused("reportsList"); i++) {
            push(KeyCode.SHIFT, KeyCode.TAB);
        }
        assertThat(focused("reportsList")).isTrue();
        type(KeyCode.DOWN);
        waitUntil(() -> lookup("#reportsFrom").queryAs(DatePicker.class).getParent().getParent().isVisible());
        enterDate("#reportsFrom", LocalDate.of(2026, 12, 1));
        enterDate("#reportsTo", LocalDate.of(2026, 11, 1));
        waitUntil(() -> text("#reportsProblem").startsWith("MDG-REPORT-005"));
        assertThat(lookup("#reportsPreview").queryAs(Button.class).isDisabled()).isTrue();
        WorkstationUiTest.assertEveryControlIsNamed(stage.getScene().getRoot());
        screenshot("71-reports-period-reversed");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        enterDate("#reportsFrom", today);
        enterDate("#reportsTo", today.plusYears(11));
        waitUntil(() -> !lookup("#reportsProblem").queryAs(Labeled.class).isVisible());
        assertThat(previewAndSave("72-reports-expiry-targets-preview", "有効期限通知")).contains(holder);

        // Down to 更新のご案内: one letter per resident of the same period; the missing postal code is said.
        focusList();
        type(KeyCode.DOWN);
        waitUntil(() -> lookup("#reportsList").queryAs(ListView.class).getSelectionModel().getSelectedIndex() == listIndex(ReportCatalogue.RENEWAL_NOTICE));
        assertThat(previewAndSave("73-reports-renewal-notice-preview", "更新のご案内")).contains(holder);
        assertThat(text("#reportsRemarks")).startsWith("1通");

        // Down to 同期・競合レポート: no parameters.
        focusList();
        type(KeyCode.DOWN);
        waitUntil(() -> lookup("#reportsList").queryAs(ListView.class).getSelectionModel().getSelectedIndex() == listIndex(ReportCatalogue.SYNC_REPORT));
        assertThat(lookup("#reportsFrom").queryAs(DatePicker.class).getParent().getParent().isVisible())
                .as("the sync report asks for no period").isFalse();
        assertThat(previewAndSave("74-reports-sync-report-preview", "同期・競合レポート")).contains("T01", "PIN_RESET");
    }

    /** Where a report stands in the F5 list: the forms their workflows make come first, so this moves when one is added. */
    private int listIndex(ReportType<?> report) {
        List<?> items = lookup("#reportsList").queryAs(ListView.class).getItems();
        for (int i = 0; i < items.size(); i++) {
            if (((ReportsViewModel.Choice) items.get(i)).entry().name().equals(report.name())) {
                return i;
            }
        }
        throw new AssertionError(report.name() + " is not in the F5 list");
    }

    private void focusList() {
        for (int i = 0; i < 15 && !focused("reportsList"); i++) {
            push(KeyCode.SHIFT, KeyCode.TAB);
        }
        assertThat(focused("reportsList")).isTrue();
    }

    /**
     * Tabs to 「プレビュー」 and presses Space, waits for the first page to be drawn, screenshots, then
     * Tabs to 「PDFを保存」 and saves: the PDF read back holds {@code title} (and the delivered holder's name
     * for the period reports).
     */
    private String previewAndSave(String shot, String title) throws Exception {
        for (int i = 0; i < 10 && !focused("reportsPreview"); i++) {
            type(KeyCode.TAB);
        }
        assertThat(focused("reportsPreview")).isTrue();
        type(KeyCode.SPACE);
        waitUntil(() -> !text("#reportsStatus").isEmpty() && !text("#reportsStatus").equals(texts.get("reports.busy")));
        assertThat(text("#reportsStatus")).startsWith("プレビューを表示しました");
        waitUntil(() -> lookup("#reportsPage1").tryQuery().isPresent());
        javafx.scene.image.ImageView page = lookup("#reportsPage1").queryAs(javafx.scene.image.ImageView.class);
        assertThat(page.getImage().getWidth()).isGreaterThan(700);
        assertThat(page.getAccessibleText()).contains(title, "1");
        assertThat(text("#reportsPreviewTitle")).startsWith("プレビュー：全");
        WorkstationUiTest.assertEveryControlIsNamed(stage.getScene().getRoot());
        screenshot(shot);
        type(KeyCode.TAB);
        assertThat(focused("reportsSave")).isTrue();
        type(KeyCode.SPACE);
        waitUntil(() -> text("#reportsStatus").startsWith("保存しました"));
        String pdf = ReportsViewModelTest.pdfText(target);
        assertThat(pdf).contains(title);
        return pdf;
    }

    /** Types the date into the picker's field in the picker's own format and confirms with Enter. */
    private void enterDate(String id, LocalDate date) throws Exception {
        DatePicker picker = lookup(id).queryAs(DatePicker.class);
        clickOn(picker.getEditor());
        push(KeyCode.CONTROL, KeyCode.A);
        write(picker.getConverter().toString(date));
        type(KeyCode.ENTER);
        waitUntil(() -> date.equals(picker.getValue()));
    }

    private boolean focused(String id) {
        Node owner = stage.getScene().getFocusOwner();
        return owner != null && id.equals(owner.getId());
    }

    private String text(String id) {
        return lookup(id).queryAs(Labeled.class).getText();
    }

    private void waitUntil(Supplier<Boolean> condition) throws Exception {
        try {
            waitFor(condition);
        } catch (java.util.concurrent.TimeoutException e) {
            screenshot("zz-reports-timeout");
            throw new AssertionError("timed out; status: " + text("#reportsStatus"), e);
        }
    }

    private void waitFor(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        Screenshots.save(stage.getScene(), name);
    }
}
