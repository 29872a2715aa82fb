package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The read cache's latest word on a card's central status. */
@Entity
@Table(name = "cached_card")
class CachedCardRow {
    @Id
    @Column(name = "card_serial")
    String cardSerial;
    String status;
    long version;
    @Column(name = "application_id")
    String applicationId;
    @Column(name = "updated_at")
    long updatedAt;
}
