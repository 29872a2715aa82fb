package jp.madoguchi.reports;

import static jp.madoguchi.reports.ReportFixtures.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.ReportService.Parameters;
import jp.madoguchi.reports.model.RenewalNotice;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API a Reports screen calls: the list with each report's parameters, and rendering read back as a PDF. */
class ReportServiceTest {

    private final ReportService service = new ReportService(ENGINE);

    @TempDir
    Path dir;

    @Test
    void every_report_is_listed_with_what_the_operator_chooses() {
        assertThat(service.reports()).extracting(ReportService.Entry::name)
                .containsExactlyElementsOf(ReportCatalogue.ALL.stream().map(ReportType::name).toList());
        assertThat(service.reports()).allSatisfy(e -> assertThat(e.parameters()).isNotNull());
        assertThat(service.reports()).filteredOn(e -> e.parameters() == Parameters.PERIOD)
                .extracting(ReportService.Entry::name).containsExactly("expiry-targets");
        assertThat(service.reports()).filteredOn(e -> e.name().equals("renewal-notice")).singleElement()
                .satisfies(e -> assertThat(e.languages()).containsExactly("ja", "en"));
    }

    @Test
    void a_reversed_period_is_refused_when_chosen() {
        assertThat(new ReportService.Period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 1)).to())
                .isEqualTo(LocalDate.of(2026, 6, 1));
        assertThatThrownBy(() -> new ReportService.Period(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 1)))
                .isInstanceOfSatisfying(MadoguchiException.class, e -> assertThat(e.code()).isEqualTo("MDG-REPORT-005"));
    }

    @Test
    void rendering_gives_a_pdf_with_the_names_substituted_and_the_flags() throws Exception {
        RenewalNotice n = ReportExamples.renewalNotice();
        RenewalNotice notice = new RenewalNotice("𰀀田 花子", n.nameFurigana(), n.postalCode(), n.address(), n.items(),
                n.office(), n.issuedOn());
        ReportService.Rendered rendered = service.render(ReportCatalogue.RENEWAL_NOTICE, notice, Locale.JAPANESE, "R-17");
        assertThat(rendered.flags()).containsExactly(new GaijiFlag("R-17", "U+30000", "name"));
        PdfCheck check = new PdfCheck(rendered.pdf());
        assertThat(check.glyphProblems).isEmpty();
        assertThat(check.compactText()).contains("〓田花子");

        Path out = dir.resolve("notice.pdf");
        List<GaijiFlag> flags = service.renderTo(ReportCatalogue.RENEWAL_NOTICE, n, Locale.ENGLISH, "R-18", out);
        assertThat(flags).isEmpty();
        assertThat(new PdfCheck(Files.readAllBytes(out)).compactText()).contains(n.name().replaceAll("\\s", ""));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
