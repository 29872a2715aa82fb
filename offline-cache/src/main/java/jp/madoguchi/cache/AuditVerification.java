package jp.madoguchi.cache;

/**
 * The result of walking the audit chain.
 *
 * @param intact    true when every row links to the one before and hashes to its stored hash
 * @param rows      rows walked
 * @param headHash  the hash of the last row (the genesis hash for an empty chain)
 * @param badRow    the first row that failed (its position, 1-based), or 0 when intact
 * @param problem   what failed at badRow, or null
 */
public record AuditVerification(boolean intact, long rows, String headHash, long badRow, String problem) {
}
