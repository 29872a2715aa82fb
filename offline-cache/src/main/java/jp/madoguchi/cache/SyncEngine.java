package jp.madoguchi.cache;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import jp.madoguchi.cache.protocol.ErrorBody;
import jp.madoguchi.cache.protocol.FeedPage;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to central and pulls the office feed into the read cache (sync-protocol.md).
 *
 * <p><b>Order.</b> Entries go in seq order, in batches; an entry is settled only by central's
 * answer for its opId (APPLIED/DUPLICATE → ACKED, APPLIED_WITH_CONFLICT → CONFLICT with central's case,
 * REJECTED → REJECTED with a local case); nothing is deleted. A 409 SEQ_GAP resends from central's
 * expectedSeq. A 422 (an opId central holds with another body) is narrowed down by resending smaller
 * batches until the one entry is found; that entry becomes REJECTED with a case naming it and the rest
 * is sent. A 409 SEQ_REUSED, a 400 or a 403 opens a supervisor case and halts sending (recording goes
 * on) until that case is closed. 429/503 wait at least Retry-After; transport failures
 * and 5xx retry through Failsafe with full-jitter exponential backoff. Each round that sends also sends
 * an AUDIT_HEAD with the audit chain's head, and every round sends the staff's pending notes and closes
 * of central's cases (sync-protocol item 14), whether or not sending operations is halted.
 *
 * <p><b>Threads.</b> One engine thread does every round; one probe thread calls {@code /v1/health}.
 * Counter work never waits for either: {@link CacheStore#record} returns after the local commit and
 * only wakes the engine. Listeners are called on these two threads.
 */
public final class SyncEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    private static final int MAX_ROUNDS_PER_DRAIN = 100_000;
    private static final int MAX_FEED_PAGES = 1_000;

    private final CacheStore store;
    private final ReadCache cache;
    private final CentralClient client;
    private final SyncSettings settings;
    private final Clock clock;
    private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
    private final RetryPolicy<Object> retry;
    private final Object wake = new Object();
    private boolean wakeRequested;
    private volatile boolean closed;
    private volatile LinkState link = LinkState.OFFLINE;
    private volatile Instant lastSuccess;
    private volatile String halt;
    private volatile String haltCase;
    private Thread engine;
    private ScheduledExecutorService prober;
    private Instant lastPurge = Instant.EPOCH;

    public SyncEngine(CacheStore store, ReadCache cache, CentralClient client, SyncSettings settings) {
        this.store = store;
        this.cache = cache;
        this.client = client;
        this.settings = settings;
        this.clock = store.settings().clock();
        this.retry = RetryPolicy.builder()
                .handle(TransientSyncFailure.class)
                .withMaxRetries(-1)
                .withDelayFn(ctx -> delay(ctx.getLastException(), ctx.getAttemptCount()))
                .onRetry(e -> LOG.debug("sync retry {} after {}", e.getAttemptCount(), String.valueOf(e.getLastException())))
                .build();
    }

    /** Starts the engine and probe threads. Call once. */
    public synchronized void start() {
        store.onRecorded(seq -> wake());
        store.onCaseAction(this::wake);
        engine = new Thread(this::run, "sync-engine");
        engine.setDaemon(true);
        engine.start();
        prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleWithFixedDelay(this::probe, 0, settings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public void addListener(SyncListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SyncListener listener) {
        listeners.remove(listener);
    }

    /** Asks for a round now (after an act, or when the clerk presses "send now"). Never blocks. */
    public void wake() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    public LinkState link() {
        return link;
    }

    /** A fresh snapshot (reads the store; do not call on the FX thread in a tight loop). */
    public SyncStatus status() {
        QueueSummary q = store.summary();
        Duration age = q.oldestPending() == null ? null : Duration.between(q.oldestPending(), clock.instant());
        return new SyncStatus(link, q.depth(), age, lastSuccess, cache.refreshedAt(), q.openCases(), halt);
    }

    /**
     * The gate of online-only operations: throws MDG-SYNC-001 unless the link is ONLINE (counter-rules
     * §2.0 "Which operations need central online").
     */
    public void requireOnline() {
        if (link != LinkState.ONLINE) {
            throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED);
        }
    }

    /**
     * Waits until the entry {@code seq} is settled and returns it (an online-only operation shows
     * central's outcome); MDG-SYNC-001 when that does not happen within {@code timeout}.
     */
    public OutboxEntry awaitSettled(long seq, Duration timeout) throws InterruptedException {
        wake();
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            List<OutboxEntry> e = store.entries(seq, 1);
            if (!e.isEmpty() && e.get(0).seq() == seq && e.get(0).state().settled()) {
                return e.get(0);
            }
            Thread.sleep(20);
        }
        throw new MadoguchiException(CounterFailure.SYNC_CENTRAL_NEEDED);
    }

    // ---- the engine thread ----

    private void run() {
        while (!closed) {
            try {
                Failsafe.with(retry).run(this::round);
            } catch (FailsafeException e) {
                if (closed || e.getCause() instanceof InterruptedException) {
                    break;
                }
                LOG.warn("sync round failed", e);
            } catch (MadoguchiException e) {
                if (closed) {
                    break;
                }
                LOG.warn("sync round stopped: {} [{}]", e.getMessage(), e.correlationId(), e);
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.error("sync round failed unexpectedly", e);
            }
            publish();
            try {
                waitForWork();
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private void waitForWork() throws InterruptedException {
        synchronized (wake) {
            if (!wakeRequested && !closed) {
                wake.wait(settings.pollInterval().toMillis());
            }
            wakeRequested = false;
        }
    }

    /** One round: push everything unsettled (unless halted), pull the feed, purge old personal data. */
    private void round() throws InterruptedException {
        if (halt != null && store.openCases().stream().noneMatch(c -> c.caseId().equals(haltCase))) {
            LOG.info("halt case {} closed; sending resumes", haltCase);
            halt = null;
            haltCase = null;
        }
        if (halt == null) {
            push();
        }
        sendCaseActions();
        pull();
        lastSuccess = clock.instant();
        if (Duration.between(lastPurge, clock.instant()).toHours() >= 1) {
            int purged = store.purgePersonalData();
            lastPurge = clock.instant();
            if (purged > 0) {
                LOG.info("purged personal data of {} synced acts past retention", purged);
            }
        }
    }

    /**
     * Sends until nothing is unsettled. Whenever the queue runs dry and the audit chain has grown
     * since the last AUDIT_HEAD, one more AUDIT_HEAD is queued and sent, so central ends every sync
     * holding the head of everything it received.
     */
    private void push() throws InterruptedException {
        if (store.summary().depth() == 0) {
            return;
        }
        do {
            if (!drain()) {
                return;
            }
        } while (store.appendAuditHeadIfChanged());
    }

    /** A batch read from the store and serialised, ready to send. */
    private record Batch(List<PendingOperation> ops, byte[] body) {
        static final Batch EMPTY = new Batch(List.of(), new byte[0]);

        long first() {
            return ops.isEmpty() ? 1 : ops.get(0).seq();
        }

        long last() {
            return ops.isEmpty() ? 0 : ops.get(ops.size() - 1).seq();
        }
    }

    /**
     * Sends every unsettled entry; false when sending was halted.
     *
     * <p>Pipelined, one request outstanding at a time: as soon as central answers batch N with 200, batch
     * N+1 (already read and serialised while N was at central) is sent, and only then are N's answers
     * committed, together with marking N+1 IN_FLIGHT, and N+2 read ahead. Central therefore works on N+1
     * while we commit N, yet receives every batch after answering the one before it, so seq order holds.
     * If we stop (crash, failure) between sending N+1 and committing N, both are unsettled here and are sent
     * again: central answers DUPLICATE with the first outcome (at least once, applied once). Any answer
     * other than 200 drops the read-ahead and continues one batch at a time, as before.
     */
    private boolean drain() throws InterruptedException {
        long lastGap = -1;
        int size = settings.batchSize();
        Batch batch = null;
        java.util.concurrent.CompletableFuture<CentralClient.Answer> sent = null;
        long sentAt = 0;
        Batch ahead = null;
        for (int rounds = 0; rounds < MAX_ROUNDS_PER_DRAIN; rounds++) {
            CentralClient.Answer answer;
            if (sent != null) {
                answer = await(sent, sentAt);
                sent = null;
            } else {
                try {
                    batch = read(store.unsettled(size));
                } catch (MadoguchiException e) {
                    return !haltIfCorrupted(e);
                }
                if (batch.ops().isEmpty()) {
                    return true;
                }
                store.markInFlight(batch.first(), batch.last());
                byte[] body = batch.body();
                answer = call(() -> client.push(body));
            }
            long first = batch.first();
            long last = batch.last();
            if (answer.status() != 200) {
                ahead = null;
            }
            switch (answer.status()) {
                case 200 -> {
                    List<OperationOutcome> outcomes = parse(() -> CentralClient.outcomes(answer));
                    Batch next = ahead;
                    ahead = null;
                    MadoguchiException damaged = null;
                    if (next == null) {
                        try {
                            next = read(store.unsettledAfter(last, size));
                        } catch (MadoguchiException e) {
                            damaged = e;
                            next = Batch.EMPTY;
                        }
                    }
                    if (!next.ops().isEmpty()) {
                        sentAt = System.nanoTime();
                        sent = client.pushAsync(next.body());
                    }
                    try {
                        store.applyOutcomes(first, last, outcomes, next.first(), next.last());
                    } catch (RuntimeException e) {
                        settle(sent);
                        throw e;
                    }
                    observe(LinkState.ONLINE);
                    publish();
                    if (damaged != null && haltIfCorrupted(damaged)) {
                        return false;
                    }
                    if (sent != null) {
                        batch = next;
                        ahead = readAhead(next.last(), size);
                    }
                }
                case 409 -> {
                    ErrorBody error = answer.error();
                    if ("SEQ_GAP".equals(error.code()) && error.expectedSeq() != null && error.expectedSeq() < first
                            && error.expectedSeq() != lastGap) {
                        LOG.warn("central holds up to seq {}, below our first unsettled {}: resending from there",
                                error.expectedSeq() - 1, first);
                        lastGap = error.expectedSeq();
                        store.resendFrom(error.expectedSeq());
                    } else {
                        halt(error.code() == null ? "SEQ_GAP" : error.code(), first, "409 " + error.code() + " expectedSeq " + error.expectedSeq());
                        return false;
                    }
                }
                case 422 -> {
                    // Central applied nothing of the batch. Halve it until the one entry it refuses is alone,
                    // settle that entry as REJECTED with a case naming it, and send the rest (halving only
                    // ever shrinks what is sent: nothing is skipped or dropped).
                    String code = answer.error().code() == null ? "OP_ID_REUSED" : answer.error().code();
                    if (batch.ops().size() > 1) {
                        size = Math.max(1, batch.ops().size() / 2);
                        LOG.warn("422 {} on seqs {}..{}: resending in batches of {} to find the entry", code, first, last, size);
                    } else {
                        store.refuse(first, code, "422 " + code + ": " + answer.error().message());
                        size = settings.batchSize();
                        publish();
                    }
                }
                case 400, 403 -> {
                    halt("REFUSED", first, answer.status() + " " + answer.error().code());
                    return false;
                }
                default -> throw failure(answer);
            }
        }
        settle(sent);
        return true;
    }

    /** Opened entries to a batch with its JSON body (on the engine thread, off the store's writer thread). */
    private Batch read(List<PendingOperation> ops) {
        if (ops.isEmpty()) {
            return Batch.EMPTY;
        }
        return new Batch(ops, CentralClient.body(client.terminalId(), ops));
    }

    /** The batch after {@code last}, read while another is at central; null when there is none or it is damaged (found again when read in turn). */
    private Batch readAhead(long last, int size) {
        try {
            Batch b = read(store.unsettledAfter(last, size));
            return b.ops().isEmpty() ? null : b;
        } catch (MadoguchiException e) {
            return null;
        }
    }

    /** A damaged entry (MDG-CACHE-004) halts sending with a supervisor case; true when {@code e} was that. */
    private boolean haltIfCorrupted(MadoguchiException e) {
        if (e.failure() != CacheFailure.CORRUPTED_ROW) {
            throw e;
        }
        Object seq = e.params().get("seq");
        halt("CORRUPTED", seq instanceof Long l ? l : null, "damaged entry " + seq);
        return true;
    }

    /** The answer to a push sent with {@link CentralClient#pushAsync}, with the same link bookkeeping as {@link #call}. */
    private CentralClient.Answer await(java.util.concurrent.CompletableFuture<CentralClient.Answer> sent, long sentAt)
            throws InterruptedException {
        try {
            CentralClient.Answer a = sent.get();
            if (Duration.ofNanos(System.nanoTime() - sentAt).compareTo(settings.slowThreshold()) > 0) {
                observe(LinkState.DEGRADED);
            }
            return a;
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            IOException io = cause instanceof IOException i ? i : new IOException(String.valueOf(cause), cause);
            observe(unreachable(io) ? LinkState.OFFLINE : LinkState.DEGRADED);
            throw new TransientSyncFailure(io.toString(), null, io);
        }
    }

    /**
     * Waits for a push still outstanding before the drain gives up, so that a retry never has two requests
     * at central at once (which could reach it out of seq order). Its answer is not needed: its entries are
     * still unsettled here and are sent again.
     */
    private static void settle(java.util.concurrent.CompletableFuture<CentralClient.Answer> sent) {
        if (sent == null) {
            return;
        }
        try {
            sent.get();
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("push abandoned after a failure: {}", String.valueOf(e.getCause()));
        }
    }

    /**
     * Sends the staff's notes and closes of central's cases, oldest first (sync-protocol item 14). A 2xx
     * settles the action. A refusal for good (4xx but 429: the case is unknown to central, the body was
     * refused) settles it too, with the refusal kept on it, and opens a local case (MDG-CACHE-014, kind
     * {@code CASE_ACTION_REFUSED}) holding the refused text, so staff see it and nothing is lost; 429,
     * 5xx and transport failures leave it queued and retry with the round (backoff, Retry-After), so an
     * action taken offline reaches central later.
     */
    private void sendCaseActions() throws InterruptedException {
        for (CaseAction a : store.pendingCaseActions()) {
            CentralClient.Answer answer = call(() -> CaseActionRow.CLOSE.equals(a.action())
                    ? client.closeCase(a.caseId(), a.staffId(), a.text())
                    : client.noteCase(a.caseId(), a.staffId(), a.text()));
            if (answer.status() / 100 == 2) {
                store.caseActionAnswered(a.id(), "OK");
            } else if (answer.status() == 429 || answer.status() >= 500) {
                throw failure(answer);
            } else {
                store.caseActionRefused(a, answer.status() + " " + answer.error().code());
            }
        }
    }

    private void pull() throws InterruptedException {
        for (int pages = 0; pages < MAX_FEED_PAGES; pages++) {
            CentralClient.Answer answer = call(() -> client.feed(cache.checkpoint(), settings.feedPageSize()));
            if (answer.status() == 200) {
                FeedPage page = parse(() -> CentralClient.feedPage(answer));
                cache.apply(page);
                if (!page.more()) {
                    return;
                }
            } else if (answer.status() == 400 && "BAD_CHECKPOINT".equals(answer.error().code())) {
                LOG.warn("central does not know our feed checkpoint; the read cache is read again from the start");
                cache.apply(new FeedPage(List.of(), null, true));
            } else if (answer.status() >= 500 || answer.status() == 429) {
                throw failure(answer);
            } else {
                LOG.warn("feed refused: HTTP {} {}", answer.status(), answer.error().code());
                return;
            }
        }
    }

    private void halt(String kind, Long seq, String reason) {
        haltCase = store.openHaltCase(kind, seq, reason);
        halt = CacheFailure.SYNC_HALTED.code() + " " + kind;
        LOG.error("sending halted ({}): {} — case {}", kind, reason, haltCase);
        publish();
    }

    // ---- probing and link state ----

    private void probe() {
        try {
            long start = System.nanoTime();
            CentralClient.Answer a = client.health();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (a.status() == 200) {
                observe(took.compareTo(settings.slowThreshold()) > 0 ? LinkState.DEGRADED : LinkState.ONLINE);
                if (!cacheLooksFresh()) {
                    wake();
                }
            } else {
                observe(LinkState.DEGRADED);
            }
        } catch (IOException e) {
            observe(unreachable(e) ? LinkState.OFFLINE : LinkState.DEGRADED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("health probe failed", e);
        }
    }

    private boolean cacheLooksFresh() {
        return lastSuccess != null && Duration.between(lastSuccess, clock.instant()).compareTo(settings.pollInterval()) < 0;
    }

    private void observe(LinkState next) {
        LinkState previous = link;
        link = next;
        if (previous != next) {
            LOG.info("link {} -> {}", previous, next);
            if (next == LinkState.ONLINE) {
                wake();
            }
            publish();
        }
    }

    private void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        SyncStatus status;
        try {
            status = status();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the queue for the status listeners", e);
            return;
        }
        for (SyncListener l : listeners) {
            try {
                l.statusChanged(status);
            } catch (RuntimeException e) {
                LOG.warn("sync listener {} failed", l, e);
            }
        }
    }

    private static boolean unreachable(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException || e instanceof SSLHandshakeException
                || e.getCause() instanceof ConnectException;
    }

    // ---- retries ----

    /** A failure worth retrying: transport errors, 5xx, 429 and 503 (with their Retry-After). */
    private static final class TransientSyncFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Duration retryAfter;

        TransientSyncFailure(String message, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }
    }

    private TransientSyncFailure failure(CentralClient.Answer a) {
        observe(LinkState.DEGRADED);
        return new TransientSyncFailure("HTTP " + a.status() + " " + a.error().code(), Duration.ofSeconds(a.retryAfterSeconds()), null);
    }

    /** Full jitter: uniform in [0, min(cap, base·2^(attempt-1))], and never shorter than Retry-After. */
    Duration delay(Throwable last, int attempts) {
        long base = settings.backoffBase().toMillis();
        long cap = settings.backoffCap().toMillis();
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        long bound = Math.min(cap, base << shift);
        long millis = ThreadLocalRandom.current().nextLong(bound + 1);
        if (last instanceof TransientSyncFailure t && t.retryAfter != null) {
            millis = Math.max(millis, t.retryAfter.toMillis());
        }
        return Duration.ofMillis(millis);
    }

    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> T call(Call<T> call) throws InterruptedException {
        long start = System.nanoTime();
        try {
            T result = call.run();
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(settings.slowThreshold()) > 0) {
                observe(LinkState.DEGRADED);
            }
            return result;
        } catch (IOException e) {
            observe(unreachable(e) ? LinkState.OFFLINE : LinkState.DEGRADED);
            throw new TransientSyncFailure(e.toString(), null, e);
        }
    }

    private interface Parse<T> {
        T run() throws IOException;
    }

    private <T> T parse(Parse<T> parse) {
        try {
            return parse.run();
        } catch (IOException e) {
            observe(LinkState.DEGRADED);
            throw new TransientSyncFailure("unreadable answer: " + e.getMessage(), null, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        if (prober != null) {
            prober.shutdownNow();
        }
        if (engine != null) {
            engine.interrupt();
            try {
                engine.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listeners.clear();
    }
}
