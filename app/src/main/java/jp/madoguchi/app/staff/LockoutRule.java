package jp.madoguchi.app.staff;

import java.time.Duration;

/**
 * When repeated wrong passwords lock a staff account (docs/ui.md, "Sign-in rules"): after
 * {@code maxFailures} consecutive wrong passwords the account is locked for {@code lockFor}; a correct
 * password resets the count; a locked account does not check passwords (so a guess during the lock
 * neither counts nor succeeds); a supervisor's unlock ends the lock at once. The count and the lock
 * are kept in the staff file, so restarting the workstation does not reset them.
 */
public record LockoutRule(int maxFailures, Duration lockFor) {

    /** The rule set by {@code staff.lockout.failures} and {@code staff.lockout.minutes}. */
    public static LockoutRule of(jp.madoguchi.common.Configuration config) {
        return new LockoutRule(config.getInt("staff.lockout.failures"), Duration.ofMinutes(config.getInt("staff.lockout.minutes")));
    }

    public LockoutRule {
        if (maxFailures < 1 || maxFailures > 100) {
            throw new IllegalArgumentException("lockout after 1-100 failures, not " + maxFailures);
        }
        if (lockFor.isNegative() || lockFor.isZero()) {
            throw new IllegalArgumentException("lockout duration must be positive");
        }
    }
}
