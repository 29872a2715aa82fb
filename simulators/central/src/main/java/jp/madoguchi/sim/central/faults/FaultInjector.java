package jp.madoguchi.sim.central.faults;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The live fault switches and the per-request decision. Thread-safe: settings are swapped
 * atomically; each request takes the next request number and derives its draw from (seed, number),
 * so a run with one client in sequence is reproducible.
 */
public final class FaultInjector {

    /** What to do with one request, in the order they are checked. */
    public enum Action { NONE, RESET, HANG, UNAVAILABLE, THROTTLED, ERROR }

    /** One decided request: its number since the settings changed, what it got, and when (System.nanoTime). */
    public record Decision(long request, String path, Action action, long nanoTime) {
    }

    private static final int HISTORY = 1_000;

    private final AtomicReference<FaultSettings> settings = new AtomicReference<>(FaultSettings.NONE);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private volatile Consumer<FaultSettings> partitionListener = s -> { };
    private final java.util.Deque<Decision> history = new java.util.ArrayDeque<>();

    public FaultSettings settings() {
        return settings.get();
    }

    /** Replaces the settings; restarts the request numbering so a new seed replays from its start. */
    public void set(FaultSettings next) {
        FaultSettings previous = settings.getAndSet(next);
        requests.set(0);
        generation.incrementAndGet();
        synchronized (history) {
            history.clear();
        }
        if (previous.partition() != next.partition()) {
            partitionListener.accept(next);
        }
    }

    /** Called when {@code partition} flips; the server closes or reopens its listening socket. */
    public void onPartitionChange(Consumer<FaultSettings> listener) {
        this.partitionListener = listener;
    }

    /** Increments whenever the settings change; a hanging request stops hanging when it moves. */
    public long generation() {
        return generation.get();
    }

    /** The fault for the next request, drawn from (seed, request number); {@code path} is kept in {@link #history()}. */
    public Action decide(String path) {
        FaultSettings s = settings.get();
        if (!s.any()) {
            return Action.NONE;
        }
        long n = requests.incrementAndGet();
        Action a = draw(s, new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + n).nextDouble());
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(new Decision(n, path, a, System.nanoTime()));
        }
        return a;
    }

    /**
     * The last decisions (at most 1,000) since the settings last changed, oldest first: what a drill or a
     * test reads to see which requests were hit and when the client came back after a Retry-After.
     */
    public java.util.List<Decision> history() {
        synchronized (history) {
            return java.util.List.copyOf(history);
        }
    }

    private static Action draw(FaultSettings s, double draw) {
        double edge = s.resetRate();
        if (draw < edge) {
            return Action.RESET;
        }
        edge += s.hangRate();
        if (draw < edge) {
            return Action.HANG;
        }
        edge += s.unavailableRate();
        if (draw < edge) {
            return Action.UNAVAILABLE;
        }
        edge += s.throttleRate();
        if (draw < edge) {
            return Action.THROTTLED;
        }
        edge += s.errorRate();
        return draw < edge ? Action.ERROR : Action.NONE;
    }
}
