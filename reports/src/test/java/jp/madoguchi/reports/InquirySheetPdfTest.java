package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.InquiryAnswerSheet;
import jp.madoguchi.reports.model.Kinds.InquiryOperation;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * The 照会書兼回答書 rendered to a real PDF and read back (PDFBox, and poppler's pdftotext for what a
 * reader of the printed page gets): the inquiry's fields, the answer's empty PIN boxes for a PIN
 * reset and none for a suspension lift, the names drawn in IPAmj明朝, no PIN or My Number, the
 * address block only when the address is known, the footer and the training watermark.
 */
class InquirySheetPdfTest {

    private static byte[] render(InquiryAnswerSheet sheet) {
        return ReportFixtures.ENGINE.pdf(ReportCatalogue.INQUIRY_SHEET, sheet, Locale.JAPANESE);
    }

    private static InquiryAnswerSheet with(InquiryOperation operation, String postalCode, String address, String proxy,
                                           boolean training, String serial) {
        InquiryAnswerSheet r = ReportExamples.inquirySheet();
        return new InquiryAnswerSheet(r.officeName(), r.officeCode(), r.workstationId(), r.clerkName(), r.clerkId(),
                r.supervisorName(), r.printedAt(), training, r.number(), r.sentOn(), r.deadline(), r.holder(), postalCode,
                address, operation, serial, proxy);
    }

    @Test
    void the_pin_reset_sheet_prints_inquiry_and_answer_on_one_page() throws Exception {
        InquiryAnswerSheet sheet = ReportExamples.inquirySheet();
        byte[] pdf = render(sheet);
        assertThat(ReportFixtures.preview("inquiry-sheet-pin-reset", pdf)).isEqualTo(1);
        PdfCheck check = new PdfCheck(pdf);

        assertThat(check.pages).isEqualTo(1);
        assertThat(check.glyphProblems).isEmpty();
        String text = compact(check.text);
        for (String expected : List.of("照会書", "回答書", "照会書番号Q20260526-3FA01C", "みどり市役所市民課（132012）", "端末WS-0042",
                "森鷗介（C1042）", "承認者—", "送付日令和8年5月26日（2026年）", "令和8年6月25日（2026年）まで", "暗証番号の初期化・再設定",
                "カード番号（下4桁）0915", "\uD842\uDFB7田花子様", "ヨシダハナコ", "平成2年7月14日（1990年）", "〒376-0011",
                "群馬県みどり市緑町二丁目3番4号", "髙橋一郎", "お覚えがない場合は", "開封せずに", "封をしてから代理人にお渡しください",
                "開封された回答書では手続きできません", "私は、上記の照会書に記載された代理人", "ご本人の署名（自署）", "印",
                "利用者証明用電子証明書の暗証番号（数字4桁）", "住民基本台帳用の暗証番号（数字4桁）", "券面事項入力補助用の暗証番号（数字4桁）",
                "署名用電子証明書の暗証番号（6〜16文字）", "きりとり線", "送信対象外（端末の照会書台帳に記録）", "ページ1")) {
            assertThat(text).as(expected).contains(expected);
        }
        // Not an act in the queue: neither sync word of the other forms, and no watermark outside training.
        assertThat(text).doesNotContain("未送信").doesNotContain("送信済").doesNotContain("訓練用・無効");
    }

    @Test
    void names_are_drawn_in_ipamj_and_poppler_reads_them_back() throws Exception {
        byte[] pdf = render(ReportExamples.inquirySheet());
        Map<String, StringBuilder> byFont = textByFont(pdf);

        assertThat(byFont).containsKey("IPAmjMincho");
        String mincho = compact(byFont.get("IPAmjMincho").toString());
        assertThat(mincho).contains("田花子").contains("髙橋一郎").contains("森鷗介");
        assertThat(compact(byFont.getOrDefault("IPAexGothic", new StringBuilder()).toString())).doesNotContain("花子");

        String poppler = compact(pdftotext(pdf));
        assertThat(poppler).contains("\uD842\uDFB7田花子").contains("照会書番号Q20260526-3FA01C").contains("髙橋一郎");
    }

