package jp.madoguchi.app.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The always-visible status bar: reader state, link state, queue depth with the age of its oldest
 * entry, read-cache freshness and the training-mode banner. Fed by a {@link ReaderStatusSource} and
 * a {@link SyncStatusSource}; statuses arrive on any thread and are moved to the {@link UiThread}.
 * Ages are computed against the clock at each update and at each {@link #tick()} (the window ticks
 * every few seconds). {@link #close()} releases both subscriptions.
 */
public final class StatusBarViewModel implements AutoCloseable {

    private final Texts texts;
    private final Clock clock;
    private final boolean trainingMode;
    private final ReadOnlyObjectWrapper<ReaderStatus> reader = new ReadOnlyObjectWrapper<>(ReaderStatus.NOT_CONNECTED);
    private final ReadOnlyObjectWrapper<SyncStatus> sync = new ReadOnlyObjectWrapper<>(SyncStatus.NOT_CONNECTED);
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final StringBinding readerText;
    private final StringBinding linkText;
    private final StringBinding queueText;
    private final StringBinding cacheText;
    private final StringBinding trainingText;

    public StatusBarViewModel(Texts texts, ReaderStatusSource readerSource, SyncStatusSource syncSource, UiThread uiThread,
            Clock clock, boolean trainingMode) {
        this.texts = texts;
        this.clock = clock;
        this.trainingMode = trainingMode;
        now.set(clock.instant());
        readerText = texts.bindComputed(this::renderReader, reader);
        linkText = texts.bindComputed(this::renderLink, sync);
        queueText = texts.bindComputed(this::renderQueue, sync, now);
        cacheText = texts.bindComputed(this::renderCache, sync, now);
        trainingText = texts.bindComputed(() -> trainingMode ? texts.get("status.training") : "");
        subscriptions.add(readerSource.subscribe(s -> uiThread.execute(() -> {
            reader.set(s);
            now.set(clock.instant());
        })));
        subscriptions.add(syncSource.subscribe(s -> uiThread.execute(() -> {
            sync.set(s);
            now.set(clock.instant());
        })));
    }

    public ReadOnlyObjectProperty<ReaderStatus> readerProperty() {
        return reader.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SyncStatus> syncProperty() {
        return sync.getReadOnlyProperty();
    }

    public StringBinding readerTextProperty() {
        return readerText;
    }

    public StringBinding linkTextProperty() {
        return linkText;
    }

    public StringBinding queueTextProperty() {
        return queueText;
    }

    public StringBinding cacheTextProperty() {
        return cacheText;
    }

    /** "訓練モード" when training mode is on, else empty. */
    public StringBinding trainingTextProperty() {
        return trainingText;
    }

    public boolean trainingMode() {
        return trainingMode;
    }

    /** Recomputes the ages shown. FX thread. */
    public void tick() {
        now.set(clock.instant());
    }

    private String renderReader() {
        ReaderStatus s = reader.get();
        String state = switch (s.state()) {
            case NOT_CONNECTED -> texts.get("status.reader.NOT_CONNECTED");
            case SERVICE_UNAVAILABLE -> texts.get("status.reader.SERVICE_UNAVAILABLE");
            case NO_READER -> texts.get("status.reader.NO_READER");
            case NO_CARD -> texts.get("status.reader.NO_CARD");
            case CARD_READY -> texts.get("status.reader.CARD_READY");
            case CARD_UNRESPONSIVE -> texts.get("status.reader.CARD_UNRESPONSIVE");
            case AP_MISSING -> texts.get("status.reader.AP_MISSING");
        };
        return texts.format("status.reader", Map.of("state", s.readerName() == null ? state : state + " (" + s.readerName() + ")"));
    }

    /** "使えません（MDG-UI-006）" when the parts failed, "確認中" before the first report. */
    private String notConnected(SyncStatus s) {
        return s.failure() == null ? texts.get("status.notConnected")
                : texts.format("status.unavailable", Map.of("code", s.failure().code()));
    }

    private String renderLink() {
        SyncStatus s = sync.get();
        String state = !s.connected() ? notConnected(s) : switch (s.link()) {
            case ONLINE -> texts.get("status.link.ONLINE");
            case DEGRADED -> texts.get("status.link.DEGRADED");
            case OFFLINE -> texts.get("status.link.OFFLINE");
        };
        return texts.format("status.link", Map.of("state", state));
    }

    private String renderQueue() {
        SyncStatus s = sync.get();
        if (!s.connected()) {
            return texts.format("status.queue", Map.of("depth", notConnected(s)));
        }
        if (s.queueDepth() == 0 || s.oldestEntry() == null) {
            return texts.format("status.queue", Map.of("depth", s.queueDepth()));
        }
        return texts.format("status.queueWithAge", Map.of("depth", s.queueDepth(), "age", age(s.oldestEntry())));
    }

    private String renderCache() {
        SyncStatus s = sync.get();
        if (!s.connected()) {
            return texts.format("status.cache", Map.of("age", notConnected(s)));
        }
        if (s.cacheRefreshedAt() == null) {
            return texts.format("status.cache", Map.of("age", texts.get("status.cache.never")));
        }
        return texts.format("status.cacheAge", Map.of("age", age(s.cacheRefreshedAt())));
    }

    /** "3分", "2時間", "4日" (or the English), the largest whole unit, never negative. */
    String age(Instant since) {
        Duration d = Duration.between(since, now.get());
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return texts.format("age.days", Map.of("n", d.toDays()));
        }
        if (d.toHours() > 0) {
            return texts.format("age.hours", Map.of("n", d.toHours()));
        }
        return texts.format("age.minutes", Map.of("n", d.toMinutes()));
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }
}
