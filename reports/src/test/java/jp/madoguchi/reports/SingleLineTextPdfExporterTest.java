package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct single-line path writes what JasperReports' standard exporter (through OpenPDF's
 * ColumnText) writes: the same filled report exported both ways gives, page for page, byte-identical
 * content streams (every operator, coordinate, font switch, colour and glyph code) and the same font
 * resources, so the same glyph subsets are embedded. Checked over every report in every language
 * (names in IPAmj明朝, 𠮷 and IVS through the glyph renderer, bold, right and centred cells, wrapped
 * addresses, landscape pages) and a 2,000-row tally; and the direct path must really be taken.
 */
class SingleLineTextPdfExporterTest {

    static Stream<Arguments> everyReportAndLanguage() {
        return ReportRenderingTest.everyReportAndLanguage();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyReportAndLanguage")
    void every_report_exports_the_same_page_content_as_the_standard_exporter(ReportType<?> type, String language)
            throws Exception {
        JasperPrint print = fill(type, language);
        SingleLineTextPdfExporter direct = new SingleLineTextPdfExporter(ReportFixtures.ENGINE.context());

        assertSamePages(export(new JRPdfExporter(ReportFixtures.ENGINE.context()), print), export(direct, print));
        assertThat(direct.direct()).isPositive().isLessThanOrEqualTo(direct.texts());
    }

    @Test
    void a_long_tally_is_written_almost_entirely_directly_and_identically() throws Exception {
        JasperPrint print = ReportFixtures.ENGINE.fill(ReportCatalogue.DAILY_TALLY, ReportExamples.dailyTally(2_000), Locale.JAPANESE);
        SingleLineTextPdfExporter direct = new SingleLineTextPdfExporter(ReportFixtures.ENGINE.context());

        assertSamePages(export(new JRPdfExporter(ReportFixtures.ENGINE.context()), print), export(direct, print));
        // Each row's cells go directly (the fee cell is empty on most rows, and empty texts are not
        // drawn); what remains is the bold title and subtotals (OpenPDF's simulated bold).
        assertThat(direct.texts()).isGreaterThan(8_000);
        assertThat(direct.direct()).isGreaterThan(direct.texts() * 95 / 100);
    }

    private static <T extends Record> JasperPrint fill(ReportType<T> type, String language) {
        return ReportFixtures.ENGINE.fill(type, type.example().get(), ReportFixtures.locale(language));
    }

    private static byte[] export(JRPdfExporter exporter, JasperPrint print) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        exporter.exportReport();
        return out.toByteArray();
    }

    private static void assertSamePages(byte[] standard, byte[] direct) throws Exception {
        try (PDDocument expected = Loader.loadPDF(standard); PDDocument actual = Loader.loadPDF(direct)) {
            assertThat(actual.getNumberOfPages()).isEqualTo(expected.getNumberOfPages()).isPositive();
            for (int i = 0; i < expected.getNumberOfPages(); i++) {
                PDPage want = expected.getPage(i);
                PDPage got = actual.getPage(i);
                assertThat(new String(got.getContents().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("content stream of page %d", i + 1)
                        .isEqualTo(new String(want.getContents().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
                assertThat(fontNames(got)).as("fonts of page %d", i + 1).isEqualTo(fontNames(want));
            }
        }
    }

    /** Each font resource of the page: its name in the content stream and its base font without the subset tag. */
    private static List<String> fontNames(PDPage page) throws Exception {
        List<String> names = new ArrayList<>();
        for (COSName name : page.getResources().getFontNames()) {
            names.add(name.getName() + "=" + page.getResources().getFont(name).getName().replaceFirst("^[A-Z]{6}\\+", ""));
        }
        names.sort(null);
        return names;
    }
}
