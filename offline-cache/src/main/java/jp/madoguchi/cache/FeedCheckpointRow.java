package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Where the office feed was read up to, and when the cache was last refreshed. */
@Entity
@Table(name = "feed_checkpoint")
class FeedCheckpointRow {
    @Id
    @Column(name = "office_code")
    String officeCode;
    String checkpoint;
    @Column(name = "refreshed_at")
    long refreshedAt;
}
