package jp.madoguchi.sim.central.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import jp.madoguchi.sim.central.Json;
import jp.madoguchi.sim.central.store.CentralDatabase;

/**
 * The office-facing reads and the case actions: the feed with opaque checkpoints (sync-protocol
 * item 8) and follow-up cases (item 14). Thread-safe; reads see the last committed state.
 */
public final class OfficeQueries {

    private final CentralDatabase db;
    private final Clock clock;

    public OfficeQueries(CentralDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static String checkpoint(String office, long eventId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((office + ":" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** The event id a checkpoint stands for, or -1 when it is malformed or belongs to another office. */
    static long eventIdOf(String office, String checkpoint) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(checkpoint), StandardCharsets.UTF_8);
            int colon = text.lastIndexOf(':');
            if (colon < 0 || !text.substring(0, colon).equals(office)) {
                return -1;
            }
            long id = Long.parseLong(text.substring(colon + 1));
            return id < 0 ? -1 : id;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** {@code GET /v1/offices/{office}/feed}: {@code after} may be null, {@code limitText} may be null. */
    public IngestAnswer feed(String office, String after, String limitText) throws Exception {
        int limit = 100;
        if (limitText != null) {
            try {
                long l = Long.parseLong(limitText);
                if (l < 1) {
                    return IngestAnswer.error(400, "BAD_LIMIT", "limit must be at least 1");
                }
                limit = (int) Math.min(l, 1000);
            } catch (NumberFormatException e) {
                return IngestAnswer.error(400, "BAD_LIMIT", "limit must be a number");
            }
        }
        long from = 0;
        if (after != null) {
            from = eventIdOf(office, after);
            if (from < 0) {
                return IngestAnswer.error(400, "BAD_CHECKPOINT", "unknown checkpoint for office " + office);
            }
        }
        final long start = from;
        final int max = limit;
        return db.read(c -> {
            if (start > 0) {
                try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM feed_event WHERE event_id = ? AND office_code = ?")) {
                    s.setLong(1, start);
                    s.setString(2, office);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return IngestAnswer.error(400, "BAD_CHECKPOINT", "unknown checkpoint for office " + office);
                        }
                    }
                }
            }
            ArrayNode events = Json.array();
            long last = start;
            boolean more = false;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT event_id, body FROM feed_event WHERE office_code = ? AND event_id > ? ORDER BY event_id LIMIT ?")) {
                s.setString(1, office);
                s.setLong(2, start);
                s.setInt(3, max + 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (events.size() == max) {
                            more = true;
                            break;
                        }
                        last = rs.getLong(1);
                        ObjectNode e = Json.object().put("eventId", last);
                        e.setAll((ObjectNode) Json.parse(rs.getString(2)));
                        events.add(e);
                    }
                }
            }
            ObjectNode body = Json.object();
            body.set("events", events);
            body.put("checkpoint", checkpoint(office, last)).put("more", more);
            return new IngestAnswer(200, body);
        });
    }

    /** {@code GET /v1/offices/{office}/cases}. */
    public IngestAnswer cases(String office) throws Exception {
        return db.read(c -> {
            ArrayNode cases = Json.array();
            try (PreparedStatement s = c.prepareStatement("SELECT case_id, op_id, terminal_id, seq, type, card_serial, reason,"
                    + " status, opened_at, closed_by, resolution FROM follow_up_case WHERE office_code = ? ORDER BY case_id")) {
                s.setString(1, office);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode k = Json.object().put("caseId", rs.getString(1)).put("opId", rs.getString(2))
                                .put("terminalId", rs.getString(3)).put("seq", rs.getLong(4)).put("type", rs.getString(5));
                        if (rs.getString(6) != null) {
                            k.put("cardSerial", rs.getString(6));
                        }
                        k.put("reason", rs.getString(7)).put("status", rs.getString(8))
                                .put("openedAt", Json.instant(Instant.ofEpochMilli(rs.getLong(9))));
                        if (rs.getString(10) != null) {
                            k.put("closedBy", rs.getString(10)).put("resolution", rs.getString(11));
                        }
                        cases.add(k);
                    }
                }
            }
            ObjectNode body = Json.object();
            body.set("cases", cases);
            return new IngestAnswer(200, body);
        });
    }

    /** {@code POST .../cases/{caseId}/close} {supervisorId, resolution}. */
    public IngestAnswer closeCase(String office, String caseId, String supervisorId, String resolution) throws Exception {
        if (supervisorId == null || resolution == null) {
            return IngestAnswer.error(400, "MISSING_FIELD", "supervisorId and resolution are required");
        }
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE follow_up_case SET status = 'CLOSED', closed_by = ?, resolution = ?,"
                    + " closed_at = ? WHERE case_id = ? AND office_code = ?")) {
                s.setString(1, supervisorId);
                s.setString(2, resolution);
                s.setLong(3, clock.millis());
                s.setString(4, caseId);
                s.setString(5, office);
                if (s.executeUpdate() == 0) {
                    return IngestAnswer.error(404, "UNKNOWN_CASE", "no case " + caseId + " for office " + office);
                }
            }
            return new IngestAnswer(200, Json.object().put("caseId", caseId).put("status", "CLOSED"));
        });
    }

    /** {@code POST .../cases/{caseId}/notes} {staffId, text}. */
    public IngestAnswer noteCase(String office, String caseId, String staffId, String text) throws Exception {
        if (staffId == null || text == null) {
            return IngestAnswer.error(400, "MISSING_FIELD", "staffId and text are required");
        }
        return db.write(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM follow_up_case WHERE case_id = ? AND office_code = ?")) {
                q.setString(1, caseId);
                q.setString(2, office);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return IngestAnswer.error(404, "UNKNOWN_CASE", "no case " + caseId + " for office " + office);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO case_note (case_id, staff_id, text, noted_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, caseId);
                s.setString(2, staffId);
                s.setString(3, text);
                s.setLong(4, clock.millis());
                s.executeUpdate();
            }
            return new IngestAnswer(200, Json.object().put("caseId", caseId).put("noted", true));
        });
    }
}
