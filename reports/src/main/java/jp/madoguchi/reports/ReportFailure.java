package jp.madoguchi.reports;

import jp.madoguchi.common.FailureCode;

/**
 * The {@code REPORT} area (architecture.md §3): what can stop a form or report from printing. Texts are
 * in {@code ReportFailures.properties} (Japanese) and {@code ReportFailures_en.properties}.
 */
public enum ReportFailure implements FailureCode {
    /** A character the chosen font cannot draw; printing it would leave a blank or a box. */
    GLYPH_MISSING("MDG-REPORT-001"),
    /** A field the form cannot do without is null or blank. */
    FIELD_MISSING("MDG-REPORT-002"),
    /** A text longer than any real value (a 2,000-character address): refused, never squeezed. */
    TEXT_TOO_LONG("MDG-REPORT-003"),
    /** More rows than one printed report holds; print per clerk or per shorter period. */
    TOO_MANY_ROWS("MDG-REPORT-004"),
    /** A period whose end lies before its start. */
    PERIOD_INVALID("MDG-REPORT-005"),
    /** The compiled template is not in the jar (a broken build or installation). */
    TEMPLATE_MISSING("MDG-REPORT-006"),
    /** JasperReports failed while filling or exporting. */
    RENDER_FAILED("MDG-REPORT-007"),
    /** No printer, or the print job failed. */
    PRINT_FAILED("MDG-REPORT-008"),
    /** The JSON given to {@code ./mado report} does not describe the report's record. */
    DATA_UNREADABLE("MDG-REPORT-009"),
    /** No report of that name, or not in that language. */
    UNKNOWN_REPORT("MDG-REPORT-010");

    private final String code;

    ReportFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.reports.ReportFailures";
    }
}
