package jp.madoguchi.app.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.reports.GaijiSubstitution;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.ReportType;
import jp.madoguchi.reports.model.ExpiryTargetList;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;
import jp.madoguchi.reports.preview.PdfPages;

/**
 * The period reports a counter makes from its own data, from request to paper: assembling the typed
 * record(s) of a report ({@link DailyTallies}, {@link ExpiryWork}, {@link SyncCaseReports}), rendering
 * them to one PDF (the renewal letters, one per resident, joined), preview pages, saving and printing.
 * Names pass through counter-rules §5's substitution on every path; the 「外字要確認」 flags come back.
 *
 * <p>Thread-safe (the parts are); every method blocks on disk, the store, the cache or the renderer:
 * call them on a task executor, never on the UI thread.
 */
public final class PeriodReports {

    /** The reports this package assembles, by their catalogue names. */
    public static final Set<String> OFFERED = Set.of(ReportCatalogue.DAILY_TALLY.name(),
            ReportCatalogue.EXPIRY_TARGETS.name(), ReportCatalogue.RENEWAL_NOTICE.name(), ReportCatalogue.SYNC_REPORT.name());

    /** Something the clerk should know about an assembled report, with how often it applies. */
    public enum Remark {
        /** Letters printed with a blank 〒 line: the feed's resident summary carried no postal code. */
        POSTAL_CODE_NOT_IN_FEED
    }

    /** One document of a report: its type, its record and the id its 外字 flags name. */
    public record Document<T extends Record>(ReportType<T> type, T data, String recordId) {
        public Document {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(recordId, "recordId");
        }
    }

    /**
     * What the clerk asked for: a report by name with its business day (daily tally) or period (expiry
     * list, letters); the sync report takes neither.
     */
    public record Request(String report, LocalDate businessDay, ReportService.Period period) {
        public Request {
            if (!OFFERED.contains(report)) {
                throw new IllegalArgumentException("not assembled here: " + report);
            }
        }
    }

    /** A report's documents (none when a period has no letter to send) and its remarks. */
    public record Assembled(Request request, List<Document<?>> documents, Map<Remark, Integer> remarks) {
        public Assembled {
            documents = List.copyOf(documents);
            remarks = Map.copyOf(remarks);
        }

        public boolean empty() {
            return documents.isEmpty();
        }
    }

    /** The report as one PDF, its page count and the flags of every document in it. */
    public record Output(byte[] pdf, int pageCount, List<GaijiFlag> flags) {
        public Output {
            flags = List.copyOf(flags);
        }
    }

    private final ReportService service;
    private final ReportEngine engine;
    private final OfficeLetterhead letterhead;
    private final ExpiryWork expiry;
    private final Clock clock;
    private final String workstationId;

    public PeriodReports(ReportService service, ReportEngine engine, OfficeLetterhead letterhead, ValidityRules rules,
                         Clock clock, String workstationId) {
        this.service = service;
        this.engine = engine;
        this.letterhead = letterhead;
        this.expiry = new ExpiryWork(rules);
        this.clock = clock;
        this.workstationId = workstationId;
    }

    /** The configured letterhead (the letters need every part of it). */
    public OfficeLetterhead letterhead() {
        return letterhead;
    }

    /** The record(s) of {@code request} from the signed-in counter's store and read cache as they are now. */
    public Assembled assemble(CounterStation st, Request request) {
        return assemble(CounterData.of(st), request);
    }

    /** The record(s) of {@code request} from {@code st}'s store and read cache as they are now. */
    public Assembled assemble(CounterData st, Request request) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ValidityRules.JST);
        String name = request.report();
        if (name.equals(ReportCatalogue.DAILY_TALLY.name())) {
            LocalDate day = Objects.requireNonNull(request.businessDay(), "businessDay");
            return one(request, ReportCatalogue.DAILY_TALLY, DailyTallies.of(st, day, workstationId, now), name + "-" + day);
        }
        if (name.equals(ReportCatalogue.SYNC_REPORT.name())) {
            return one(request, ReportCatalogue.SYNC_REPORT, SyncCaseReports.of(st.store(), st.cache(), st.sync(),
                    engine, workstationId, officeName(st), clock.instant()), name + "-" + now.toLocalDate());
        }
        ReportService.Period period = Objects.requireNonNull(request.period(), "period");
        List<ExpiryWork.Due> due = expiry.due(st.cache(), period, clock.instant());
        if (name.equals(ReportCatalogue.EXPIRY_TARGETS.name())) {
            ExpiryTargetList list = expiry.list(due, officeName(st), st.officeCode(), period, now);
            return one(request, ReportCatalogue.EXPIRY_TARGETS, list, name + "-" + period.from() + "-" + period.to());
        }
        List<Document<?>> letters = new ArrayList<>();
        int blankPostal = 0;
        for (ExpiryWork.Letter letter : expiry.notices(due, letterhead, now.toLocalDate())) {
            letters.add(new Document<>(ReportCatalogue.RENEWAL_NOTICE, letter.notice(),
                    name + " " + SyncCaseReports.cardRecordId(letter.cardSerial())));
            blankPostal += letter.postalCodeBlank() ? 1 : 0;
        }
        return new Assembled(request, letters,
                blankPostal == 0 ? Map.of() : Map.of(Remark.POSTAL_CODE_NOT_IN_FEED, blankPostal));
    }

    /** The office's name as the staff reports print it: the letterhead's, else the office code. */
    private String officeName(CounterData st) {
        return letterhead.name().isEmpty() ? st.officeName() : letterhead.name();
    }

    private static <T extends Record> Assembled one(Request request, ReportType<T> type, T data, String recordId) {
        return new Assembled(request, List.of(new Document<>(type, data, recordId)), Map.of());
    }

    /** The documents in Japanese, joined into one PDF. An empty report has no PDF: check {@link Assembled#empty()}. */
    public Output render(Assembled assembled) {
        if (assembled.empty()) {
            throw new IllegalStateException("nothing to render");
        }
        List<byte[]> pdfs = new ArrayList<>();
        List<GaijiFlag> flags = new ArrayList<>();
        for (Document<?> d : assembled.documents()) {
            ReportService.Rendered r = render(d);
            pdfs.add(r.pdf());
            flags.addAll(r.flags());
        }
        PdfPages.Joined joined = PdfPages.join(pdfs);
        return new Output(joined.pdf(), joined.pageCount(), flags);
    }

    private <T extends Record> ReportService.Rendered render(Document<T> d) {
        return service.render(d.type(), d.data(), Locale.JAPANESE, d.recordId());
    }

    /** The first {@code pages} pages of {@code output} as pixels, for the screen's preview. */
    public static List<PdfPages.Page> preview(Output output, int pages, float dpi) {
        return PdfPages.render(output.pdf(), pages, dpi);
    }

    /** Prints every document on the default printer, one job each (a letter is its own job); returns the flags. */
    public List<GaijiFlag> print(Assembled assembled) {
        List<GaijiFlag> flags = new ArrayList<>();
        for (Document<?> d : assembled.documents()) {
            flags.addAll(print(d));
        }
        return flags;
    }

    private <T extends Record> List<GaijiFlag> print(Document<T> d) {
        GaijiSubstitution.Result<T> printable = engine.printable(d.data(), d.recordId());
        engine.print(engine.fill(d.type(), printable.data(), Locale.JAPANESE), null);
        return printable.flags();
    }
}
