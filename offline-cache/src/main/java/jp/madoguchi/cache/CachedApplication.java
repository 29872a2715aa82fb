package jp.madoguchi.cache;

import java.time.Instant;

/**
 * The read cache's latest word on an application: central status (counter-rules §4.1, e.g.
 * {@code DEFECT_RETURNED}), the reason central gave (e.g. {@code PHOTO}) or null, and its version.
 */
public record CachedApplication(String applicationId, String status, String reason, long version, Instant updatedAt) {
}
