package jp.madoguchi.cache;

/** Central's answer to one op, as the store records it (sync-protocol.md, settled detail 4). */
record OperationOutcome(String opId, String outcome, String originalOutcome, String reason, Long cardStatusVersion,
        String caseId) {

    /** The usual number of results in an answer: a full batch (central's limit). */
    static final int TYPICAL_BATCH = 500;

    /** The outcome that decides the local state: a DUPLICATE repeats the first answer. */
    String effective() {
        return "DUPLICATE".equals(outcome) && originalOutcome != null ? originalOutcome : outcome;
    }
}
