package jp.madoguchi.reports;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;

/**
 * What a Reports screen calls: which reports exist and what each asks the operator for (nothing, a
 * business day, or a period), and rendering a record to PDF bytes or a file with the §5 substitution
 * applied and its 「外字要確認」 flags returned. The caller assembles the record (from the queue, the
 * read cache); this service only prints it.
 *
 * <p>Thread-safe: one engine, shared; call it off the UI thread (a 10,000-row tally takes a second or more).
 */
public final class ReportService {

    /** What the operator chooses before a report can be assembled. */
    public enum Parameters {
        /** The form of one operation, printed from that operation's record. */
        OPERATION,
        /** One business day (日計表). */
        BUSINESS_DAY,
        /** A period, from and to inclusive (有効期限通知 対象者一覧). */
        PERIOD,
        /** One resident of an expiry list (更新のご案内). */
        RESIDENT,
        /** Nothing: the workstation's state now (同期・競合レポート). */
        NONE
    }

    /** One report as the screen lists it. */
    public record Entry(String name, String title, List<String> languages, Parameters parameters) {
    }

    /** A period the operator chose, checked when made: an end before the start is {@code MDG-REPORT-005}. */
    public record Period(LocalDate from, LocalDate to) {
        public Period {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new MadoguchiException(ReportFailure.PERIOD_INVALID, Map.of("from", from, "to", to));
            }
        }
    }

    /** A rendered PDF and the flags to store with the record it was printed from (empty: nothing to correct by hand). */
    public record Rendered(byte[] pdf, List<GaijiFlag> flags) {
        public Rendered {
            Objects.requireNonNull(pdf, "pdf");
            flags = List.copyOf(flags);
        }
    }

    private static final Map<String, Parameters> PARAMETERS = Map.of(
            ReportCatalogue.DELIVERY_RECEIPT.name(), Parameters.OPERATION,
            ReportCatalogue.PIN_RESET_RECORD.name(), Parameters.OPERATION,
            ReportCatalogue.CERTIFICATE_RECORD.name(), Parameters.OPERATION,
            ReportCatalogue.INQUIRY_SHEET.name(), Parameters.OPERATION,
            ReportCatalogue.DAILY_TALLY.name(), Parameters.BUSINESS_DAY,
            ReportCatalogue.EXPIRY_TARGETS.name(), Parameters.PERIOD,
            ReportCatalogue.RENEWAL_NOTICE.name(), Parameters.RESIDENT,
            ReportCatalogue.SYNC_REPORT.name(), Parameters.NONE);

    private final ReportEngine engine;

    public ReportService(ReportEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Every report, in the catalogue's order. */
    public List<Entry> reports() {
        return ReportCatalogue.ALL.stream()
                .map(t -> new Entry(t.name(), t.title(), t.languages(), PARAMETERS.get(t.name())))
                .toList();
    }

    /**
     * The PDF of {@code data}, names substituted per counter-rules §5; {@code recordId} goes into the flags.
     * Coded failures as {@link ReportEngine#fill}.
     */
    public <T extends Record> Rendered render(ReportType<T> type, T data, Locale locale, String recordId) {
        GaijiSubstitution.Result<T> printable = engine.printable(data, recordId);
        return new Rendered(engine.pdf(type, printable.data(), locale), printable.flags());
    }

    /** As {@link #render}, written to {@code target} through a temporary file: a failure leaves no file. */
    public <T extends Record> List<GaijiFlag> renderTo(ReportType<T> type, T data, Locale locale, String recordId,
                                                       Path target) {
        Rendered rendered = render(type, data, locale, recordId);
        ReportEngine.writeAtomically(rendered.pdf(), target);
        return rendered.flags();
    }
}
