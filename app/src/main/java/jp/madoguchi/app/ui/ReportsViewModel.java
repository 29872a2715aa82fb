package jp.madoguchi.app.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.reporting.PeriodReports;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;
import jp.madoguchi.reports.preview.PdfPages;

/**
 * Reports (F5): every report of the catalogue, which of them the counter assembles from its own data
 * ({@link PeriodReports}: the daily tally of a business day, the expiry targets and the renewal letters
 * of a period, the sync and case report of now) and why not the others; their parameters; a preview of
 * the first pages; saving the PDF where the clerk chooses and printing on the default printer. What was
 * previewed is what is saved or printed, as long as the parameters did not change since.
 *
 * <p>Assembling, rendering and the preview run on the task executor; FX-thread confined otherwise.
 */
public final class ReportsViewModel implements AutoCloseable {

    /** Pages rendered for the preview, and at what resolution (a readable A4 page in the window). */
    static final int PREVIEW_PAGES = 2;
    static final float PREVIEW_DPI = 96f;

    /**
     * One report as the screen lists it: what it asks for, and {@code reasonKey} (null when this screen
     * assembles it) saying why not.
     */
    public record Choice(ReportService.Entry entry, ReportService.Parameters parameters, String reasonKey) {
        public boolean offered() {
            return reasonKey == null;
        }
    }

    /** The last report made on this screen: what was asked, what came out, the pages shown. */
    private record Made(PeriodReports.Request request, PeriodReports.Assembled assembled, PeriodReports.Output output) {
    }

    private final Texts texts;
    private final Callable<CounterStation> stations;
    private final PeriodReports reports;
    private final SaveFileDialog saveDialog;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> businessDay = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> saved = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper printed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper nothingToPrint = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<PdfPages.Page> previewPages = FXCollections.observableArrayList();
    /** One view for every caller: a listener on a throw-away unmodifiable wrapper is lost when the wrapper is collected. */
    private final ObservableList<PdfPages.Page> previewPagesView = FXCollections.unmodifiableObservableList(previewPages);
    private final ObjectProperty<Map<PeriodReports.Remark, Integer>> remarks = new SimpleObjectProperty<>(Map.of());
    private final ObservableList<GaijiFlag> flagList = FXCollections.observableArrayList();
    private final ObservableList<String> flags = FXCollections.observableArrayList();
    private final StringBinding parameterProblem;
    private final StringBinding reason;
    private final StringBinding status;
    private final StringBinding previewTitle;
    private final StringBinding remarkText;
    private final BooleanBinding canRender;
    private final InvalidationListener relabel = o -> renderFlags();
    private Made last;

