package jp.madoguchi.cache;

import java.time.Instant;

/** The read cache's latest word on a card: central status and its version (the basedOn of an act). */
public record CachedCard(String cardSerial, String status, long version, String applicationId, Instant updatedAt) {
}
