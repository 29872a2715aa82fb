package jp.madoguchi.app.staff;

import java.time.Instant;

/** What one sign-in attempt ended with. */
public sealed interface SignInOutcome {

    /** The password was right; the session starts now. */
    record SignedIn(StaffSession session) implements SignInOutcome {
    }

    /**
     * The staff id or the password was wrong. Deliberately the same answer for an unknown id, so the
     * screen cannot be used to find out which ids exist.
     */
    record Rejected() implements SignInOutcome {
    }

    /** The account is locked until {@code until} (this attempt may have been the one that locked it). */
    record Locked(Instant until) implements SignInOutcome {
    }
}
