package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A note on or the closing of one of central's cases, waiting to be sent (sync-protocol item 14) or,
 * once {@code sentAt} is set, the record of what central answered.
 */
@Entity
@Table(name = "case_action")
class CaseActionRow {
    /** {@code NOTE}: POST .../notes {staffId, text}; {@code CLOSE}: POST .../close {supervisorId, resolution}. */
    static final String NOTE = "NOTE";
    static final String CLOSE = "CLOSE";

    @Id
    long id;
    @Column(name = "case_id")
    String caseId;
    String action;
    @Column(name = "staff_id")
    String staffId;
    /** The note text or the resolution, sealed with {@link CacheStore#caseActionAad}; null once purged. */
    byte[] body;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "sent_at")
    Long sentAt;
    /** {@code OK}, or the HTTP status and central's code when central refused it for good (e.g. {@code 404 UNKNOWN_CASE}). */
    String result;
}
