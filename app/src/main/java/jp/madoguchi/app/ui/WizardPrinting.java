package jp.madoguchi.app.ui;

import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;

/**
 * What the wizard's summary needs to print a form: the report service (PDF to a file), the engine
 * (printing, the same path as the Reports screen), where to save, and what the header names.
 *
 * @param workstationId the terminal id printed on every form
 * @param training      forms carry the 「訓練用・無効」 watermark
 */
public record WizardPrinting(ReportService service, ReportEngine engine, SaveFileDialog saveDialog, String workstationId,
                             boolean training) {
}
