package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The read cache's latest word on an application's central status (counter-rules §4.1). */
@Entity
@Table(name = "cached_application")
class CachedApplicationRow {
    @Id
    @Column(name = "application_id")
    String applicationId;
    String status;
    String reason;
    long version;
    @Column(name = "updated_at")
    long updatedAt;
}
