package jp.madoguchi.app.forms;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.ReportType;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;

/**
 * One filled form, ready to save or print: the report, its record, the language it prints in and the
 * record id its 「外字要確認」 flags name. Immutable; saving and printing block (call them on a worker).
 *
 * @param recordId the operation id of the act the form records
 */
public record PrintableForm<T extends Record>(ReportType<T> type, T data, Locale locale, String recordId) {

    /** Writes the PDF to {@code file} (nothing on a failure) and returns the flags of names printed with 〓. */
    public List<GaijiFlag> saveTo(ReportService service, Path file) {
        return service.renderTo(type, data, locale, recordId, file);
    }

    /**
     * Prints on the default printer without a dialog, the way the Reports screen (F5) prints: names
     * substituted first, then filled and sent to the print service (MDG-REPORT-008 without a printer).
     */
    public List<GaijiFlag> print(ReportEngine engine) {
        var printable = engine.printable(data, recordId);
        engine.print(engine.fill(type, printable.data(), locale), null);
        return printable.flags();
    }
}