    @Test
    void no_pin_no_my_number_and_only_the_last_four_of_the_serial() throws Exception {
        // The record has no place for a PIN or the 個人番号: its components are exactly these.
        assertThat(Arrays.stream(InquiryAnswerSheet.class.getRecordComponents()).map(c -> c.getName()).toList())
                .containsExactly("officeName", "officeCode", "workstationId", "clerkName", "clerkId", "supervisorName",
                        "printedAt", "training", "number", "sentOn", "deadline", "holder", "postalCode", "address",
                        "operation", "cardSerialLast4", "proxyName");
        InquiryAnswerSheet full = with(InquiryOperation.PIN_CHANGE, "〒376-0011", "群馬県みどり市緑町二丁目3番4号", "髙橋 一郎",
                false, "AB12CD34EF560915");
        assertThat(full.cardSerialLast4()).isEqualTo("0915");
        String text = compact(new PdfCheck(render(full)).text);
        assertThat(text).contains("暗証番号の変更").contains("0915").doesNotContain("AB12").doesNotContain("EF56");
        // No run of digits as long as a PIN box row filled in, or a 12-digit My Number.
        assertThat(text).doesNotContainPattern("\\d{12}");
    }

    @Test
    void a_suspension_lift_has_no_pin_boxes_and_an_unknown_address_no_address_block() throws Exception {
        InquiryAnswerSheet sheet = with(InquiryOperation.SUSPENSION_LIFT, null, null, null, true, "0915");
        byte[] pdf = render(sheet);
        PdfCheck check = new PdfCheck(pdf);
        String text = compact(check.text);

        assertThat(check.pages).isEqualTo(1);
        assertThat(check.glyphProblems).isEmpty();
        assertThat(text).contains("マイナンバーカードの一時停止解除").contains("暗証番号を記入する必要はありません")
                .doesNotContain("新しい暗証番号").doesNotContain("数字4桁");
        // No address: no envelope block (no 〒, no 「様」), the holder is still named in the inquiry.
        assertThat(text).doesNotContain("〒").doesNotContain("様").contains("\uD842\uDFB7田花子");
        // No proxy name typed: a blank to fill in by hand, in the answer as well.
        assertThat(text).contains("代理人（").doesNotContain("髙橋");
        assertThat(text).contains("訓練用・無効");
        assertThat(ReportFixtures.preview("inquiry-sheet-suspension-training", pdf)).isEqualTo(1);
    }

    @Test
    void a_known_address_without_postal_code_prints_a_blank_postal_line() throws Exception {
        String text = compact(new PdfCheck(render(with(InquiryOperation.CERT_RENEWAL, null, "群馬県みどり市緑町二丁目3番4号", "髙橋 一郎",
                false, "0915"))).text);
        assertThat(text).contains("〒－").contains("群馬県みどり市緑町二丁目3番4号").contains("電子証明書の更新");
    }

    @Test
    void a_deadline_before_the_day_sent_or_a_missing_number_is_refused_with_a_code() {
        InquiryAnswerSheet r = ReportExamples.inquirySheet();
        assertThatThrownBy(() -> new InquiryAnswerSheet(r.officeName(), r.officeCode(), r.workstationId(), r.clerkName(),
                r.clerkId(), null, r.printedAt(), false, r.number(), r.sentOn(), r.sentOn().minusDays(1), r.holder(), null, null,
                r.operation(), "0915", null))
                .isInstanceOf(MadoguchiException.class).hasMessageContaining("MDG-REPORT-005");
        assertThatThrownBy(() -> new InquiryAnswerSheet(r.officeName(), r.officeCode(), r.workstationId(), r.clerkName(),
                r.clerkId(), null, r.printedAt(), false, " ", r.sentOn(), r.deadline(), r.holder(), null, null,
                r.operation(), "0915", null))
                .isInstanceOf(MadoguchiException.class).hasMessageContaining("MDG-REPORT-002");
    }

    /** Text without any white space or Unicode space separator (U+3000, and the no-break space PDFBox gives IPAmj's space), whatever line breaks extraction adds. */
    private static String compact(String text) {
        return text.replaceAll("[\\s\\p{Z}]+", "");
    }

    /** The text each embedded font drew (subset prefix removed), as PDFBox extracts it. */
    private static Map<String, StringBuilder> textByFont(byte[] pdf) throws IOException {
        Map<String, StringBuilder> byFont = new HashMap<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    String name = text.getFont().getName() == null ? "?" : text.getFont().getName().replaceFirst("^[A-Z]{6}\\+", "");
                    byFont.computeIfAbsent(name, k -> new StringBuilder()).append(text.getUnicode());
                    super.processTextPosition(text);
                }
            };
            stripper.getText(document);
        }
        return byFont;
    }

    private static String pdftotext(byte[] pdf) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(ReportFixtures.PREVIEWS);
        Path file = dir.resolve("inquiry-sheet-pdftotext.pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