    public ReportsViewModel(Texts texts, Callable<CounterStation> stations, PeriodReports reports, ReportService service,
            SaveFileDialog saveDialog, TaskExecutor executor, UiThread uiThread, Clock clock) {
        this.texts = texts;
        this.stations = stations;
        this.reports = reports;
        this.saveDialog = saveDialog;
        this.executor = executor;
        this.uiThread = uiThread;
        LocalDate today = ValidityRules.today(clock.instant());
        businessDay.set(today);
        from.set(today);
        to.set(today.plusMonths(1).minusDays(1));
        for (ReportService.Entry e : service.reports()) {
            choices.add(new Choice(e, parameters(e), reasonKey(e.name())));
        }
        selected.set(choices.stream().filter(c -> c.entry().name().equals(ReportCatalogue.DAILY_TALLY.name()))
                .findFirst().orElse(null));
        parameterProblem = texts.bindComputed(this::checkParameters, selected, from, to, businessDay);
        reason = texts.bindComputed(this::renderReason, selected);
        status = texts.bindComputed(this::renderStatus, failure, saved, printed, busy, nothingToPrint, pageCount);
        previewTitle = texts.bindComputed(this::renderPreviewTitle, pageCount, previewPages);
        remarkText = texts.bindComputed(this::renderRemarks, remarks);
        canRender = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().offered() && !busy.get()
                && parameterProblem.get().isEmpty(), selected, busy, parameterProblem);
        // Other parameters, another report: what was made no longer applies.
        InvalidationListener changed = o -> {
            clearStatus();
            clearReport();
        };
        selected.addListener(changed);
        businessDay.addListener(changed);
        from.addListener(changed);
        to.addListener(changed);
        texts.localeProperty().addListener(relabel);
    }

    /**
     * What the screen asks for each report. The renewal letters go out for everyone of a period's
     * expiry list (one letter per resident), so here they take a period, not one resident.
     */
    private static ReportService.Parameters parameters(ReportService.Entry e) {
        return e.name().equals(ReportCatalogue.RENEWAL_NOTICE.name()) ? ReportService.Parameters.PERIOD : e.parameters();
    }

    /** Why a report is not made here; null when it is (the letters need the office's letterhead configured). */
    private String reasonKey(String name) {
        if (!PeriodReports.OFFERED.contains(name)) {
            return "reports.notOffered.operation";
        }
        if (name.equals(ReportCatalogue.RENEWAL_NOTICE.name()) && !reports.letterhead().missing().isEmpty()) {
            return "reports.notOffered.letterhead";
        }
        return null;
    }

    private String renderReason() {
        Choice c = selected.get();
        if (c == null || c.offered()) {
            return "";
        }
        return texts.format(c.reasonKey(), Map.of("keys", String.join(", ", reports.letterhead().missing())));
    }

    /** Empty when the parameters of the chosen report are complete and valid, else the problem in words. */
    private String checkParameters() {
        Choice c = selected.get();
        if (c == null) {
            return texts.get("reports.choose");
        }
        switch (c.parameters()) {
            case BUSINESS_DAY:
                return businessDay.get() == null ? texts.get("reports.day.missing") : "";
            case PERIOD:
                if (from.get() == null || to.get() == null) {
                    return texts.get("reports.period.missing");
                }
                try {
                    new ReportService.Period(from.get(), to.get());
                    return "";
                } catch (MadoguchiException e) {
                    return FailureText.of(texts, e);
                }
            default:
                return "";
        }
    }

    /** The request of the chosen report with its parameters (call only when {@link #canRenderProperty()} holds). */
    private PeriodReports.Request request() {
        Choice c = selected.get();
        return switch (c.parameters()) {
            case BUSINESS_DAY -> new PeriodReports.Request(c.entry().name(), businessDay.get(), null);
            case PERIOD -> new PeriodReports.Request(c.entry().name(), null, new ReportService.Period(from.get(), to.get()));
            default -> new PeriodReports.Request(c.entry().name(), null, null);
        };
    }

    /** Assembles and renders the chosen report and shows its first pages. */
    public void preview() {
        if (!canRender.get()) {
            return;
        }
        PeriodReports.Request request = request();
        clearReport();
        run(() -> {
            Made made = make(request);
            List<PdfPages.Page> pages = made.output() == null ? List.of()
                    : PeriodReports.preview(made.output(), PREVIEW_PAGES, PREVIEW_DPI);
            return new Result(made, pages);
        }, r -> previewPages.setAll(r.pages()));
    }

    /** Asks where to save the chosen report, then writes the previewed PDF (made now if not previewed). */
    public void save() {
        if (!canRender.get()) {
            return;
        }
        PeriodReports.Request request = request();
        Optional<Path> target = saveDialog.choose(texts.get("reports.save.title"), fileName(request));
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        Made previous = last;
        run(() -> {
            Made made = reuse(previous, request);
            if (made.output() != null) {
                ReportEngine.writeAtomically(made.output().pdf(), file);
            }
            return new Result(made, null);
        }, r -> {
            if (r.made().output() != null) {
                saved.set(file);
            }
        });
    }

    /** Prints the chosen report on the system's default printer, without a dialog (letters: one job each). */
    public void print() {
        if (!canRender.get()) {
            return;
        }
        PeriodReports.Request request = request();
        Made previous = last;
        run(() -> {
            Made made = previous != null && previous.request().equals(request) ? previous : assembleOnly(request);
            List<GaijiFlag> printedFlags = made.assembled().empty() ? List.of() : reports.print(made.assembled());
            return new Result(made, null, printedFlags);
        }, r -> {
            if (!r.made().assembled().empty()) {
                printed.set(true);
            }
        });
    }

    private static String fileName(PeriodReports.Request r) {
        if (r.businessDay() != null) {
            return r.report() + "-" + r.businessDay() + ".pdf";
        }
        if (r.period() != null) {
            return r.report() + "-" + r.period().from() + "-" + r.period().to() + ".pdf";
        }
        return r.report() + ".pdf";
    }

    /** What one background run hands back to the FX thread. */
    private record Result(Made made, List<PdfPages.Page> pages, List<GaijiFlag> flags) {
        Result(Made made, List<PdfPages.Page> pages) {
            this(made, pages, made.output() == null ? List.of() : made.output().flags());
        }
    }

    private Made reuse(Made previous, PeriodReports.Request request) throws Exception {
        return previous != null && previous.request().equals(request) && previous.output() != null ? previous : make(request);
    }

    private Made make(PeriodReports.Request request) throws Exception {
        PeriodReports.Assembled assembled = reports.assemble(stations.call(), request);
        return new Made(request, assembled, assembled.empty() ? null : reports.render(assembled));
    }

    private Made assembleOnly(PeriodReports.Request request) throws Exception {
        return new Made(request, reports.assemble(stations.call(), request), null);
    }

    private void run(Callable<Result> work, java.util.function.Consumer<Result> done) {
        clearStatus();
        busy.set(true);
        executor.submit(work).whenCompleteAsync((r, error) -> {
            busy.set(false);
            if (error != null) {
                failure.set(error);
                return;
            }
            last = r.made();
            nothingToPrint.set(r.made().assembled().empty());
            pageCount.set(r.made().output() == null ? 0 : r.made().output().pageCount());
            remarks.set(r.made().assembled().remarks());
            flagList.setAll(r.flags());
            renderFlags();
            done.accept(r);
        }, uiThread);
    }

    /** Forgets the outcome of the last action (failure, saved, printed, nothing to print). */
    private void clearStatus() {
        failure.set(null);
        saved.set(null);
        printed.set(false);
        nothingToPrint.set(false);
    }

    /** Forgets the last report made: its preview, pages, remarks and flags. */
    private void clearReport() {
        last = null;
        pageCount.set(0);
        previewPages.clear();
        remarks.set(Map.of());
        flagList.clear();
        flags.clear();
    }

    private void renderFlags() {
        flags.setAll(flagList.stream().map(f -> texts.format("reports.gaiji",
                Map.of("field", f.field(), "codePoint", f.codePoint(), "record", f.recordId()))).toList());
    }

    private String renderStatus() {
        if (busy.get()) {
            return texts.get("reports.busy");
        }
        if (failure.get() != null) {
            return FailureText.of(texts, failure.get());
        }
        if (nothingToPrint.get()) {
            return texts.get("reports.empty");
        }
        if (saved.get() != null) {
            return texts.format("reports.saved", Map.of("file", saved.get()));
        }
        if (printed.get()) {
            return texts.get("reports.printed");
        }
        if (pageCount.get() > 0) {
            return texts.format("reports.previewed", Map.of("pages", pageCount.get()));
        }
        return "";
    }

    private String renderPreviewTitle() {
        if (previewPages.isEmpty()) {
            return texts.get("reports.preview.none");
        }
        return texts.format("reports.preview.title", Map.of("shown", previewPages.size(), "pages", pageCount.get()));
    }

    private String renderRemarks() {
        Integer blank = remarks.get().get(PeriodReports.Remark.POSTAL_CODE_NOT_IN_FEED);
        return blank == null ? "" : texts.format("reports.remark.postalCode", Map.of("n", blank));
    }

    /** The accessible text of preview page {@code index} (0-based). */
    public String pageDescription(int index) {
        Choice c = selected.get();
        return texts.format("reports.preview.page", Map.of("report", c == null ? "" : c.entry().title(),
                "page", index + 1, "pages", pageCount.get()));
    }

    /** A report's title with what it asks for, for the list. */
    public String describe(Choice c) {
        String kind = texts.get(switch (c.parameters()) {
            case OPERATION -> "reports.param.OPERATION";
            case BUSINESS_DAY -> "reports.param.BUSINESS_DAY";
            case PERIOD -> "reports.param.PERIOD";
            case RESIDENT -> "reports.param.RESIDENT";
            case NONE -> "reports.param.NONE";
        });
        String line = c.entry().title() + "（" + kind + "）";
        return c.offered() ? line : line + "　" + texts.get("reports.notOffered");
    }

    /** Stops following the language (the screen closed). */
    @Override
    public void close() {
        texts.localeProperty().removeListener(relabel);
    }

    public ObservableList<Choice> choices() {
        return FXCollections.unmodifiableObservableList(choices);
    }

    public ObjectProperty<Choice> selectedProperty() {
        return selected;
    }

    public ObjectProperty<LocalDate> businessDayProperty() {
        return businessDay;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    /** Empty when the parameters are fine; else what is wrong (a reversed period: MDG-REPORT-005). */
    public StringBinding parameterProblemProperty() {
        return parameterProblem;
    }

    /** Why the chosen report is not offered here; empty when it is. */
    public StringBinding reasonProperty() {
        return reason;
    }

    /** Working, previewed, saved, printed, nothing to print, or the failure with its code, message and action. */
    public StringBinding statusProperty() {
        return status;
    }

    /** What the preview shows ("first 2 of 5 pages"), or that there is none yet. */
    public StringBinding previewTitleProperty() {
        return previewTitle;
    }

    /** Remarks on the last report (letters with a blank 〒 line); empty when none. */
    public StringBinding remarksProperty() {
        return remarkText;
    }

    /** The first pages of the last report previewed, as pixels (empty until a preview). */
    public ObservableList<PdfPages.Page> previewPages() {
        return previewPagesView;
    }

    /** Pages of the last report made (0 before one, or when there was nothing to print). */
    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    /** The 「外字要確認」 flags of the last report previewed, saved or printed, in words. */
    public ObservableList<String> flags() {
        return FXCollections.unmodifiableObservableList(flags);
    }

    public BooleanBinding canRenderProperty() {
        return canRender;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
