package jp.madoguchi.app.station;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jp.madoguchi.app.ui.ReaderState;
import jp.madoguchi.app.ui.ReaderStatus;
import jp.madoguchi.app.ui.ReaderStatusSource;
import jp.madoguchi.app.ui.Subscription;
import jp.madoguchi.card.CardMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status bar's reader state from the card thread, naming the layer that failed: PC/SC service,
 * reader, card, card application. It follows the configured reader, or else the reader holding a My
 * Number Card (else the first one). Recomputed on every card event and once a second (the card
 * thread's first poll publishes no event when it finds no reader). Listeners are called on the
 * card-events thread or this source's own thread, one status at a time, in order; a throwing
 * listener is logged and the others still get the status.
 */
final class CardReaderStatus implements ReaderStatusSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardReaderStatus.class);

    private final CardMonitor monitor;
    private final String configured;
    private final List<Consumer<ReaderStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final AutoCloseable cardEvents;
    private ReaderStatus last = ReaderStatus.NOT_CONNECTED;

    /** {@code monitor} null: the card layer did not open, and the state stays NOT_CONNECTED. */
    CardReaderStatus(CardMonitor monitor, String configuredReader) {
        this.monitor = monitor;
        this.configured = configuredReader == null || configuredReader.isBlank() ? null : configuredReader;
        if (monitor == null) {
            timer = null;
            cardEvents = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reader-status");
            t.setDaemon(true);
            return t;
        });
        cardEvents = monitor.subscribe(e -> refresh());
        timer.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    /** The status now, from the card thread's last poll. */
    ReaderStatus current() {
        if (monitor == null) {
            return ReaderStatus.NOT_CONNECTED;
        }
        if (!monitor.serviceAvailable()) {
            return new ReaderStatus(ReaderState.SERVICE_UNAVAILABLE, configured);
        }
        Map<String, jp.madoguchi.card.ReaderState> readers = new TreeMap<>(monitor.readers());
        String name = configured != null ? configured
                : readers.entrySet().stream().filter(e -> e.getValue() == jp.madoguchi.card.ReaderState.CARD_PRESENT)
                        .map(Map.Entry::getKey).findFirst().orElse(readers.keySet().stream().findFirst().orElse(null));
        if (name == null || !readers.containsKey(name)) {
            return new ReaderStatus(ReaderState.NO_READER, name);
        }
        return new ReaderStatus(switch (readers.get(name)) {
            case NO_SERVICE -> ReaderState.SERVICE_UNAVAILABLE;
            case NO_READER -> ReaderState.NO_READER;
            case EMPTY -> ReaderState.NO_CARD;
            case CARD_PRESENT -> ReaderState.CARD_READY;
            case CARD_BUSY, CARD_ERROR -> ReaderState.CARD_UNRESPONSIVE;
            case NOT_A_MY_NUMBER_CARD -> ReaderState.AP_MISSING;
        }, name);
    }

    private synchronized void refresh() {
        ReaderStatus now = current();
        if (!Objects.equals(now, last)) {
            last = now;
            listeners.forEach(l -> deliver(l, now));
        }
    }

    private static void deliver(Consumer<ReaderStatus> listener, ReaderStatus status) {
        try {
            listener.accept(status);
        } catch (RuntimeException e) {
            LOG.error("reader status listener failed; the others still get the status", e);
        }
    }

    @Override
    public synchronized Subscription subscribe(Consumer<ReaderStatus> listener) {
        listeners.add(listener);
        deliver(listener, last);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (cardEvents != null) {
            try {
                cardEvents.close();
            } catch (Exception e) {
                LOG.warn("card event subscription did not close", e);
            }
        }
    }
}
