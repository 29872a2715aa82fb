package jp.madoguchi.cache;

import com.fasterxml.jackson.databind.JsonNode;

/** An unsettled outbox entry opened for sending (package-private: only the sync engine sees payloads). */
record PendingOperation(long seq, String opId, String type, long occurredAt, String clerkId, String supervisorId,
        Long basedOnVersion, JsonNode payload) {
}
