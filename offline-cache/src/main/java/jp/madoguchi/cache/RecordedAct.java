package jp.madoguchi.cache;

import java.time.Instant;
import java.util.UUID;

/** The receipt of a durable record: once a caller holds one, the act survives a crash or power loss. */
public record RecordedAct(UUID opId, long seq, Instant occurredAt) {
}
