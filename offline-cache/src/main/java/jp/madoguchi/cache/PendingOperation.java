package jp.madoguchi.cache;

/**
 * An unsettled outbox entry opened for sending (package-private: only the sync engine sees payloads).
 * {@code payloadJson} is the payload exactly as it was written (a JSON object, UTF-8) when the act was
 * sealed: the batch carries these bytes as they are, so a resend sends the same value (settled detail 3).
 */
record PendingOperation(long seq, String opId, String type, long occurredAt, String clerkId, String supervisorId,
        Long basedOnVersion, byte[] payloadJson) {
}
