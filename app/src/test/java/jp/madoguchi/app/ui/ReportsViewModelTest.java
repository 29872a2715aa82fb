package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.reporting.OfficeLetterhead;
import jp.madoguchi.app.reporting.PeriodReports;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.station.StationFixture;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports screen's logic without a window, on the real parts: the composition root over a real
 * store and read cache (central in-process over mTLS), the real report engine, PDFs read back with PDFBox.
 */
class ReportsViewModelTest {

    @TempDir
    static Path dir;
    private static StationFixture station;
    private static final ReportEngine ENGINE = new ReportEngine();
    private final Texts texts = new Texts(Locale.JAPANESE);
    private final List<String> asked = new ArrayList<>();

    @BeforeAll
    static void stack() throws Exception {
        station = new StationFixture(dir, 2);
        StationFixture.await("the feed read", Duration.ofSeconds(30),
                () -> station.services.forStaff(clerk("窓口 花子")).cache().cards("ISSUED").size() == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        station.close();
    }

    static StaffAccount clerk(String name) {
        return new StaffAccount("C001", name, StaffRole.CLERK, 0, null);
    }

    static void recordPinReset(CounterStation st) {
        st.store().record(new CounterAct(OperationType.PIN_RESET, st.staff().staffId(), null, "999999999999999", null,
                Map.of("cardSerial", "999999999999999", "pinTypes", List.of("AUTH"), "reason", "FORGOTTEN",
                        "triesLeftBefore", 0, "visitorType", "HOLDER", "idMethod", List.of("ID_A"))));
    }

    /** The PDF's text with all white space (ASCII and ideographic) removed. */
    static String pdfText(Path file) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            return new PDFTextStripper().getText(pdf).replaceAll("[\\s\u3000]+", "");
        }
    }

    /** A name as pdfText finds it (white space removed), code points otherwise exact. */
    static String compact(String name) {
        return name.replaceAll("[\\s\u3000]+", "");
    }

    /**
     * Delivers the first card central made for this office by recording DELIVERY_COMPLETED through the
     * store, as the delivery workflow does; waits until central's CARD_STATUS_CHANGED (ACTIVE) is in the
     * read cache. Returns the card's resident.
     */
    static jp.madoguchi.sim.central.factory.Resident deliverFirstCard(StationFixture station, CounterStation st)
            throws Exception {
        var made = station.cards.get(0);
        String applicationId = st.cache().card(made.cardSerial()).orElseThrow().applicationId();
        if (!"ACTIVE".equals(st.cache().card(made.cardSerial()).orElseThrow().status())) {
            st.store().record(new CounterAct(OperationType.DELIVERY_COMPLETED, st.staff().staffId(), null, made.cardSerial(),
                    1L, Map.of("cardSerial", made.cardSerial(), "applicationId", applicationId,
                    "deliveredAt", java.time.Instant.now().toString(), "visitorType", "HOLDER", "idMethod", List.of("ID_A"),
                    "pinTypesSet", List.of("AUTH", "JUKI", "CARD_TEXT"), "cardType", "PIN")));
            StationFixture.await("the delivery applied and fed back", Duration.ofSeconds(30),
                    () -> "ACTIVE".equals(st.cache().card(made.cardSerial()).orElseThrow().status()));
        }
        return made.resident();
    }

    /** The office as the letters name it (configuration keys office.name/address/hours/telephone). */
    static final OfficeLetterhead LETTERHEAD = new OfficeLetterhead("試験市役所 市民課", "模擬県見本市役所通１－１",
            "平日 8:30〜17:15", "0000-00-0000");

    private ReportsViewModel vm(StaffAccount staff, Optional<Path> answer) {
        return vm(staff, answer, LETTERHEAD);
    }

    private ReportsViewModel vm(StaffAccount staff, Optional<Path> answer, OfficeLetterhead letterhead) {
        return new ReportsViewModel(texts, () -> station.services.forStaff(staff), reports(letterhead),
                new ReportService(ENGINE), (title, name) -> {
                    asked.add(title + "|" + name);
                    return answer;
                }, new SameThread(), Runnable::run, Clock.systemUTC());
    }

    static PeriodReports reports(OfficeLetterhead letterhead) {
        return new PeriodReports(new ReportService(ENGINE), ENGINE, letterhead, new ValidityRules(), Clock.systemUTC(), "T01");
    }

    private static void choose(ReportsViewModel vm, String name) {
        vm.selectedProperty().set(vm.choices().stream().filter(c -> c.entry().name().equals(name)).findFirst().orElseThrow());
    }

    @Test
    void every_report_is_listed_and_the_period_reports_are_offered() {
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.empty());
        assertThat(vm.choices()).extracting(c -> c.entry().name())
                .containsExactlyElementsOf(ReportCatalogue.ALL.stream().map(t -> t.name()).toList());
        assertThat(vm.choices()).filteredOn(ReportsViewModel.Choice::offered).extracting(c -> c.entry().name())
                .containsExactly("daily-tally", "expiry-targets", "renewal-notice", "sync-report");
        assertThat(vm.selectedProperty().get().entry().name()).isEqualTo("daily-tally");
        assertThat(vm.canRenderProperty().get()).isTrue();
        assertThat(vm.reasonProperty().get()).isEmpty();
        choose(vm, "renewal-notice");
        assertThat(vm.selectedProperty().get().parameters()).as("letters for everyone of a period's list")
                .isEqualTo(ReportService.Parameters.PERIOD);

        choose(vm, "delivery-receipt");
        assertThat(vm.canRenderProperty().get()).isFalse();
        assertThat(vm.describe(vm.selectedProperty().get())).contains("交付受領書", "この画面では作成できません");
        vm.save();
        vm.preview();
        assertThat(asked).as("nothing is asked for a report that is not offered").isEmpty();
        assertThat(vm.previewPages()).isEmpty();
    }

    @Test
    void letters_are_refused_until_the_office_letterhead_is_configured_naming_the_keys() {
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.empty(), OfficeLetterhead.none());
        choose(vm, "renewal-notice");
        assertThat(vm.selectedProperty().get().offered()).isFalse();
        assertThat(vm.canRenderProperty().get()).isFalse();
        assertThat(vm.reasonProperty().get()).contains("office.name", "office.address", "office.hours", "office.telephone");
        choose(vm, "expiry-targets");
        assertThat(vm.canRenderProperty().get()).as("the list needs no letterhead").isTrue();
    }

    @Test
    void a_reversed_period_is_refused_with_its_code_at_once() {
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.empty());
        vm.selectedProperty().set(vm.choices().stream().filter(c -> c.entry().name().equals("expiry-targets")).findFirst().orElseThrow());
        assertThat(vm.parameterProblemProperty().get()).isEmpty();
        vm.fromProperty().set(LocalDate.of(2026, 12, 1));
        vm.toProperty().set(LocalDate.of(2026, 11, 1));
        assertThat(vm.parameterProblemProperty().get()).startsWith("MDG-REPORT-005");
        vm.toProperty().set(LocalDate.of(2026, 12, 1));
        assertThat(vm.parameterProblemProperty().get()).isEmpty();
        vm.fromProperty().set(null);
        assertThat(vm.parameterProblemProperty().get()).isEqualTo(texts.get("reports.period.missing"));
    }

    @Test
    void the_daily_tally_of_today_is_saved_from_the_store_and_reads_back_in_japanese() throws Exception {
        recordPinReset(station.services.forStaff(clerk("窓口 花子")));
        Path file = dir.resolve("tally.pdf");
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.of(file));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));

        vm.save();

        assertThat(asked).containsExactly(texts.get("reports.save.title") + "|daily-tally-" + today + ".pdf");
        assertThat(vm.statusProperty().get()).isEqualTo(texts.format("reports.saved", Map.of("file", file)));
        assertThat(vm.flags()).isEmpty();
        assertThat(Files.readAllBytes(file)).startsWith("%PDF".getBytes());
        String text = pdfText(file);
        assertThat(text).contains("日計表", today.toString(), "窓口花子", "PIN_RESET", "C001");

        // A day without acts prints an empty tally of that day (no lines), not today's.
        vm.businessDayProperty().set(today.minusDays(400));
        vm.save();
        String past = pdfText(file);
        assertThat(past).contains("日計表", today.minusDays(400).toString()).doesNotContain("PIN_RESET");
    }

    @Test
    void a_name_outside_the_fonts_is_printed_as_geta_and_listed_for_checking() throws Exception {
        StaffAccount gaiji = clerk("𰀀田 花子");
        recordPinReset(station.services.forStaff(gaiji));
        Path file = dir.resolve("tally-gaiji.pdf");
        ReportsViewModel vm = vm(gaiji, Optional.of(file));

        vm.save();

        // One flag per tally line naming the clerk (other tests of this class add lines of their own).
        assertThat(vm.flags()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("外字要確認").contains("U+30000", "daily-tally-"));
        assertThat(pdfText(file)).contains("〓田花子").doesNotContain("𰀀");
        texts.setLocale(Locale.ENGLISH);
        assertThat(vm.flags().get(0)).startsWith("Gaiji to check");
        vm.close();
    }

    @Test
    void a_cancelled_chooser_writes_nothing() throws Exception {
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.empty());
        vm.save();
        assertThat(asked).hasSize(1);
        assertThat(vm.statusProperty().get()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("daily-tally"));
        }
    }

    @Test
    void a_failure_of_the_counter_parts_is_shown_with_its_code() {
        ReportsViewModel vm = new ReportsViewModel(texts, () -> {
            throw new jp.madoguchi.common.MadoguchiException(UiFailure.ENROLMENT_MISSING, Map.of("path", dir.resolve("enrolment")));
        }, reports(LETTERHEAD), new ReportService(ENGINE), (title, name) -> Optional.of(dir.resolve("never.pdf")),
                new SameThread(), Runnable::run, Clock.systemUTC());
        vm.save();
        assertThat(vm.statusProperty().get()).startsWith("MDG-UI-006");
        assertThat(dir.resolve("never.pdf")).doesNotExist();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void the_expiry_list_of_a_period_is_previewed_from_the_read_cache_and_saved_as_previewed() throws Exception {
        CounterStation st = station.services.forStaff(clerk("窓口 花子"));
        var resident = deliverFirstCard(station, st);
        Path file = dir.resolve("expiry.pdf");
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.of(file));
        choose(vm, "expiry-targets");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        vm.toProperty().set(today.plusYears(11));

        vm.preview();

        assertThat(vm.statusProperty().get()).as(vm.statusProperty().get()).startsWith("プレビューを表示しました");
        assertThat(vm.pageCountProperty().get()).isPositive();
        assertThat(vm.previewPages()).hasSizeBetween(1, 2);
        var page = vm.previewPages().get(0);
        assertThat(page.width()).isGreaterThan(700);
        assertThat(page.argb()).hasSize(page.width() * page.height());
        assertThat(java.util.Arrays.stream(page.argb()).distinct().count()).as("a page with print on it, not a blank").isGreaterThan(2);
        assertThat(vm.previewTitleProperty().get()).contains(String.valueOf(vm.pageCountProperty().get()));

        vm.save();

        assertThat(asked).containsExactly(texts.get("reports.save.title") + "|expiry-targets-" + today + "-" + today.plusYears(11) + ".pdf");
        assertThat(vm.statusProperty().get()).isEqualTo(texts.format("reports.saved", Map.of("file", file)));
        assertThat(vm.previewPages()).as("the preview stays: it is what was saved").isNotEmpty();
        String text = pdfText(file);
        assertThat(text).contains("有効期限通知", compact(resident.name()), resident.birthDate().toString());
    }

    @Test
    void the_letters_of_a_period_say_when_the_postal_code_is_missing_and_an_empty_period_has_nothing_to_print()
            throws Exception {
        CounterStation st = station.services.forStaff(clerk("窓口 花子"));
        var resident = deliverFirstCard(station, st);
        Path file = dir.resolve("letters.pdf");
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.of(file));
        choose(vm, "renewal-notice");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        vm.toProperty().set(today.plusYears(11));

        vm.save();

        assertThat(vm.statusProperty().get()).as(vm.statusProperty().get()).startsWith("保存しました");
        assertThat(vm.remarksProperty().get()).as("central's summary carries no postal code").startsWith("1通");
        assertThat(pdfText(file)).contains("更新のご案内", compact(resident.name()), "試験市役所市民課", "0000-00-0000");

        vm.toProperty().set(today.plusDays(1));
        vm.preview();
        assertThat(vm.statusProperty().get()).isEqualTo(texts.get("reports.empty"));
        assertThat(vm.previewPages()).isEmpty();
        assertThat(vm.pageCountProperty().get()).isZero();
    }

    @Test
    void the_sync_report_shows_the_queue_and_a_rejected_act_as_a_case() throws Exception {
        CounterStation st = station.services.forStaff(clerk("窓口 花子"));
        recordPinReset(st);
        StationFixture.await("central's answer to the unknown card", Duration.ofSeconds(30),
                () -> st.store().summary().rejected() > 0);
        Path file = dir.resolve("sync.pdf");
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.of(file));
        choose(vm, "sync-report");
        assertThat(vm.parameterProblemProperty().get()).isEmpty();

        vm.preview();
        vm.save();

        assertThat(vm.statusProperty().get()).as(vm.statusProperty().get()).startsWith("保存しました");
        assertThat(asked).containsExactly(texts.get("reports.save.title") + "|sync-report.pdf");
        String text = pdfText(file);
        assertThat(text).contains("同期・競合レポート", "T01", "PIN_RESET", "9999", "OPEN");
    }
}
