package jp.madoguchi.app.counter.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock plus an offset a test can move forward (central and the workstation share one; a zoned view moves with it). Thread-safe. */
final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    MovableClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private MovableClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    void moveTo(Instant when) {
        offset.set(Duration.between(Instant.now(), when));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MovableClock(offset, zone);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
