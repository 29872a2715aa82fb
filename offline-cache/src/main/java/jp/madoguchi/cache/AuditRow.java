package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One link of the audit chain. Holds hashes and ids only, so it outlives the personal-data purge. */
@Entity
@Table(name = "audit_log")
class AuditRow {
    @Id
    long id;
    @Column(name = "op_id")
    String opId;
    long seq;
    String type;
    @Column(name = "clerk_id")
    String clerkId;
    /** The supervisor who approved the act, or null (none, or a row written before schema V6). */
    @Column(name = "supervisor_id")
    String supervisorId;
    @Column(name = "occurred_at")
    long occurredAt;
    @Column(name = "content_hash")
    String contentHash;
    @Column(name = "prev_hash")
    String prevHash;
    @Column(name = "row_hash")
    String rowHash;
}
