package jp.madoguchi.cache;

import java.time.Instant;
import java.util.UUID;

/**
 * A read-only view of one outbox entry for the UI and reports. Carries no personal data: the payload
 * stays sealed in the store.
 */
public record OutboxEntry(long seq, UUID opId, OperationType type, Instant occurredAt, String clerkId,
        LocalSyncState state, String outcome, String reason, String caseId) {
}
