package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A staff-visible follow-up case (要対応). */
@Entity
@Table(name = "follow_up_case")
class CaseRow {
    @Id
    @Column(name = "case_id")
    String caseId;
    String kind;
    Long seq;
    @Column(name = "op_id")
    String opId;
    String type;
    @Column(name = "card_serial")
    String cardSerial;
    String reason;
    String status;
    @Column(name = "opened_at")
    long openedAt;
    @Column(name = "closed_at")
    Long closedAt;
    /** Sealed with the case id as associated data; null until someone annotates the case. */
    byte[] note;
    @Column(name = "noted_by")
    String notedBy;
    @Column(name = "closed_by")
    String closedBy;
}
