package jp.madoguchi.cache;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One office-feed event as received; {@code body} is the sealed JSON (it may carry a resident summary). */
@Entity
@Table(name = "feed_event")
class FeedEventRow {
    @Id
    @Column(name = "event_id")
    long eventId;
    String type;
    @Column(name = "card_serial")
    String cardSerial;
    byte[] body;
    @Column(name = "received_at")
    long receivedAt;
}
