package jp.madoguchi.sim.central.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.sim.central.Json;
import jp.madoguchi.sim.central.store.CentralDatabase;

/**
 * Row-level access to the central state: cards, certificates, applications, the office feed and
 * follow-up cases. Every status change bumps the record's version and appends its feed event in the
 * same transaction, so the feed never disagrees with the state. Methods must run inside a
 * {@link jp.madoguchi.sim.central.store.CentralDatabase#write} transaction (or a read for getters).
 */
public final class CentralRecords {

    /** A card's central record (counter-rules §4.2); the resident summary stays JSON text until asked for. */
    public record Card(String serial, String office, String applicationId, String status, String reason, long version,
            String birthDate, String validTo, String issuedOn, boolean express, boolean pinsPreset, boolean overseas,
            boolean faceAuth, String residentJson) {

        public JsonNode resident() {
            try {
                return Json.parse(residentJson);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("corrupt resident JSON for card " + serial, e);
            }
        }
    }

    /** A certificate's central record (counter-rules §4.3). */
    public record Cert(String serial, String cardSerial, String kind, String status, String reason, long version,
            long notAfterMillis) {
    }

    /** An application's central record (counter-rules §4.1). */
    public record Application(String id, String office, String status, long version) {
    }

    private CentralRecords() {
    }

