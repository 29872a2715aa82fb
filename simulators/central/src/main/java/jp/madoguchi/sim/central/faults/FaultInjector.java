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
    public enum Action { NONE, RESET, HANG, UNAVAILABLE, ERROR }

    private final AtomicReference<FaultSettings> settings = new AtomicReference<>(FaultSettings.NONE);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private volatile Consumer<FaultSettings> partitionListener = s -> { };

    public FaultSettings settings() {
        return settings.get();
    }

    /** Replaces the settings; restarts the request numbering so a new seed replays from its start. */
    public void set(FaultSettings next) {
        FaultSettings previous = settings.getAndSet(next);
        requests.set(0);
        generation.incrementAndGet();
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

    public Action decide() {
        FaultSettings s = settings.get();
        if (!s.any()) {
            return Action.NONE;
        }
        long n = requests.incrementAndGet();
        double draw = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + n).nextDouble();
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
        edge += s.errorRate();
        return draw < edge ? Action.ERROR : Action.NONE;
    }
}
