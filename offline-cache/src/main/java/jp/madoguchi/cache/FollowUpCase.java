package jp.madoguchi.cache;

import java.time.Instant;

/**
 * A staff-visible case (要対応): a conflict central opened ({@code CONFLICT}), a rejected entry
 * ({@code REJECTED}), or a local halt only a supervisor can resolve ({@code SEQ_REUSED},
 * {@code OP_ID_REUSED}, {@code REFUSED}, {@code CORRUPTED}).
 *
 * @param caseId central's case id for conflicts, a local id ({@code L-...}) otherwise
 * @param cardSerial the card concerned, or null
 * @param note       the staff's note on the case, or null when nobody annotated it
 * @param notedBy    the staff id of the last annotation, or null
 */
public record FollowUpCase(String caseId, String kind, Long seq, String opId, String type, String cardSerial,
        String reason, String status, Instant openedAt, String note, String notedBy) {
}