    public static long nextValue(Connection c, String name) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "INSERT INTO sequence_counter (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value")) {
            up.setString(1, name);
            try (ResultSet rs = up.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static void ensureOffice(Connection c, String code, String type) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO office (code, type) VALUES (?, ?) ON CONFLICT (code) DO NOTHING")) {
            s.setString(1, code);
            s.setString(2, type);
            s.executeUpdate();
        }
    }

    /**
     * Appends a feed event of {@code office}. A plain insert: {@code RETURNING event_id} made sqlite-jdbc
     * run it as a query, which cost about 40 % more per event, and most callers never need the id
     * (those that do call {@link #lastFeedEventId} right after, on the same connection).
     */
    public static void appendFeed(Connection c, String office, ObjectNode body) throws SQLException {
        appendFeed(c, office, Json.write(body));
    }

    /**
     * Appends a feed event whose body is already JSON text. Writer thread only: it uses the cached statement
     * without the cache's reflective wrapper ({@link CentralDatabase#direct}) and binds both parameters.
     */
    private static void appendFeed(Connection c, String office, String json) throws SQLException {
        PreparedStatement s = CentralDatabase.direct(c, "INSERT INTO feed_event (office_code, body) VALUES (?, ?)");
        s.setString(1, office);
        s.setString(2, json);
        s.executeUpdate();
    }

    /** The eventId of the feed event this connection appended last (within the same transaction). */
    public static long lastFeedEventId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static Card card(Connection c, String serial) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT card_serial, office_code, application_id, status, reason, version,"
                + " birth_date, valid_to, issued_on, express, pins_preset, overseas, face_auth, resident FROM card WHERE card_serial = ?")) {
            s.setString(1, serial);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Card(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10) != 0,
                        rs.getInt(11) != 0, rs.getInt(12) != 0, rs.getInt(13) != 0, rs.getString(14));
            }
        }
    }

    public static void insertCard(Connection c, Card card) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO card (card_serial, office_code, application_id, status, reason,"
                + " version, birth_date, valid_to, issued_on, express, pins_preset, overseas, face_auth, resident)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, card.serial());
            s.setString(2, card.office());
            s.setString(3, card.applicationId());
            s.setString(4, card.status());
            s.setString(5, card.reason());
            s.setLong(6, card.version());
            s.setString(7, card.birthDate());
            s.setString(8, card.validTo());
            s.setString(9, card.issuedOn());
            s.setInt(10, card.express() ? 1 : 0);
            s.setInt(11, card.pinsPreset() ? 1 : 0);
            s.setInt(12, card.overseas() ? 1 : 0);
            s.setInt(13, card.faceAuth() ? 1 : 0);
            s.setString(14, card.residentJson());
            s.executeUpdate();
        }
    }

    /**
     * Moves a card to {@code status} (or only changes attributes when the status stays), bumps its
     * version and emits CARD_STATUS_CHANGED with the changed attributes.
     */
    public static Card changeCard(Connection c, Card card, String status, String reason, ObjectNode attributes) throws SQLException {
        long version = card.version() + 1;
        boolean overseas = card.overseas();
        boolean faceAuth = card.faceAuth();
        String validTo = card.validTo();
        if (attributes != null) {
            overseas = attributes.path("overseas").asBoolean(overseas);
            faceAuth = attributes.path("faceAuth").asBoolean(faceAuth);
            validTo = attributes.path("validTo").asText(validTo);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE card SET status = ?, reason = ?, version = ?, overseas = ?,"
                + " face_auth = ?, valid_to = ? WHERE card_serial = ?")) {
            s.setString(1, status);
            s.setString(2, reason);
            s.setLong(3, version);
            s.setInt(4, overseas ? 1 : 0);
            s.setInt(5, faceAuth ? 1 : 0);
            s.setString(6, validTo);
            s.setString(7, card.serial());
            s.executeUpdate();
        }
        ObjectNode event = Json.object().put("type", "CARD_STATUS_CHANGED").put("cardSerial", card.serial()).put("status", status);
        if (reason != null) {
            event.put("reason", reason);
        }
        event.put("version", version);
        if (attributes != null) {
            event.setAll(attributes);
        }
        appendFeed(c, card.office(), event);
        return new Card(card.serial(), card.office(), card.applicationId(), status, reason, version, card.birthDate(), validTo,
                card.issuedOn(), card.express(), card.pinsPreset(), overseas, faceAuth, card.residentJson());
    }

    public static List<Cert> certs(Connection c, String cardSerial) throws SQLException {
        List<Cert> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT cert_serial, card_serial, kind, status, reason, version, not_after"
                + " FROM certificate WHERE card_serial = ? ORDER BY rowid")) {
            s.setString(1, cardSerial);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(cert(rs));
                }
            }
        }
        return out;
    }

    public static Cert certBySerial(Connection c, String serial) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT cert_serial, card_serial, kind, status, reason, version, not_after"
                + " FROM certificate WHERE cert_serial = ?")) {
            s.setString(1, serial);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? cert(rs) : null;
            }
        }
    }

    private static Cert cert(ResultSet rs) throws SQLException {
        return new Cert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7));
    }

    /** VALID or ON_HOLD certificates whose notAfter lies before {@code millis}, oldest first. */
    public static List<Cert> liveCertsEndedBefore(Connection c, long millis) throws SQLException {
        List<Cert> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT cert_serial, card_serial, kind, status, reason, version, not_after"
                + " FROM certificate WHERE status IN ('VALID', 'ON_HOLD') AND not_after < ? ORDER BY not_after")) {
            s.setLong(1, millis);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(cert(rs));
                }
            }
        }
        return out;
    }

    /** ACTIVE or SUSPENDED cards whose validTo date ({@code YYYY-MM-DD}) lies before {@code date}. */
    public static List<String> liveCardsValidBefore(Connection c, String date) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT card_serial FROM card WHERE status IN ('ACTIVE', 'SUSPENDED') AND valid_to < ? ORDER BY card_serial")) {
            s.setString(1, date);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Records a new certificate; {@code announce} = false leaves the feed event to the caller ({@link #announceCert}). */
    public static void insertCert(Connection c, String office, Cert cert, byte[] der, boolean announce) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO certificate (cert_serial, card_serial, kind, status, reason,"
                + " version, not_after, der) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, cert.serial());
            s.setString(2, cert.cardSerial());
            s.setString(3, cert.kind());
            s.setString(4, cert.status());
            s.setString(5, cert.reason());
            s.setLong(6, cert.version());
            s.setLong(7, cert.notAfterMillis());
            s.setBytes(8, der);
            s.executeUpdate();
        }
        if (announce) {
            announceCert(c, office, cert);
        }
    }

    public static void announceCert(Connection c, String office, Cert cert) throws SQLException {
        appendFeed(c, office, certEvent(cert));
    }

    private static ObjectNode certEvent(Cert cert) {
        ObjectNode e = Json.object().put("type", "CERT_STATUS_CHANGED").put("cardSerial", cert.cardSerial()).put("kind", cert.kind())
                .put("certSerial", cert.serial()).put("status", cert.status());
        if (cert.reason() != null) {
            e.put("reason", cert.reason());
        }
        e.put("notAfter", Json.instant(Instant.ofEpochMilli(cert.notAfterMillis()))).put("version", cert.version());
        return e;
    }

    /** Moves a certificate to {@code status}, bumps its version, emits CERT_STATUS_CHANGED. */
    public static Cert changeCert(Connection c, String office, Cert cert, String status, String reason, Instant now) throws SQLException {
        Cert next = new Cert(cert.serial(), cert.cardSerial(), cert.kind(), status, reason, cert.version() + 1, cert.notAfterMillis());
        try (PreparedStatement s = c.prepareStatement("UPDATE certificate SET status = ?, reason = ?, version = ?,"
                + " revoked_at = CASE WHEN ? = 'REVOKED' THEN ? ELSE revoked_at END WHERE cert_serial = ?")) {
            s.setString(1, status);
            s.setString(2, reason);
            s.setLong(3, next.version());
            s.setString(4, status);
            s.setLong(5, now.toEpochMilli());
            s.setString(6, cert.serial());
            s.executeUpdate();
        }
        appendFeed(c, office, certEvent(next));
        return next;
    }

    public static boolean isLive(Cert cert) {
        return !"REVOKED".equals(cert.status()) && !"EXPIRED".equals(cert.status());
    }

    /** Revokes every live certificate of a card with {@code reason}. */
    public static void revokeCerts(Connection c, String office, String cardSerial, String kindOrNull, String reason, Instant now)
            throws SQLException {
        for (Cert cert : certs(c, cardSerial)) {
            if (isLive(cert) && (kindOrNull == null || kindOrNull.equals(cert.kind()))) {
                changeCert(c, office, cert, "REVOKED", reason, now);
            }
        }
    }

    public static Application application(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT application_id, office_code, status, version FROM application WHERE application_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Application(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)) : null;
            }
        }
    }

    public static void insertApplication(Connection c, String id, String office, String status, String kind, boolean express,
            String receivedOn) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO application (application_id, office_code, status, version, kind,"
                + " express, received_on) VALUES (?, ?, ?, 1, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, office);
            s.setString(3, status);
            s.setString(4, kind);
            s.setInt(5, express ? 1 : 0);
            s.setString(6, receivedOn);
            s.executeUpdate();
        }
    }

    /**
     * Records an application submitted at a counter that the simulated J-LIS receives at once: the row goes in
     * as RECEIVED at version 2 with its APPLICATION_RECEIVED event at version 2, exactly the state and feed
     * that inserting it SUBMITTED (version 1) and then {@link #changeApplication moving} it would leave, in
     * two statements instead of four. Returns false, writing nothing, when the id is already known
     * (APPLICATION_EXISTS). Writer thread only ({@link CentralDatabase#direct}).
     */
    public static boolean insertReceivedApplication(Connection c, String id, String office, String kind, boolean express,
            String receivedOn) throws SQLException {
        PreparedStatement s = CentralDatabase.direct(c, "INSERT INTO application (application_id, office_code, status, version,"
                + " kind, express, received_on) VALUES (?, ?, 'RECEIVED', 2, ?, ?, ?) ON CONFLICT (application_id) DO NOTHING");
        s.setString(1, id);
        s.setString(2, office);
        s.setString(3, kind);
        s.setInt(4, express ? 1 : 0);
        s.setString(5, receivedOn);
        if (s.executeUpdate() == 0) {
            return false;
        }
        appendFeed(c, office, applicationEvent("APPLICATION_RECEIVED", id, "RECEIVED", null, 2));
        return true;
    }

    /** Moves an application, emitting {@code eventType} (APPLICATION_RECEIVED or APPLICATION_STATUS_CHANGED). */
    public static Application changeApplication(Connection c, Application app, String status, String reason, String eventType)
            throws SQLException {
        long version = app.version() + 1;
        try (PreparedStatement s = c.prepareStatement("UPDATE application SET status = ?, reason = ?, version = ? WHERE application_id = ?")) {
            s.setString(1, status);
            s.setString(2, reason);
            s.setLong(3, version);
            s.setString(4, app.id());
            s.executeUpdate();
        }
        appendFeed(c, app.office(), applicationEvent(eventType, app.id(), status, reason, version));
        return new Application(app.id(), app.office(), status, version);
    }

    /**
     * An application's feed event as JSON text, with the members in the order the tree used to give them:
     * written without a Jackson tree and generator per event (the ingest's writer thread spent a share of
     * its samples on them).
     */
    private static String applicationEvent(String eventType, String id, String status, String reason, long version) {
        StringBuilder out = new StringBuilder(128);
        out.append("{\"type\":");
        Json.quote(eventType, out);
        out.append(",\"applicationId\":");
        Json.quote(id, out);
        out.append(",\"status\":");
        Json.quote(status, out);
        if (reason != null) {
            out.append(",\"reason\":");
            Json.quote(reason, out);
        }
        return out.append(",\"version\":").append(version).append('}').toString();
    }

    public static String openCase(Connection c, String office, String opId, String terminal, long seq, String type,
            String cardSerial, String reason, Instant now) throws SQLException {
        String caseId = String.format("CASE-%08d", nextValue(c, "case"));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO follow_up_case (case_id, office_code, op_id, terminal_id, seq, type,"
                + " card_serial, reason, status, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")) {
            s.setString(1, caseId);
            s.setString(2, office);
            s.setString(3, opId);
            s.setString(4, terminal);
            s.setLong(5, seq);
            s.setString(6, type);
            s.setString(7, cardSerial);
            s.setString(8, reason);
            s.setLong(9, now.toEpochMilli());
            s.executeUpdate();
        }
        return caseId;
    }
}
