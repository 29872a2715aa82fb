package jp.madoguchi.card;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import jp.madoguchi.card.CardEvent.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card thread: one long-lived thread that owns every PC/SC call of the application (drivers and
 * the JDK provider are not thread-safe). It polls the {@link TerminalSource}, keeps a
 * {@link ReaderState} per reader, recognises a My Number Card by SELECTing the JPKI AID, runs submitted
 * card work between polls, and re-establishes a lost PC/SC service by itself.
 *
 * <p>Events reach listeners on a separate single event thread, so a slow listener never stalls the
 * card, in the order documented on {@link CardEvent}; a listener that throws is logged and the others
 * still get the event. State queries are thread-safe and reflect the last completed poll.
 */
public final class CardMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardMonitor.class);

    private final TerminalSource source;
    private final long pollMillis;
    private final Thread thread;
    private final ExecutorService events;
    private final BlockingQueue<Job> work = new LinkedBlockingQueue<>();
    private final List<CardEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ReaderState> states = new ConcurrentHashMap<>();
    private final Map<String, CardTerminal> terminals = new LinkedHashMap<>();
    /** Connections kept between jobs, by reader (card thread only); see {@link #runJob}. */
    private final Map<String, Kept> kept = new LinkedHashMap<>();
    private volatile Boolean serviceUp;
    private volatile boolean running = true;
    private final java.util.concurrent.CountDownLatch polledOnce = new java.util.concurrent.CountDownLatch(1);

    /**
     * How long a kept connection outlives its last job: long enough for the reads and PIN checks of one
     * counter act, short enough that another program wanting the card exclusively is not refused for long.
     */
    static final Duration KEEP_IDLE = Duration.ofSeconds(5);

    public CardMonitor(TerminalSource source) {
        this(source, Duration.ofMillis(150));
    }

    public CardMonitor(TerminalSource source, Duration pollInterval) {
        this.source = source;
        this.pollMillis = Math.max(10, pollInterval.toMillis());
        this.thread = new Thread(this::loop, "card");
        this.thread.setDaemon(true);
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "card-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the card thread; the first poll happens at once. */
    public CardMonitor start() {
        thread.start();
        return this;
    }

    /** Adds a listener; closing the returned handle unsubscribes it (screens must, when they close). */
    public AutoCloseable subscribe(CardEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** False until the first poll succeeded, and while the PC/SC service is lost. */
    public boolean serviceAvailable() {
        return Boolean.TRUE.equals(serviceUp);
    }

    /** The state of a reader by name: NO_SERVICE while the service is lost, NO_READER when absent. */
    public ReaderState state(String reader) {
        if (!serviceAvailable()) {
            return ReaderState.NO_SERVICE;
        }
        return states.getOrDefault(reader, ReaderState.NO_READER);
    }

    /**
     * Waits (on the caller's thread, never the card thread) until {@code reader} — or, when null, any
     * reader — holds a My Number Card, and returns its name. When {@code timeout} passes first, throws
     * the typed failure of the best state seen (NO_SERVICE, NO_READER, NO_CARD, CARD_BUSY, …).
     */
    public String awaitCard(String reader, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Judge only after the first poll (loading libpcsclite may take a while), whatever the timeout.
        polledOnce.await(Math.max(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS);
        while (true) {
            if (reader != null && state(reader) == ReaderState.CARD_PRESENT) {
                return reader;
            }
            if (reader == null) {
                for (Map.Entry<String, ReaderState> e : new java.util.TreeMap<>(states).entrySet()) {
                    if (e.getValue() == ReaderState.CARD_PRESENT && serviceAvailable()) {
                        return e.getKey();
                    }
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new CardAccessException(refusal(reader));
            }
            Thread.sleep(20);
        }
    }

    private ReaderFailure refusal(String reader) {
        if (!serviceAvailable()) {
            return ReaderFailure.NO_SERVICE;
        }
        if (reader == null) {
            if (states.isEmpty()) {
                return ReaderFailure.NO_READER;
            }
            return states.containsValue(ReaderState.CARD_BUSY) ? ReaderFailure.CARD_BUSY
                    : states.containsValue(ReaderState.NOT_A_MY_NUMBER_CARD) ? ReaderFailure.NOT_A_MY_NUMBER_CARD
                    : ReaderFailure.NO_CARD;
        }
        return switch (state(reader)) {
            case NO_SERVICE -> ReaderFailure.NO_SERVICE;
            case NO_READER -> ReaderFailure.NO_READER;
            case EMPTY -> ReaderFailure.NO_CARD;
            case CARD_BUSY -> ReaderFailure.CARD_BUSY;
            case NOT_A_MY_NUMBER_CARD -> ReaderFailure.NOT_A_MY_NUMBER_CARD;
            case CARD_ERROR -> ReaderFailure.COMMUNICATION;
            case CARD_PRESENT -> ReaderFailure.NO_CARD;
        };
    }

    /** Every attached reader and its state, as of the last poll. */
    public Map<String, ReaderState> readers() {
        return Map.copyOf(states);
    }

    /**
     * Runs {@code task} on the card thread with a connection to the card in {@code reader}. No volatile
     * card state crosses jobs: when the task verified a PIN, read the card face or administered the
     * card, the card is reset before any other job runs and before any other program can reach it
     * (card-spec §2.5, §7.4). With our libpcsclite provider the connection is kept for the reader's next
     * job ({@link #KEEP_IDLE}); a job on a kept connection holds the PC/SC transaction from its start
     * (beginning it is also the check that the handle still reaches the same, unreset card) until the
     * card has been reset through the same handle, and the future completes just before that reset
     * (on the card thread, so the next job still waits for it). With other providers each job connects
     * and disconnects (with the reset when needed) before its future completes. The future fails with a
     * {@link CardAccessException} naming the reason when the reader has no usable My Number Card
     * (NO_SERVICE, NO_READER, NO_CARD, CARD_BUSY, NOT_A_MY_NUMBER_CARD).
     */
    public <T> CompletableFuture<T> submit(String reader, Function<CardConnection, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new CardAccessException(ReaderFailure.NO_SERVICE));
            return result;
        }
        work.add(new Job(result, () -> runJob(reader, task, result)));
        return result;
    }

    /** Submitted card work and its future, so work left when the monitor closes can be failed. */
    private record Job(CompletableFuture<?> future, Runnable body) {
    }

    /** A connection kept between jobs and when its last job ended ({@link System#nanoTime()}). */
    private record Kept(CardConnection connection, long since) {
    }

    /**
     * One job on the card thread. On a kept connection the result is delivered as soon as the task
     * returns, and the end of the job (the reset when it is needed, then the end of the job's exclusive
     * transaction: {@link CardConnection#endJob}) follows before this method returns, so before the next
     * job; a reset that fails drops the connection, as a failed job does. On any other connection the
     * disconnect (with its reset) comes first, as it cannot be held in a transaction.
     */
    private <T> void runJob(String reader, Function<CardConnection, T> task, CompletableFuture<T> result) {
        CardConnection connection;
        try {
            if (state(reader) != ReaderState.CARD_PRESENT) {
                throw new CardAccessException(refusal(reader));
            }
            connection = takeKept(reader);
            if (connection == null) {
                connection = CardConnection.open(terminals.get(reader));
            }
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            return;
        }
        // Kept unless the card or the service failed under the job (a status word, a malformed answer or
        // a refused PIN format leave the handle as good as it was).
        boolean keep = connection.reusable();
        if (keep) {
            connection.beginJob();
        }
        T value = null;
        Throwable failure = null;
        try {
            value = task.apply(connection);
        } catch (CardAccessException e) {
            // CardRemovedException included.
            keep = false;
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        if (keep) {
            deliver(result, value, failure);
            if (connection.endJob()) {
                kept.put(reader, new Kept(connection, System.nanoTime()));
            } else {
                connection.close();
            }
        } else {
            connection.close();
            deliver(result, value, failure);
        }
    }

    private static <T> void deliver(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(failure);
        }
    }

    /**
     * The reader's kept connection, holding the job's transaction, if it still reaches the same card;
     * else null (closing it).
     */
    private CardConnection takeKept(String reader) {
        Kept k = kept.remove(reader);
        if (k == null) {
            return null;
        }
        if (k.connection().readyForJob()) {
            return k.connection();
        }
        k.connection().close();
        return null;
    }

    private void release(String reader) {
        Kept k = kept.remove(reader);
        if (k != null) {
            k.connection().close();
        }
    }

    private void releaseAll() {
        for (String reader : new ArrayList<>(kept.keySet())) {
            release(reader);
        }
    }

    private void releaseIdle() {
        long now = System.nanoTime();
        for (String reader : new ArrayList<>(kept.keySet())) {
            if (now - kept.get(reader).since() > KEEP_IDLE.toNanos()) {
                release(reader);
            }
        }
    }

    private void loop() {
        try {
            work();
        } finally {
            releaseAll();
        }
    }

    private void work() {
        long nextPoll = 0;
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - nextPoll >= 0) {
                    poll();
                    nextPoll = System.nanoTime() + pollMillis * 1_000_000L;
                }
                Job job = work.poll(Math.max(0, (nextPoll - System.nanoTime()) / 1_000_000L), TimeUnit.MILLISECONDS);
                if (job != null) {
                    job.body().run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("card thread: unexpected failure, continuing", e);
            }
        }
    }

    private void poll() {
        try {
            pollOnce();
        } finally {
            polledOnce.countDown();
        }
    }

    private void pollOnce() {
        List<CardTerminal> list;
        try {
            list = source.terminals().list();
        } catch (CardException | RuntimeException e) {
            serviceLost(e);
            return;
        }
        List<CardEvent> attached = new ArrayList<>();
        List<CardEvent> inserted = new ArrayList<>();
        List<CardEvent> changed = new ArrayList<>();
        List<CardEvent> removed = new ArrayList<>();
        List<CardEvent> detached = new ArrayList<>();
        List<CardEvent> service = new ArrayList<>();
        if (!Boolean.TRUE.equals(serviceUp)) {
            if (serviceUp != null) {
                LOG.info("PC/SC service is back ({})", source);
                service.add(event(Kind.SERVICE_RESTORED, null, ReaderState.NO_READER));
            }
            serviceUp = true;
        }
        Map<String, CardTerminal> now = new LinkedHashMap<>();
        for (CardTerminal t : list) {
            now.put(t.getName(), t);
        }
        for (Map.Entry<String, CardTerminal> e : now.entrySet()) {
            String name = e.getKey();
            terminals.put(name, e.getValue());
            if (!states.containsKey(name)) {
                states.put(name, ReaderState.EMPTY);
                attached.add(event(Kind.READER_ATTACHED, name, ReaderState.EMPTY));
            }
            boolean present;
            try {
                present = e.getValue().isCardPresent();
            } catch (CardException ex) {
                if (source.isServiceLost(ex)) {
                    publish(service, attached, inserted, changed, removed, detached);
                    serviceLost(ex);
                    return;
                }
                LOG.debug("reader {} status: {}", name, ex.toString());
                continue;
            }
            ReaderState before = states.get(name);
            if (present && before == ReaderState.EMPTY) {
                ReaderState after = identify(name, e.getValue());
                if (after != ReaderState.EMPTY) {
                    states.put(name, after);
                    inserted.add(event(Kind.CARD_INSERTED, name, after));
                }
            } else if (present && (before == ReaderState.CARD_BUSY || before == ReaderState.CARD_ERROR)) {
                ReaderState after = identify(name, e.getValue());
                if (after != before && after != ReaderState.EMPTY) {
                    states.put(name, after);
                    changed.add(event(Kind.STATE_CHANGED, name, after));
                }
            } else if (!present && before != ReaderState.EMPTY) {
                release(name);
                states.put(name, ReaderState.EMPTY);
                removed.add(event(Kind.CARD_REMOVED, name, ReaderState.EMPTY));
            }
        }
        for (String name : new ArrayList<>(states.keySet())) {
            if (!now.containsKey(name)) {
                if (states.get(name) != ReaderState.EMPTY) {
                    removed.add(event(Kind.CARD_REMOVED, name, ReaderState.EMPTY));
                }
                release(name);
                states.remove(name);
                terminals.remove(name);
                detached.add(event(Kind.READER_DETACHED, name, ReaderState.NO_READER));
            }
        }
        releaseIdle();
        publish(service, attached, inserted, changed, removed, detached);
    }

    private ReaderState identify(String reader, CardTerminal terminal) {
        release(reader);
        CardConnection connection = null;
        try {
            connection = CardConnection.open(terminal);
            boolean mine = connection.isMyNumberCard();
            if (mine && connection.reusable()) {
                // The first job (usually the read, right after CARD_INSERTED) needs no connect of its own.
                kept.put(reader, new Kept(connection, System.nanoTime()));
                connection = null;
            }
            return mine ? ReaderState.CARD_PRESENT : ReaderState.NOT_A_MY_NUMBER_CARD;
        } catch (CardRemovedException e) {
            return ReaderState.EMPTY;
        } catch (CardAccessException e) {
            if (e.failure() == ReaderFailure.CARD_BUSY) {
                return ReaderState.CARD_BUSY;
            }
            if (e.failure() == ReaderFailure.NO_CARD) {
                return ReaderState.EMPTY;
            }
            LOG.info("card in {} did not answer: {}", terminal.getName(), e.getMessage());
            return ReaderState.CARD_ERROR;
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private void serviceLost(Exception cause) {
        if (Boolean.FALSE.equals(serviceUp)) {
            source.reset();
            return;
        }
        LOG.warn("PC/SC service lost ({}): {}", source, cause.toString());
        List<CardEvent> removed = new ArrayList<>();
        List<CardEvent> detached = new ArrayList<>();
        for (Map.Entry<String, ReaderState> e : states.entrySet()) {
            if (e.getValue() != ReaderState.EMPTY) {
                removed.add(event(Kind.CARD_REMOVED, e.getKey(), ReaderState.NO_SERVICE));
            }
            detached.add(event(Kind.READER_DETACHED, e.getKey(), ReaderState.NO_SERVICE));
        }
        releaseAll();
        states.clear();
        terminals.clear();
        serviceUp = false;
        source.reset();
        publish(removed, detached, List.of(event(Kind.SERVICE_LOST, null, ReaderState.NO_SERVICE)));
    }

    private static CardEvent event(Kind kind, String reader, ReaderState state) {
        return new CardEvent(kind, reader, state, Instant.now());
    }

    @SafeVarargs
    private void publish(List<CardEvent>... groups) {
        for (List<CardEvent> group : groups) {
            for (CardEvent event : group) {
                LOG.debug("{}", event);
                events.execute(() -> deliver(event));
            }
        }
    }

    private void deliver(CardEvent event) {
        for (CardEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("card event listener {} failed on {}; the others still get it", listener, event.kind(), e);
            }
        }
    }

    /**
     * Stops the card thread (after the job in progress) and the event thread; work still queued fails
     * with NO_SERVICE.
     */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdown();
        source.reset();
        for (Job job = work.poll(); job != null; job = work.poll()) {
            job.future().completeExceptionally(new CardAccessException(ReaderFailure.NO_SERVICE));
        }
    }
}
