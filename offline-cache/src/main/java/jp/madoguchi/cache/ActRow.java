package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The business row of a recorded counter act; {@code details} is the sealed payload (personal data). */
@Entity
@Table(name = "counter_act")
class ActRow {
    @Id
    @Column(name = "op_id")
    String opId;
    long seq;
    String type;
    @Column(name = "card_serial")
    String cardSerial;
    @Column(name = "clerk_id")
    String clerkId;
    @Column(name = "supervisor_id")
    String supervisorId;
    @Column(name = "occurred_at")
    long occurredAt;
    byte[] details;
    @Column(name = "purged_at")
    Long purgedAt;
}
