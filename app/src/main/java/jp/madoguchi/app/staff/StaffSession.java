package jp.madoguchi.app.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A signed-in staff member and the inactivity clock that auto-locks the workstation. The screen
 * calls {@link #touch()} on every key press and pointer event; {@link #idleExpired()} answers whether
 * the configured idle time has passed since the last one. Thread-safe: the last-activity instant is
 * volatile and only ever replaced.
 */
public final class StaffSession {

    private final StaffAccount staff;
    private final Clock clock;
    private final Duration idleLimit;
    private final Instant signedInAt;
    private volatile Instant lastActivity;

    public StaffSession(StaffAccount staff, Clock clock, Duration idleLimit) {
        if (idleLimit.isNegative() || idleLimit.isZero()) {
            throw new IllegalArgumentException("idle limit must be positive");
        }
        this.staff = staff;
        this.clock = clock;
        this.idleLimit = idleLimit;
        this.signedInAt = clock.instant();
        this.lastActivity = signedInAt;
    }

    public StaffAccount staff() {
        return staff;
    }

    public Instant signedInAt() {
        return signedInAt;
    }

    public Duration idleLimit() {
        return idleLimit;
    }

    /** Records activity now. */
    public void touch() {
        lastActivity = clock.instant();
    }

    /** True once the idle limit has passed since the last activity. */
    public boolean idleExpired() {
        return !clock.instant().isBefore(lastActivity.plus(idleLimit));
    }
}
