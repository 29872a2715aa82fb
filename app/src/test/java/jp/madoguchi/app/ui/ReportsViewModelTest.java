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
import jp.madoguchi.app.counter.workflow.CounterStation;
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

    static String pdfText(Path file) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            return new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
        }
    }

    private ReportsViewModel vm(StaffAccount staff, Optional<Path> answer) {
        return new ReportsViewModel(texts, () -> station.services.forStaff(staff), new ReportService(ENGINE), ENGINE,
                (title, name) -> {
                    asked.add(title + "|" + name);
                    return answer;
                }, new SameThread(), Runnable::run, Clock.systemUTC(), "T01");
    }

    @Test
    void every_report_is_listed_and_only_what_the_counter_can_assemble_is_offered() {
        ReportsViewModel vm = vm(clerk("窓口 花子"), Optional.empty());
        assertThat(vm.choices()).extracting(c -> c.entry().name())
                .containsExactlyElementsOf(ReportCatalogue.ALL.stream().map(t -> t.name()).toList());
        assertThat(vm.choices()).filteredOn(ReportsViewModel.Choice::offered).extracting(c -> c.entry().name())
                .containsExactly("daily-tally");
        assertThat(vm.selectedProperty().get().entry().name()).isEqualTo("daily-tally");
        assertThat(vm.canRenderProperty().get()).isTrue();
        assertThat(vm.reasonProperty().get()).isEmpty();

        vm.selectedProperty().set(vm.choices().stream().filter(c -> c.entry().name().equals("renewal-notice")).findFirst().orElseThrow());
        assertThat(vm.reasonProperty().get()).contains("住所");
        assertThat(vm.canRenderProperty().get()).isFalse();
        assertThat(vm.describe(vm.selectedProperty().get())).contains("更新のご案内", "この画面では作成できません");
        vm.save();
        assertThat(asked).as("nothing is asked for a report that is not offered").isEmpty();
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

        assertThat(vm.flags()).hasSize(1);
        assertThat(vm.flags().get(0)).startsWith("外字要確認").contains("U+30000", "daily-tally-");
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
        }, new ReportService(ENGINE), ENGINE, (title, name) -> Optional.of(dir.resolve("never.pdf")), new SameThread(),
                Runnable::run, Clock.systemUTC(), "T01");
        vm.save();
        assertThat(vm.statusProperty().get()).startsWith("MDG-UI-006");
        assertThat(dir.resolve("never.pdf")).doesNotExist();
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
