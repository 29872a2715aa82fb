package jp.madoguchi.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.cache.FollowUpCase;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.cache.QueueSummary;

/**
 * Sync & cases (F4): the queue (depth, conflicts, rejections, the latest entries with their state)
 * and the open cases (要対応) that staff annotate and a supervisor resolves. Conflicts and rejections
 * are never dropped by the queue; closing their case is the supervisor's statement that the matter
 * was dealt with (with central, the resident, the other office), kept with their staff id. Every
 * store call runs on the task executor; FX-thread confined otherwise.
 */
public final class SyncCasesViewModel implements AutoCloseable {

    /** How many of the latest entries the screen lists. */
    static final int ENTRIES_SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private record Loaded(QueueSummary summary, List<OutboxEntry> entries, List<FollowUpCase> cases, boolean supervisor) {
    }

    private final Texts texts;
    private final Callable<CounterStation> stations;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final ObjectProperty<Loaded> loaded = new SimpleObjectProperty<>();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper supervisor = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> entries = FXCollections.observableArrayList();
    private final ObservableList<FollowUpCase> cases = FXCollections.observableArrayList();
    private final StringBinding summary;
    private final javafx.beans.InvalidationListener relabel = o -> render();

    public SyncCasesViewModel(Texts texts, Callable<CounterStation> stations, TaskExecutor executor, UiThread uiThread) {
        this.texts = texts;
        this.stations = stations;
        this.executor = executor;
        this.uiThread = uiThread;
        summary = texts.bindComputed(this::renderSummary, loaded, failure, busy);
        loaded.addListener((o, a, b) -> render());
        texts.localeProperty().addListener(relabel);
    }

    /** Reads the queue and the cases again. */
    public void refresh() {
        run(st -> null);
    }

    /** Asks the sync engine for a round now ("send now"), then reads again. */
    public void sendNow() {
        run(st -> {
            st.sync().wake();
            return null;
        });
    }

    /** Saves {@code note} on the case (replacing the earlier note), with the signed-in staff id. */
    public void annotate(String caseId, String note) {
        run(st -> {
            st.store().annotateCase(caseId, st.staff().staffId(), note);
            return null;
        });
    }

    /** Closes the case as resolved; only a supervisor may (the button is disabled for a clerk). */
    public void resolve(String caseId) {
        run(st -> {
            if (!st.staff().isSupervisor()) {
                throw new IllegalStateException("a clerk cannot resolve a case");
            }
            st.store().closeCase(caseId, st.staff().staffId());
            return null;
        });
    }

    private interface Action {
        Void apply(CounterStation station);
    }

    private void run(Action action) {
        busy.set(true);
        failure.set(null);
        executor.submit(() -> {
            CounterStation st = stations.call();
            action.apply(st);
            int from = (int) Math.max(1, st.store().summary().lastSeq() - ENTRIES_SHOWN + 1);
            List<OutboxEntry> list = new ArrayList<>(st.store().entries(from, ENTRIES_SHOWN));
            java.util.Collections.reverse(list);
            return new Loaded(st.store().summary(), list, st.store().openCases(), st.staff().isSupervisor());
        }).whenCompleteAsync((l, error) -> {
            busy.set(false);
            if (error != null) {
                failure.set(error);
            } else {
                supervisor.set(l.supervisor());
                loaded.set(l);
            }
        }, uiThread);
    }

    private void render() {
        Loaded l = loaded.get();
        if (l == null) {
            entries.clear();
            cases.clear();
            return;
        }
        entries.setAll(l.entries().stream().map(this::render).toList());
        cases.setAll(l.cases());
    }

    /** One queue entry in words; an AUDIT_HEAD has no clerk, an unsent entry no outcome. */
    private String render(OutboxEntry e) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("seq", e.seq());
        p.put("type", e.type().name());
        p.put("time", TIME.format(e.occurredAt()));
        p.put("clerk", e.clerkId() == null ? "—" : e.clerkId());
        p.put("state", texts.get(switch (e.state()) {
            case PENDING -> "sync.state.PENDING";
            case IN_FLIGHT -> "sync.state.IN_FLIGHT";
            case ACKED -> "sync.state.ACKED";
            case CONFLICT -> "sync.state.CONFLICT";
            case REJECTED -> "sync.state.REJECTED";
        }));
        p.put("outcome", e.reason() != null ? e.reason() : e.outcome() != null ? e.outcome() : "");
        return texts.format("sync.entry", p);
    }

    /** One case in words. */
    public String render(FollowUpCase c) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("kind", texts.get(caseKind(c.kind())));
        p.put("id", c.caseId());
        p.put("seq", c.seq() == null ? "—" : c.seq());
        p.put("type", c.type() == null ? "—" : c.type());
        p.put("reason", c.reason() == null ? "—" : c.reason());
        p.put("opened", TIME.format(c.openedAt()));
        String line = texts.format("sync.case", p);
        return c.note() == null ? line
                : line + "\n" + texts.format("sync.case.note", Map.of("note", c.note(), "by", c.notedBy() == null ? "—" : c.notedBy()));
    }

    private static String caseKind(String kind) {
        return switch (kind) {
            case "CONFLICT" -> "sync.case.kind.CONFLICT";
            case "REJECTED" -> "sync.case.kind.REJECTED";
            case "CASE_ACTION_REFUSED" -> "sync.case.kind.CASE_ACTION_REFUSED";
            default -> "sync.case.kind.HALT";
        };
    }

    private String renderSummary() {
        if (failure.get() != null) {
            return FailureText.of(texts, failure.get());
        }
        Loaded l = loaded.get();
        if (l == null) {
            return texts.get("sync.loading");
        }
        QueueSummary q = l.summary();
        return texts.format("sync.summary", Map.of("depth", q.depth(), "conflicts", q.conflicts(), "rejected", q.rejected(),
                "cases", q.openCases()));
    }

    public StringBinding summaryProperty() {
        return summary;
    }

    /** Stops following the language (the screen closed). */
    @Override
    public void close() {
        texts.localeProperty().removeListener(relabel);
    }

    public ObservableList<String> entries() {
        return FXCollections.unmodifiableObservableList(entries);
    }

    public ObservableList<FollowUpCase> cases() {
        return FXCollections.unmodifiableObservableList(cases);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether the signed-in staff member may resolve cases. */
    public ReadOnlyBooleanProperty supervisorProperty() {
        return supervisor.getReadOnlyProperty();
    }
}
