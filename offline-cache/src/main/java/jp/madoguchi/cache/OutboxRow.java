package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One outbox entry: the wire operation, sealed, and its local sync state (counter-rules §4.4). Since schema V9 an
 * act is this one row (docs/decisions/0008): the entry of an act also carries the act's card, when its personal
 * data was purged, and its link of the audit chain; {@code payload} is the act's sealed details. Entries are
 * created in plain JDBC only (CacheStore); the link's columns are never mapped here, so Hibernate cannot change them.
 */
@Entity
@Table(name = "outbox")
class OutboxRow {
    @Id
    long seq;
    @Column(name = "op_id")
    String opId;
    String type;
    @Column(name = "occurred_at")
    long occurredAt;
    @Column(name = "clerk_id")
    String clerkId;
    @Column(name = "supervisor_id")
    String supervisorId;
    @Column(name = "based_on_version")
    Long basedOnVersion;
    byte[] payload;
    String state;
    String outcome;
    String reason;
    @Column(name = "card_status_version")
    Long cardStatusVersion;
    @Column(name = "case_id")
    String caseId;
    @Column(name = "enqueued_at")
    long enqueuedAt;
    @Column(name = "acked_at")
    Long ackedAt;
    @Column(name = "card_serial")
    String cardSerial;
    @Column(name = "purged_at")
    Long purgedAt;
}
