package jp.madoguchi.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.cache.CachedCard;
import jp.madoguchi.cache.ReadCache;

/**
 * Awaiting delivery (F3): the cards central shipped to this office and not yet delivered (status
 * ISSUED in the read cache), oldest application first, with the days since the application against
 * the 14-day target, express cards marked, and a search by name (kanji or kana, hiragana matching
 * katakana) or card serial. The read cache is read on the task executor; the list is FX-thread
 * confined.
 */
public final class AwaitingDeliveryViewModel {

    /** The delivery target: a card should be handed over within 14 days of the application. */
    public static final int TARGET_DAYS = 14;

    /** One awaiting card. */
    public record Row(String serial, String name, String kana, LocalDate receivedOn, long days, boolean express) {
        public boolean overTarget() {
            return days > TARGET_DAYS;
        }
    }

    private final Texts texts;
    private final Callable<CounterStation> stations;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final Clock clock;
    private final ObservableList<Row> all = FXCollections.observableArrayList();
    private final ObservableList<Row> shown = FXCollections.observableArrayList();
    private final StringProperty query = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private final StringBinding summary;

    public AwaitingDeliveryViewModel(Texts texts, Callable<CounterStation> stations, TaskExecutor executor, UiThread uiThread,
            Clock clock) {
        this.texts = texts;
        this.stations = stations;
        this.executor = executor;
        this.uiThread = uiThread;
        this.clock = clock;
        query.addListener((o, a, b) -> filter());
        summary = texts.bindComputed(this::renderSummary, loading, failure, shown, all);
    }

    /** Reads the list again from the read cache. */
    public void refresh() {
        loading.set(true);
        failure.set(null);
        executor.submit(() -> rows(stations.call().cache())).whenCompleteAsync((rows, error) -> {
            loading.set(false);
            if (error != null) {
                failure.set(error);
                all.clear();
            } else {
                all.setAll(rows);
            }
            filter();
        }, uiThread);
    }

    private List<Row> rows(ReadCache cache) {
        LocalDate today = ValidityRules.today(clock.instant());
        List<Row> rows = new ArrayList<>();
        for (CachedCard c : cache.cards("ISSUED")) {
            for (JsonNode e : cache.events(c.cardSerial())) {
                if (e.path("type").asText().equals("CARD_SHIPPED")) {
                    LocalDate received = LocalDate.parse(e.path("applicationReceivedOn").asText());
                    JsonNode r = e.path("resident");
                    rows.add(new Row(c.cardSerial(), r.path("name").asText(""), r.path("nameFurigana").asText(""), received,
                            ChronoUnit.DAYS.between(received, today), e.path("express").asBoolean(false)));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::receivedOn).thenComparing(Row::serial));
        return rows;
    }

    private void filter() {
        String q = katakana(query.get() == null ? "" : query.get().strip().replace("　", "").replace(" ", ""));
        shown.setAll(all.stream().filter(r -> q.isEmpty() || r.serial().contains(q)
                || compact(r.name()).contains(q) || katakana(compact(r.kana())).contains(q)).toList());
    }

    private static String compact(String s) {
        return s.replace("　", "").replace(" ", "");
    }

    /** Hiragana to katakana, so ｢やまだ｣ finds ｢ヤマダ｣. */
    static String katakana(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(cp >= 0x3041 && cp <= 0x3096 ? cp + 0x60 : cp));
        return b.toString();
    }

    /** One line of the list in the current language. */
    public String render(Row r) {
        String days = texts.format(r.overTarget() ? "awaiting.days.over" : "awaiting.days", Map.of("n", r.days(), "target", TARGET_DAYS));
        return (r.express() ? texts.get("awaiting.express") + "　" : "") + r.name() + "（" + r.kana() + "）　"
                + texts.format("awaiting.line", Map.of("serial", r.serial(), "received", r.receivedOn(), "days", days));
    }

    private String renderSummary() {
        if (loading.get()) {
            return texts.get("awaiting.loading");
        }
        if (failure.get() != null) {
            return FailureText.of(texts, failure.get());
        }
        long over = shown.stream().filter(Row::overTarget).count();
        return texts.format("awaiting.summary", Map.of("shown", shown.size(), "all", all.size(), "over", over, "target", TARGET_DAYS));
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Row> rows() {
        return FXCollections.unmodifiableObservableList(shown);
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public StringBinding summaryProperty() {
        return summary;
    }
}
