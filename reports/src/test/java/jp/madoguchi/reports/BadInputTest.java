package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.DailyTally;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.ExpiryTargetList;
import jp.madoguchi.reports.model.Holder;
import jp.madoguchi.reports.model.RenewalNotice;
import net.sf.jasperreports.engine.JRPrintText;
import net.sf.jasperreports.engine.JasperPrint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a correct report or a coded error, never a corrupt PDF or a silent blank. */
class BadInputTest {

    private static final ReportEngine ENGINE = ReportFixtures.ENGINE;

    @Test
    void a_missing_required_field_is_a_coded_error_naming_it() {
        assertThatThrownBy(() -> new Holder(null, null, null, null, null, null, LocalDate.of(1990, 1, 1)))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> {
                    assertThat(e.code()).isEqualTo("MDG-REPORT-002");
                    assertThat(params(e)).containsEntry("field", "holder.name");
                });
        assertThatThrownBy(() -> ENGINE.pdf(ReportCatalogue.DELIVERY_RECEIPT, null, Locale.JAPANESE))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-002"));
    }

    @Test
    void optional_fields_left_null_print_as_dashes() throws Exception {
        DeliveryReceipt r = ReportExamples.deliveryReceipt();
        DeliveryReceipt sparse = new DeliveryReceipt(r.header(),
                new Holder("佐藤 花子", null, null, null, null, null, LocalDate.of(1988, 2, 29)), "12345678",
                r.cardType(), r.cardExpiry(), null, r.visitorType(), null, null, r.idMethod(), null, null, null, true, false);
        PdfCheck check = new PdfCheck(ENGINE.pdf(ReportCatalogue.DELIVERY_RECEIPT, sparse, Locale.JAPANESE));
        assertThat(check.glyphProblems).isEmpty();
        assertThat(check.compactText()).contains("フリガナ—", "交付前に設定済み", "5678").doesNotContain("1234");
    }

    @Test
    void a_2000_character_address_is_refused_with_its_length() {
        RenewalNotice n = ReportExamples.renewalNotice();
        RenewalNotice huge = new RenewalNotice(n.name(), n.nameFurigana(), n.postalCode(), "緑町".repeat(1000), n.items(),
                n.office(), n.issuedOn());
        assertThatThrownBy(() -> ENGINE.pdf(ReportCatalogue.RENEWAL_NOTICE, huge, Locale.JAPANESE))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> {
                    assertThat(e.code()).isEqualTo("MDG-REPORT-003");
                    assertThat(params(e)).containsEntry("field", "address").containsEntry("length", 2000);
                });
    }

    @Test
    void a_glyph_the_text_font_lacks_is_a_coded_error_naming_the_code_point() {
        DeliveryReceipt r = ReportExamples.deliveryReceipt();
        DeliveryReceipt bad = new DeliveryReceipt(r.header(), r.holder(), r.cardSerialLast4(), r.cardType(), r.cardExpiry(),
                r.certificates(), r.visitorType(), r.representativeName(), r.proxyReason(), "\uD842\uDFB7の書類",
                r.idDocumentTypes(), r.items(), r.pinsSet(), r.pinsPreset(), r.offline());
        assertThatThrownBy(() -> ENGINE.pdf(ReportCatalogue.DELIVERY_RECEIPT, bad, Locale.JAPANESE))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> {
                    assertThat(e.code()).isEqualTo("MDG-REPORT-001");
                    assertThat(params(e)).containsEntry("codePoint", "U+20BB7").containsEntry("field", "idMethod");
                    assertThat(e.clerkMessage(Locale.JAPANESE)).contains("U+20BB7");
                });
    }

    @Test
    void a_private_use_character_in_a_name_is_refused_not_printed() {
        RenewalNotice n = ReportExamples.renewalNotice();
        RenewalNotice gaiji = new RenewalNotice("田\uE000 花子", n.nameFurigana(), n.postalCode(), n.address(), n.items(),
                n.office(), n.issuedOn());
        assertThatThrownBy(() -> ENGINE.pdf(ReportCatalogue.RENEWAL_NOTICE, gaiji, Locale.JAPANESE))
                .isInstanceOfSatisfying(MadoguchiException.class, e ->
                        assertThat(params(e)).containsEntry("codePoint", "U+E000").containsEntry("field", "name"));
    }

    @Test
    void a_template_word_the_font_lacks_is_caught_in_the_filled_report() {
        JasperPrint print = ENGINE.fill(ReportCatalogue.PIN_RESET_RECORD, ReportExamples.pinResetRecord(), Locale.JAPANESE);
        JRPrintText first = (JRPrintText) print.getPages().get(0).getElements().stream()
                .filter(JRPrintText.class::isInstance).findFirst().orElseThrow();
        first.setText("☑ 署名用");
        assertThatThrownBy(() -> ENGINE.coverage().check(print))
                .isInstanceOfSatisfying(MadoguchiException.class, e ->
                        assertThat(params(e)).containsEntry("codePoint", "U+2611"));
    }

    @Test
    void an_empty_period_prints_a_list_that_says_so() throws Exception {
        ExpiryTargetList empty = new ExpiryTargetList("みどり市役所", "132012", LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 6, 1), List.of(), ReportExamples.expiryTargets().printedAt());
        PdfCheck check = new PdfCheck(ENGINE.pdf(ReportCatalogue.EXPIRY_TARGETS, empty, Locale.JAPANESE));
        assertThat(check.pages).isEqualTo(1);
        assertThat(check.compactText()).contains("対象0件", "この期間に更新期間に入る対象者はいません。");
    }

    @Test
    void a_reversed_period_is_a_coded_error() {
        assertThatThrownBy(() -> new ExpiryTargetList("みどり市役所", "132012", LocalDate.of(2026, 6, 30),
                LocalDate.of(2026, 6, 1), List.of(), ReportExamples.expiryTargets().printedAt()))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-005"));
    }

    @Test
    void a_day_without_operations_prints_an_empty_tally() throws Exception {
        DailyTally t = ReportExamples.dailyTally();
        DailyTally empty = new DailyTally(t.officeName(), t.officeCode(), t.businessDay(), t.workstationId(), List.of(),
                t.sync(), t.stock(), List.of(), null, null, t.printedAt());
        PdfCheck check = new PdfCheck(ENGINE.pdf(ReportCatalogue.DAILY_TALLY, empty, Locale.JAPANESE));
        assertThat(check.compactText()).contains("この業務日の取扱いはありません。", "締め：未了");
    }

    @Test
    void names_inside_a_list_are_checked_against_the_name_font() throws Exception {
        DailyTally t = ReportExamples.dailyTally();
        DailyTally kichi = new DailyTally(t.officeName(), t.officeCode(), t.businessDay(), t.workstationId(), t.lines(),
                t.sync(), t.stock(), List.of("10:12 \uD842\uDFB7野 一郎 任意代理人への交付"), t.closedBy(), t.closedAt(),
                t.printedAt());
        PdfCheck check = new PdfCheck(ENGINE.pdf(ReportCatalogue.DAILY_TALLY, kichi, Locale.JAPANESE));
        assertThat(check.glyphProblems).isEmpty();
        assertThat(check.compactText()).contains("\uD842\uDFB7野一郎");
    }

    @Test
    void a_100k_row_tally_is_refused_and_leaves_no_file(@TempDir Path dir) {
        DailyTally t = ReportExamples.dailyTally();
        List<DailyTally.TallyLine> lines = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            lines.add(new DailyTally.TallyLine("C" + (i % 500), "職員" + (i % 500), "交付", "本人", "完了", 1, 0));
        }
        DailyTally huge = new DailyTally(t.officeName(), t.officeCode(), t.businessDay(), t.workstationId(), lines,
                t.sync(), t.stock(), List.of(), null, null, t.printedAt());
        Path out = dir.resolve("tally.pdf");
        assertThatThrownBy(() -> ENGINE.writePdf(ReportCatalogue.DAILY_TALLY, huge, Locale.JAPANESE, out))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> {
                    assertThat(e.code()).isEqualTo("MDG-REPORT-004");
                    assertThat(params(e)).containsEntry("max", ReportEngine.MAX_ROWS);
                });
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void a_ja_only_report_has_no_english_variant_and_unknown_names_are_coded() {
        assertThatThrownBy(() -> ENGINE.pdf(ReportCatalogue.DAILY_TALLY, ReportExamples.dailyTally(), Locale.ENGLISH))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-010"));
        assertThatThrownBy(() -> ReportCatalogue.require("nope", "ja"))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-010"));
    }

    @Test
    void printing_to_a_printer_that_is_not_there_is_a_coded_error() {
        JasperPrint print = ENGINE.fill(ReportCatalogue.DELIVERY_RECEIPT, ReportExamples.deliveryReceipt(), Locale.JAPANESE);
        assertThatThrownBy(() -> ENGINE.print(print, "no-such-printer-" + System.nanoTime()))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-008"));
    }

    @Test
    void written_pdfs_are_complete(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("receipt.pdf");
        ENGINE.writePdf(ReportCatalogue.DELIVERY_RECEIPT, ReportExamples.deliveryReceipt(), Locale.ENGLISH, out);
        byte[] pdf = Files.readAllBytes(out);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(new PdfCheck(pdf).pages).isEqualTo(2);
        assertThat(dir.toFile().list()).containsExactly("receipt.pdf");
    }

    private static java.util.Map<String, Object> params(MadoguchiException e) {
        return new java.util.HashMap<>(e.params());
    }
}
