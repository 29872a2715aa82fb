package jp.madoguchi.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportExamples;
import jp.madoguchi.reports.ReportJson;
import jp.madoguchi.reports.ReportType;
import jp.madoguchi.reports.model.RenewalNotice;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @Test
    void every_example_json_reads_back_as_the_same_record(@TempDir Path dir) throws Exception {
        for (ReportType<?> type : ReportCatalogue.ALL) {
            String json = captureOut(() -> assertThat(ReportCommand.run(List.of("example", type.name()))).isZero());
            Path file = dir.resolve(type.name() + ".json");
            Files.writeString(file, json);
            assertThat((Object) ReportJson.read(file, type.dataType())).isEqualTo(type.example().get());
        }
        String list = captureOut(() -> assertThat(ReportCommand.run(List.of("list"))).isZero());
        ReportCatalogue.ALL.forEach(t -> assertThat(list).contains("## " + t.name()));
    }

    @Test
    void renders_a_pdf_from_json_in_both_languages(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("notice.json");
        Files.writeString(json, captureOut(() -> ReportCommand.run(List.of("example", "renewal-notice"))));
        for (String lang : List.of("ja", "en")) {
            Path pdf = dir.resolve("notice-" + lang + ".pdf");
            assertThat(ReportCommand.run(List.of("renewal-notice", "--data", json.toString(), "--out", pdf.toString(),
                    "--lang", lang))).isZero();
            assertThat(Files.readString(pdf, StandardCharsets.ISO_8859_1)).startsWith("%PDF-").contains("%%EOF");
        }
    }

    @Test
    void a_name_character_no_font_draws_prints_as_geta_and_the_operator_is_told(@TempDir Path dir) throws Exception {
        RenewalNotice n = ReportExamples.renewalNotice();
        Path json = dir.resolve("notice.json");
        Files.writeString(json, ReportJson.write(new RenewalNotice("\uD880\uDC00田 花子",
                n.nameFurigana(), n.postalCode(), n.address(), n.items(), n.office(), n.issuedOn())));
        Path pdf = dir.resolve("notice.pdf");
        String err = captureErr(() -> assertThat(ReportCommand.run(List.of("renewal-notice", "--data", json.toString(),
                "--out", pdf.toString()))).isZero());
        assertThat(err).contains("外字要確認", "name", "U+30000", "〓");
        try (var document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s", ""))
                    .contains("〓田花子");
        }
    }

    @Test
    void bad_json_and_missing_fields_are_coded_and_write_nothing(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"officeName\": ");
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"nmae\": \"x\"}");
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "{\"postalCode\": \"〒376-0011\"}");
        Path out = dir.resolve("out.pdf");
        String err = captureErr(() -> {
            assertThat(ReportCommand.run(List.of("renewal-notice", "--data", broken.toString(), "--out", out.toString()))).isEqualTo(1);
            assertThat(ReportCommand.run(List.of("renewal-notice", "--data", unknown.toString(), "--out", out.toString()))).isEqualTo(1);
            assertThat(ReportCommand.run(List.of("renewal-notice", "--data", missing.toString(), "--out", out.toString()))).isEqualTo(1);
            assertThat(ReportCommand.run(List.of("daily-tally", "--data", missing.toString(), "--out", out.toString(), "--lang", "en"))).isEqualTo(1);
            assertThat(ReportCommand.run(List.of("renewal-notice", "--data", missing.toString()))).isEqualTo(2);
        });
        assertThat(err).contains("MDG-REPORT-009", "MDG-REPORT-002", "MDG-REPORT-010", "usage:");
        assertThat(out).doesNotExist();
    }

    private static String captureOut(Runnable body) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String captureErr(Runnable body) {
        PrintStream old = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
