package jp.madoguchi.app.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.cache.LocalSyncState;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.DailyTally;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;

/**
 * Reports (F5): the reports of {@link ReportService}, which of them this screen can assemble from
 * what the counter holds (the store, the read cache), their parameters (a business day or a period),
 * saving the PDF to a file the clerk chooses and printing it on the default printer. A report whose
 * data the counter does not hold is listed with the reason and never printed from invented data.
 * Assembling and rendering run on the task executor; FX-thread confined otherwise.
 */
public final class ReportsViewModel implements AutoCloseable {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    /** The tally's outcome of an act done at the counter (DailyTally's contract: 「完了」 or an MDG code). */
    static final String DONE = "完了";
    private static final int PAGE = 500;

    /** One report as the screen lists it; {@code reasonKey} is null when this screen can assemble it. */
    public record Choice(ReportService.Entry entry, String reasonKey) {
        public boolean offered() {
            return reasonKey == null;
        }
    }

    private final Texts texts;
    private final Callable<CounterStation> stations;
    private final ReportService service;
    private final ReportEngine engine;
    private final SaveFileDialog saveDialog;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final Clock clock;
    private final String workstationId;
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> businessDay = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> saved = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper printed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<GaijiFlag> flagList = FXCollections.observableArrayList();
    private final ObservableList<String> flags = FXCollections.observableArrayList();
    private final StringBinding parameterProblem;
    private final StringBinding reason;
    private final StringBinding status;
    private final BooleanBinding canRender;
    private final javafx.beans.InvalidationListener relabel = o -> renderFlags();

