package jp.madoguchi.cache;

import java.time.Instant;

/**
 * A staff-visible case (要対応): a conflict central opened ({@code CONFLICT}; its notes and closing are
 * sent to central), a rejected entry ({@code REJECTED}), an entry central holds under its opId with
 * another body ({@code OP_ID_REUSED}; the rest of the queue goes on), a note or close of one of central's
 * cases that central refused ({@code CASE_ACTION_REFUSED}: reason {@code MDG-CACHE-014 <NOTE|CLOSE> <central
 * case id>: <status> <central's code>}, note = the refused text), or a local halt only a supervisor can
 * resolve ({@code SEQ_REUSED}, {@code SEQ_GAP}, {@code REFUSED}, {@code CORRUPTED}).
 *
 * @param caseId central's case id for conflicts, a local id ({@code L-...}) otherwise
 * @param cardSerial the card concerned, or null
 * @param note       the staff's note on the case, or null when nobody annotated it
 * @param notedBy    the staff id of the last annotation, or null
 */
public record FollowUpCase(String caseId, String kind, Long seq, String opId, String type, String cardSerial,
        String reason, String status, Instant openedAt, String note, String notedBy) {
}
