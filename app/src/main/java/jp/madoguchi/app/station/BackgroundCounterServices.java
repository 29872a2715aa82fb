package jp.madoguchi.app.station;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.ui.CounterStations;
import jp.madoguchi.app.ui.ReaderStatus;
import jp.madoguchi.app.ui.ReaderStatusSource;
import jp.madoguchi.app.ui.SyncStatus;
import jp.madoguchi.app.ui.SyncStatusSource;
import jp.madoguchi.app.ui.Subscription;
import jp.madoguchi.common.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root ({@link CounterServices}) opened on a thread of its own, so the window can show
 * the sign-in screen without waiting for the card thread, the store, the key derivation and the TLS
 * client (issue 8: nothing of them is needed to sign in). Until the parts are open the status sources
 * report {@link ReaderStatus#NOT_CONNECTED} and {@link SyncStatus#NOT_CONNECTED} ("no report yet"),
 * then every listener is handed to the opened parts' own sources, which send their current status at
 * once; an opening failure (MDG-UI-006/007, MDG-CACHE-…) reaches the status bar that way, exactly as
 * when the parts were opened before the window.
 *
 * <p>Threads: {@link #startOpening} returns at once; {@link #forStaff} blocks until the parts are open
 * (callers already run it on the task executor, never on the FX thread); the status sources and
 * {@link #close()} may be called from any thread. {@link #close()} waits for the opening to end, then
 * closes the parts, so nothing opened late is left running.
 */
public final class BackgroundCounterServices implements CounterStations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCounterServices.class);

    private final CompletableFuture<CounterServices> opened = new CompletableFuture<>();
    private final ReaderStatusSource readerStatus = listener -> forward(ReaderStatus.NOT_CONNECTED, listener,
            parts -> parts.readerStatus().subscribe(listener));
    private final SyncStatusSource syncStatus = listener -> forward(SyncStatus.NOT_CONNECTED, listener,
            parts -> parts.syncStatus().subscribe(listener));

    private final Configuration config;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();

    /** Nothing is opened yet: the status sources say NOT_CONNECTED until {@link #startOpening()} has run. */
    public BackgroundCounterServices(Configuration config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts opening the parts on the daemon thread {@code counter-parts-open} and returns at once; a
     * second call does nothing. {@link #forStaff} and {@link #close()} wait for this opening, so call it
     * once the window is up.
     */
    public void startOpening() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread opener = new Thread(() -> {
            try {
                opened.complete(CounterServices.open(config, clock));
            } catch (RuntimeException | Error e) {
                // CounterServices.open reports its own failures as a coded failure(); this is a bug.
                LOG.error("opening the counter parts failed unexpectedly", e);
                opened.completeExceptionally(e);
            }
        }, "counter-parts-open");
        opener.setDaemon(true);
        opener.start();
    }

    /** Reader state for the status bar: NOT_CONNECTED until the card thread runs, then its reports. */
    public ReaderStatusSource readerStatus() {
        return readerStatus;
    }

    /** Link, queue and read-cache state (or the opening failure) for the status bar. */
    public SyncStatusSource syncStatus() {
        return syncStatus;
    }

    /** Waits for the parts to be open, then {@link CounterServices#forStaff}. Blocking. */
    @Override
    public CounterStation forStaff(StaffAccount staff) {
        return parts().forStaff(staff);
    }

    /** The opened parts; blocks until the opening has ended. */
    public CounterServices parts() {
        try {
            return opened.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the counter parts were opening", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the counter parts could not be opened", e.getCause());
        }
    }

    /** Closes the parts once their opening has ended; before {@link #startOpening()} there is nothing to close. */
    @Override
    public void close() {
        if (!started.get()) {
            return;
        }
        try {
            opened.join().close();
        } catch (RuntimeException e) {
            LOG.warn("the counter parts were never opened; nothing to close", e);
        }
    }

    /**
     * Sends {@code initial} to {@code listener} at once and, when the parts are open, hands the listener
     * to the real source ({@code subscribe}), which sends its current status at once. A subscription
     * closed before that is never handed over. Once the parts are open, subscribes to them directly.
     */
    private <T> Subscription forward(T initial, Consumer<T> listener, Function<CounterServices, Subscription> subscribe) {
        CounterServices parts = opened.isCompletedExceptionally() ? null : opened.getNow(null);
        if (parts != null) {
            return subscribe.apply(parts);
        }
        listener.accept(initial);
        HandedOver handover = new HandedOver();
        opened.thenAccept(open -> handover.attach(() -> subscribe.apply(open)));
        return handover;
    }

    /** One subscription: closed before the hand-over → never attached; closed after → the real one closes. */
    private static final class HandedOver implements Subscription {
        private Subscription real;
        private boolean closed;

        synchronized void attach(Supplier<Subscription> subscribe) {
            if (!closed) {
                real = subscribe.get();
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (real != null) {
                real.close();
                real = null;
            }
        }
    }
}
