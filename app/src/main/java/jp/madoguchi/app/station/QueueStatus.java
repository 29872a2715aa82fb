package jp.madoguchi.app.station;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jp.madoguchi.app.ui.LinkState;
import jp.madoguchi.app.ui.Subscription;
import jp.madoguchi.app.ui.SyncStatus;
import jp.madoguchi.app.ui.SyncStatusSource;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.QueueSummary;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.SyncEngine;
import jp.madoguchi.cache.SyncListener;
import jp.madoguchi.common.MadoguchiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status bar's link, queue depth with its oldest entry, and read-cache freshness, from the store,
 * the read cache and the sync engine. Read on this source's own thread: at once when the engine
 * reports a change, and every half second (an act recorded while the link is down changes the queue
 * without a sync round; in training mode the engine never runs). Listeners are called on that thread,
 * in order, only when something changed; a throwing listener is logged and the others still get it.
 * When the parts did not open it reports their failure once and nothing else.
 */
final class QueueStatus implements SyncStatusSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueStatus.class);

    private final CacheStore store;
    private final ReadCache cache;
    private final SyncEngine engine;
    private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private final SyncListener onEngine;
    private SyncStatus last;

    QueueStatus(CacheStore store, ReadCache cache, SyncEngine engine, MadoguchiException failure) {
        this.store = store;
        this.cache = cache;
        this.engine = engine;
        if (failure != null || engine == null) {
            last = SyncStatus.unavailable(failure);
            thread = null;
            onEngine = null;
            return;
        }
        last = SyncStatus.NOT_CONNECTED;
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "queue-status");
            t.setDaemon(true);
            return t;
        });
        onEngine = s -> thread.execute(this::refresh);
        engine.addListener(onEngine);
        thread.scheduleWithFixedDelay(this::refresh, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        SyncStatus now;
        try {
            QueueSummary q = store.summary();
            now = new SyncStatus(true, LinkState.valueOf(engine.link().name()), (int) Math.min(Integer.MAX_VALUE, q.depth()),
                    q.oldestPending(), cache.refreshedAt());
        } catch (RuntimeException e) {
            LOG.warn("queue status could not be read", e);
            return;
        }
        publish(now);
    }

    private synchronized void publish(SyncStatus now) {
        if (!Objects.equals(now, last)) {
            last = now;
            listeners.forEach(l -> deliver(l, now));
        }
    }

    private static void deliver(Consumer<SyncStatus> listener, SyncStatus status) {
        try {
            listener.accept(status);
        } catch (RuntimeException e) {
            LOG.error("sync status listener failed; the others still get the status", e);
        }
    }

    @Override
    public synchronized Subscription subscribe(Consumer<SyncStatus> listener) {
        listeners.add(listener);
        deliver(listener, last);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        if (engine != null && onEngine != null) {
            engine.removeListener(onEngine);
        }
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