    public ReportsViewModel(Texts texts, Callable<CounterStation> stations, ReportService service, ReportEngine engine,
            SaveFileDialog saveDialog, TaskExecutor executor, UiThread uiThread, Clock clock, String workstationId) {
        this.texts = texts;
        this.stations = stations;
        this.service = service;
        this.engine = engine;
        this.saveDialog = saveDialog;
        this.executor = executor;
        this.uiThread = uiThread;
        this.clock = clock;
        this.workstationId = workstationId;
        LocalDate today = LocalDate.now(clock.withZone(JST));
        businessDay.set(today);
        from.set(today);
        to.set(today.plusMonths(3));
        for (ReportService.Entry e : service.reports()) {
            choices.add(new Choice(e, reasonKey(e.name())));
        }
        selected.set(choices.stream().filter(Choice::offered).findFirst().orElse(null));
        parameterProblem = texts.bindComputed(this::checkParameters, selected, from, to, businessDay);
        reason = texts.bindComputed(() -> selected.get() == null || selected.get().offered() ? ""
                : texts.get(selected.get().reasonKey()), selected);
        status = texts.bindComputed(this::renderStatus, failure, saved, printed, busy);
        canRender = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().offered() && !busy.get()
                && parameterProblem.get().isEmpty(), selected, busy, parameterProblem);
        selected.addListener((o, a, b) -> clearResult());
        texts.localeProperty().addListener(relabel);
    }

    /** Which reports this screen can assemble from the counter's data, and why not the others. */
    private static String reasonKey(String name) {
        if (name.equals(ReportCatalogue.DAILY_TALLY.name())) {
            return null;
        }
        if (name.equals(ReportCatalogue.EXPIRY_TARGETS.name())) {
            return "reports.notOffered.expiry";
        }
        if (name.equals(ReportCatalogue.RENEWAL_NOTICE.name())) {
            return "reports.notOffered.resident";
        }
        if (name.equals(ReportCatalogue.SYNC_REPORT.name())) {
            return "reports.notOffered.sync";
        }
        return "reports.notOffered.operation";
    }

    /** Empty when the parameters of the chosen report are complete and valid, else the problem in words. */
    private String checkParameters() {
        Choice c = selected.get();
        if (c == null) {
            return texts.get("reports.choose");
        }
        switch (c.entry().parameters()) {
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

    /** Asks where to save the chosen report, then assembles and writes it there (nothing on cancel). */
    public void save() {
        if (!canRender.get()) {
            return;
        }
        LocalDate day = businessDay.get();
        Optional<Path> target = saveDialog.choose(texts.get("reports.save.title"),
                selected.get().entry().name() + "-" + day + ".pdf");
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        run(st -> service.renderTo(ReportCatalogue.DAILY_TALLY, tally(st, day), Locale.JAPANESE, recordId(day), file),
                () -> saved.set(file));
    }

    /** Prints the chosen report on the system's default printer, without a dialog. */
    public void print() {
        if (!canRender.get()) {
            return;
        }
        LocalDate day = businessDay.get();
        run(st -> {
            var printable = engine.printable(tally(st, day), recordId(day));
            engine.print(engine.fill(ReportCatalogue.DAILY_TALLY, printable.data(), Locale.JAPANESE), null);
            return printable.flags();
        }, () -> printed.set(true));
    }

    private static String recordId(LocalDate day) {
        return ReportCatalogue.DAILY_TALLY.name() + "-" + day;
    }

    private interface Render {
        List<GaijiFlag> apply(CounterStation station);
    }

    private void run(Render render, Runnable done) {
        clearResult();
        busy.set(true);
        executor.submit(() -> render.apply(stations.call())).whenCompleteAsync((f, error) -> {
            busy.set(false);
            if (error != null) {
                failure.set(error);
            } else {
                flagList.setAll(f);
                renderFlags();
                done.run();
            }
        }, uiThread);
    }

    private void clearResult() {
        failure.set(null);
        saved.set(null);
        printed.set(false);
        flagList.clear();
        flags.clear();
    }

    /**
     * The 日計表 of {@code day} from the store: the acts recorded that day (Japan time) per clerk,
     * operation and outcome, their sync state now, and the card stock as far as the counter knows it
     * (deliveries of the day, cards awaiting delivery now; movements it does not record are stated).
     */
    DailyTally tally(CounterStation st, LocalDate day) {
        List<OutboxEntry> acts = new ArrayList<>();
        long next = 1;
        while (true) {
            List<OutboxEntry> page = st.store().entries(next, PAGE);
            for (OutboxEntry e : page) {
                if (e.type() != OperationType.AUDIT_HEAD && e.clerkId() != null
                        && LocalDate.ofInstant(e.occurredAt(), JST).equals(day)) {
                    acts.add(e);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            next = page.get(page.size() - 1).seq() + 1;
        }
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        int pending = 0;
        int conflict = 0;
        int rejected = 0;
        int delivered = 0;
        for (OutboxEntry e : acts) {
            String outcome = switch (e.state()) {
                case CONFLICT, REJECTED -> e.reason() != null ? e.reason() : e.state().name();
                default -> DONE;
            };
            counts.merge(List.of(e.clerkId(), e.type().name(), outcome), 1, Integer::sum);
            if (e.state() == LocalSyncState.PENDING || e.state() == LocalSyncState.IN_FLIGHT) {
                pending++;
            } else if (e.state() == LocalSyncState.CONFLICT) {
                conflict++;
            } else if (e.state() == LocalSyncState.REJECTED) {
                rejected++;
            }
            if (e.type() == OperationType.DELIVERY_COMPLETED && e.state() != LocalSyncState.REJECTED) {
                delivered++;
            }
        }
        List<DailyTally.TallyLine> lines = new ArrayList<>();
        counts.forEach((k, n) -> lines.add(new DailyTally.TallyLine(k.get(0), clerkName(st, k.get(0)), k.get(1), null,
                k.get(2), n, 0)));
        int closing = st.cache().cards("ISSUED").size();
        String stockNote = Texts.bundle(Locale.JAPANESE).getString("reports.tally.stockNote");
        DailyTally.Stock stock = new DailyTally.Stock(closing + delivered, 0, delivered, 0, 0, closing, stockNote);
        return new DailyTally(st.office().name(), st.office().code(), day, workstationId, lines,
                new DailyTally.SyncCounts(0, pending, conflict, rejected), stock, List.of(), null, null,
                LocalDateTime.now(clock.withZone(JST)));
    }

    /** The act keeps only the clerk's id; the signed-in clerk's name is known, another clerk is printed by id. */
    private static String clerkName(CounterStation st, String clerkId) {
        return clerkId.equals(st.staff().staffId()) ? st.staff().name() : clerkId;
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
        if (saved.get() != null) {
            return texts.format("reports.saved", Map.of("file", saved.get()));
        }
        if (printed.get()) {
            return texts.get("reports.printed");
        }
        return "";
    }

    /** A report's title with its parameter kind, for the list. */
    public String describe(Choice c) {
        String kind = texts.get(switch (c.entry().parameters()) {
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

    /** Working, saved, printed, or the failure with its code, message and action. */
    public StringBinding statusProperty() {
        return status;
    }

    /** The 「外字要確認」 flags of the last report saved or printed, in words. */
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
