package jp.madoguchi.app.staff;

import java.time.Instant;

/**
 * What the workstation may show about a provisioned staff member: never the hash or the salt.
 *
 * @param lockedUntil the end of a lockout, or {@code null} when the account is not locked
 */
public record StaffAccount(String staffId, String displayName, StaffRole role, int consecutiveFailures, Instant lockedUntil) {
}
