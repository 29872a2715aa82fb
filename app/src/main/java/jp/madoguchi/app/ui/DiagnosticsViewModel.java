package jp.madoguchi.app.ui;

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
import jp.madoguchi.app.selfcheck.SelfCheck;
import jp.madoguchi.common.FailureMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnostics screen: the installation self-check ({@link SelfCheck}) run on the
 * {@link TaskExecutor}, one row per check, the state of the counter's parts (the composition root's
 * failure with its code, from the {@link SyncStatusSource}), and the versions of the parts. The rows
 * re-render when the language changes. FX-thread confined.
 */
public final class DiagnosticsViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsViewModel.class);

    /** One row: the check's name, whether it passed, and the text to show. */
    public record Row(String check, boolean ok, String text) {
    }

    private final Texts texts;
    private final Callable<List<SelfCheck.Result>> selfCheck;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<List<SelfCheck.Result>> results = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringBinding summary;
    private final StringBinding versions;
    private final ObjectProperty<SyncStatus> parts = new SimpleObjectProperty<>(SyncStatus.NOT_CONNECTED);
    private final StringBinding partsText;
    private final Subscription partsSubscription;
    private final javafx.beans.InvalidationListener relabel = o -> renderRows();

    public DiagnosticsViewModel(Texts texts, Callable<List<SelfCheck.Result>> selfCheck, TaskExecutor executor, UiThread uiThread,
            SyncStatusSource partsStatus) {
        this.texts = texts;
        this.selfCheck = selfCheck;
        this.executor = executor;
        this.uiThread = uiThread;
        this.summary = texts.bindComputed(this::renderSummary, running, results, failure);
        this.versions = texts.bindComputed(() -> texts.format("diag.versions", Map.of(
                "app", appVersion(texts), "java", System.getProperty("java.version"),
                "javafx", String.valueOf(System.getProperty("javafx.runtime.version")),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"))));
        texts.localeProperty().addListener(relabel);
        results.addListener((o, a, b) -> renderRows());
        partsText = texts.bindComputed(this::renderParts, parts);
        partsSubscription = partsStatus.subscribe(s -> uiThread.execute(() -> parts.set(s)));
    }

    private String renderParts() {
        SyncStatus s = parts.get();
        if (s.failure() != null) {
            return texts.format("diag.parts.failed", Map.of("code", s.failure().code(),
                    "message", s.failure().clerkMessage(texts.locale()),
                    "action", FailureMessages.action(s.failure().failure(), texts.locale())));
        }
        return s.connected() ? texts.get("diag.parts.ok") : texts.get("diag.parts.checking");
    }

    /** The counter's parts: open, still checking, or their failure with code, message and action. */
    public StringBinding partsProperty() {
        return partsText;
    }

    /** Read-only view of the rows. */
    public ObservableList<Row> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public StringBinding summaryProperty() {
        return summary;
    }

    public StringBinding versionsProperty() {
        return versions;
    }

    /** Starts the self-check unless one is running. */
    public void runChecks() {
        if (running.get()) {
            return;
        }
        running.set(true);
        failure.set(null);
        executor.submit(selfCheck).whenCompleteAsync((list, error) -> {
            running.set(false);
            if (error != null) {
                LOG.error("self-check could not run", error);
                failure.set(error);
                results.set(List.of());
            } else {
                results.set(list);
            }
        }, uiThread);
    }

    private void renderRows() {
        rows.setAll(results.get().stream().map(r -> new Row(r.check(), r.ok(), r.ok()
                ? texts.format("diag.row.ok", Map.of("detail", r.detail()))
                : texts.format("diag.row.failed", Map.of("code", r.failure().code(),
                        "message", FailureMessages.message(r.failure(), texts.locale(), Map.of()),
                        "detail", r.detail(), "action", FailureMessages.action(r.failure(), texts.locale())))))
                .toList());
    }

    private String renderSummary() {
        if (running.get()) {
            return texts.get("diag.running");
        }
        if (failure.get() != null) {
            return UiFailure.SELF_CHECK_FAILED.code() + "　"
                    + FailureMessages.message(UiFailure.SELF_CHECK_FAILED, texts.locale(), Map.of()) + " "
                    + FailureMessages.action(UiFailure.SELF_CHECK_FAILED, texts.locale());
        }
        List<SelfCheck.Result> list = results.get();
        if (list.isEmpty()) {
            return texts.get("diag.notRun");
        }
        long failed = list.stream().filter(r -> !r.ok()).count();
        return failed == 0 ? texts.format("diag.allPassed", Map.of("n", list.size()))
                : texts.format("diag.someFailed", Map.of("n", list.size(), "failed", failed));
    }

    /** The jar manifest's version; a build run from target/classes has none. */
    static String appVersion(Texts texts) {
        String v = DiagnosticsViewModel.class.getPackage().getImplementationVersion();
        return v == null ? texts.get("diag.devBuild") : v;
    }

    /** Stops following the language (the screen closed). */
    @Override
    public void close() {
        texts.localeProperty().removeListener(relabel);
        partsSubscription.close();
    }
}
