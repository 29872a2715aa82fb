package jp.madoguchi.sim.central.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.madoguchi.sim.central.Json;
import jp.madoguchi.sim.central.domain.CentralRecords.Application;
import jp.madoguchi.sim.central.domain.CentralRecords.Card;
import jp.madoguchi.sim.central.domain.CentralRecords.Cert;
import jp.madoguchi.sim.central.store.CentralDatabase;

/**
 * {@code POST /v1/operations} semantics (sync-protocol.md, "Settled details" 1–6 and 15): permanent
 * opId idempotency, all-or-nothing per-terminal sequences, and the central state machines of
 * counter-rules §4 applied per operation. One batch is one transaction on the writer thread, so two
 * batches never interleave and a crash leaves either the whole batch or none of it.
 */
public final class OperationIngest {

    /** The defined Operation fields, sorted; everything else in an operation is ignored (item 3). */
    private static final List<String> DEFINED = List.of("basedOn", "clerkId", "occurredAt", "opId", "payload", "seq",
            "supervisorId", "type");

    /** Places in {@link #DEFINED} of the fields the ingest reads. */
    private static final int OCCURRED_AT = DEFINED.indexOf("occurredAt");
    private static final int OP_ID = DEFINED.indexOf("opId");
    private static final int PAYLOAD = DEFINED.indexOf("payload");
    private static final int SEQ = DEFINED.indexOf("seq");
    private static final int TYPE = DEFINED.indexOf("type");

    private static final Map<String, List<String>> REQUIRED = new HashMap<>();

    static {
        List<String> visit = List.of("visitorType", "idMethod");
        REQUIRED.put("DELIVERY_COMPLETED", List.of("cardSerial", "applicationId", "deliveredAt", "visitorType", "idMethod",
                "pinTypesSet", "cardType"));
        REQUIRED.put("OLD_CARD_COLLECTED", List.of("cardSerial", "item", "disposition"));
        REQUIRED.put("PIN_RESET", List.of("cardSerial", "pinTypes", "reason", "triesLeftBefore", "visitorType", "idMethod"));
        REQUIRED.put("PIN_CHANGED", List.of("cardSerial", "pinTypes", "visitorType", "idMethod"));
        REQUIRED.put("CERT_RENEWED", List.of("cardSerial", "kind", "certSerial", "notAfter", "visitorType", "idMethod"));
        REQUIRED.put("CERT_ISSUED", REQUIRED.get("CERT_RENEWED"));
        REQUIRED.put("CERT_ISSUE_ABORTED", List.of("cardSerial", "kind", "certSerial"));
        REQUIRED.put("SUSPENSION_LIFTED", with("cardSerial", visit));
        REQUIRED.put("LOSS_REPORTED", List.of("cardSerial", "lostOn", "reissueRequested"));
        REQUIRED.put("CARD_RETURNED", with("cardSerial", visit));
        REQUIRED.put("CARD_ANNOTATED", List.of("cardSerial", "changedItems", "annotationText", "visitorType", "idMethod"));
        REQUIRED.put("CONTINUED_USE_REGISTERED", REQUIRED.get("CARD_ANNOTATED"));
        REQUIRED.put("VALIDITY_EXTENDED", List.of("cardSerial", "validTo", "visitorType", "idMethod"));
        REQUIRED.put("OVERSEAS_CONVERTED", List.of("cardSerial", "departureDate", "domicileMunicipality", "email", "certsIssued"));
        REQUIRED.put("FACE_AUTH_SWITCHED", with("cardSerial", visit));
        REQUIRED.put("APPLICATION_SUBMITTED", List.of("applicationId", "kind", "express", "resident", "visitorType", "idMethod"));
        REQUIRED.put("CARD_RECEIVED_AT_OFFICE", List.of("cardSerial", "receivedAt"));
        REQUIRED.put("CARD_DEFECT_REPORTED", List.of("cardSerial", "defect"));
        REQUIRED.put("NOTICE_SENT", List.of("applicationId", "cardSerial", "channel", "sentOn", "collectBy"));
        REQUIRED.put("RENOTICE_SENT", REQUIRED.get("NOTICE_SENT"));
        REQUIRED.put("UNCLAIMED_DESTROYED", List.of("cardSerial", "applicationId", "ground"));
        REQUIRED.put("OPERATION_VOIDED", List.of("voidedOpId", "reason"));
        REQUIRED.put("AUDIT_HEAD", List.of("hash", "count"));
    }

    /** Each known type's name, mapped to itself. */
    private static final Map<String, String> KNOWN_TYPES = new HashMap<>();

    static {
        for (String type : REQUIRED.keySet()) {
            KNOWN_TYPES.put(type, type);
        }
    }

    /** What a post office may send at most (counter-rules §1.3 and PR-02). */
    private static final Set<String> POST_OFFICE_ALLOWED = Set.of("PIN_RESET", "PIN_CHANGED", "CERT_RENEWED", "CERT_ISSUED",
            "CERT_ISSUE_ABORTED", "LOSS_REPORTED", "APPLICATION_SUBMITTED", "OPERATION_VOIDED", "AUDIT_HEAD");
    /** What a mission may not send (counter-rules §1.3: no certificate work, no annotation, PIN reset only). */
    private static final Set<String> MISSION_FORBIDDEN = Set.of("PIN_CHANGED", "CERT_RENEWED", "CERT_ISSUED", "CERT_ISSUE_ABORTED",
            "CARD_ANNOTATED", "CONTINUED_USE_REGISTERED", "OVERSEAS_CONVERTED", "VALIDITY_EXTENDED");
    /** SIGN is revoked when one of these items changes (counter-rules §2.3 table). */
    private static final Set<String> SIGN_REVOKING_ITEMS = Set.of("NAME", "ALIAS", "FORMER_SURNAME", "ADDRESS", "BIRTH_DATE",
            "SEX", "name", "alias", "formerSurname", "address", "birthDate", "sex");

    /**
     * Types whose application never writes a card row, so the batch's card reads stay valid after them
     * (PIN work and certificate notices only read the card; AUDIT_HEAD and voids do not touch cards).
     */
    private static final Set<String> LEAVES_CARDS_ALONE = Set.of("PIN_RESET", "PIN_CHANGED", "CERT_RENEWED", "CERT_ISSUED",
            "AUDIT_HEAD", "OPERATION_VOIDED");

    private final CentralDatabase db;
    private final Clock clock;

    public OperationIngest(CentralDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private static List<String> with(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return List.copyOf(l);
    }

    /**
     * A {@code POST /v1/operations} body read on the request thread: the terminalId and each operation's
     * fields, canonical body and stateless per-op reason, or the 400 answer for a malformed body (item 5).
     * Immutable; made by {@link #read}.
     */
    public static final class Batch {
        private final String terminalId;
        private final List<Op> ops;
        private final IngestAnswer refusal;

        private Batch(String terminalId, List<Op> ops, IngestAnswer refusal) {
            this.terminalId = terminalId;
            this.ops = ops;
            this.refusal = refusal;
        }

        private static Batch refused(String code, String message) {
            return new Batch(null, null, IngestAnswer.error(400, code, message));
        }

        /** The body's terminalId (null when refused). */
        public String terminalId() {
            return terminalId;
        }

        /** The 400 answer when the body is malformed, else null. */
        public IngestAnswer refusal() {
            return refusal;
        }
    }

    /**
     * Checks the envelope (item 5) and reads every operation once, on the caller's thread, so that the one
     * writer thread does no JSON work it can be spared. Each operation's members are visited in one pass
     * ({@link #defined}): looking each defined name up (for the check, the fields and the canonical body)
     * was a fifth of the request threads' samples (JFR, drain bench). Pure and thread-safe.
     */
    public static Batch read(JsonNode request, String officeType) {
        if (request == null || !request.isObject()) {
            return Batch.refused("MALFORMED", "the body is not a JSON object");
        }
        JsonNode terminalId = request.path("terminalId");
        if (!terminalId.isTextual() || terminalId.asText().isEmpty()) {
            return Batch.refused("MISSING_FIELD", "terminalId is required");
        }
        JsonNode operations = request.path("operations");
        if (!operations.isArray() || operations.size() < 1 || operations.size() > 500) {
            return Batch.refused("BAD_BATCH_SIZE", "operations must hold 1 to 500 entries");
        }
        List<Op> ops = new ArrayList<>(operations.size());
        for (JsonNode op : operations) {
            JsonNode[] fields = op.isObject() ? defined(op) : null;
            if (fields == null || !isText(fields[OP_ID]) || fields[OP_ID].asText().isEmpty() || fields[SEQ] == null
                    || !fields[SEQ].canConvertToLong() || !fields[SEQ].isIntegralNumber() || fields[SEQ].asLong() < 1
                    || !isText(fields[TYPE]) || !isText(fields[OCCURRED_AT])) {
                return Batch.refused("MISSING_FIELD", "every operation needs opId, seq (>= 1), type and occurredAt");
            }
            String type = fields[TYPE].asText();
            JsonNode payload = fields[PAYLOAD];
            ops.add(new Op(fields[OP_ID].asText(), fields[SEQ].asLong(), type, payload, Json.canonical(DEFINED, fields),
                    rejection(type, payload, officeType)));
        }
        return new Batch(terminalId.asText(), ops, null);
    }

    private static boolean isText(JsonNode node) {
        return node != null && node.isTextual();
    }

    /**
     * {@code op}'s defined members, each at its place in {@link #DEFINED} (null where absent), found in one pass
     * over the members instead of one hash look-up per name.
     */
    private static JsonNode[] defined(JsonNode op) {
        JsonNode[] fields = new JsonNode[DEFINED.size()];
        for (Map.Entry<String, JsonNode> member : op.properties()) {
            int place = DEFINED.indexOf(member.getKey());
            if (place >= 0) {
                fields[place] = member.getValue();
            }
        }
        return fields;
    }

    /** The canonical body of an operation: its defined fields only (item 3). */
    public static String canonicalBody(JsonNode op) {
        return Json.canonical(DEFINED, defined(op));
    }

    private record Stored(String office, String terminal, long seq, String body, String outcome, String reason, String caseId,
            Long cardStatusVersion) {
    }

    /**
     * One operation of a batch with the fields the ingest uses read once, on the caller's thread, so
     * that the single writer thread does no JSON work it can be spared.
     */
    private record Op(String opId, long seq, String type, JsonNode payload, String body, String rejection) {

        /**
         * {@code type} becomes the constant of a known type, and the opId's hash is computed here: the
         * writer thread then hashes no fresh string (it showed up as a tenth of the writer's samples).
         */
        Op {
            type = KNOWN_TYPES.getOrDefault(type, type);
            opId.hashCode();
        }
    }

    /** What the writer decided for a batch that was accepted; rendered after the commit, off the writer thread. */
    private record Accepted(long ackedSeq, Map<String, Stored> known, Map<String, Outcome> results) {
    }

    /**
     * Applies a well-formed batch from {@code terminal} of {@code office} (the certificate's O and
     * CN, already matched against the body), read by {@link #read} with the same office type. Returns the 200 answer or the 409/422 refusal.
     * Thread-safe: batches are applied one at a time on the database's writer thread, each answered
     * only once its transaction is durably committed.
     */
    public IngestAnswer ingest(String office, String officeType, String terminal, Batch batch) throws Exception {
        List<Op> ops = batch.ops;
        Object decided = db.write(c -> ingest(c, office, officeType, terminal, ops));
        return decided instanceof Accepted accepted ? answer(ops, accepted) : (IngestAnswer) decided;
    }

    /** The refusal ({@link IngestAnswer}) or the {@link Accepted} batch, applied inside the writer's transaction. */
    private Object ingest(Connection c, String office, String officeType, String terminal, List<Op> ops) throws SQLException {
        long acked = ackedSeq(c, office, terminal);
        Map<String, Stored> known = storedAll(c, ops);
        Map<String, Integer> newByOpId = new HashMap<>(ops.size() * 2);
        Map<Long, Integer> newBySeq = new HashMap<>(ops.size() * 2);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            String opId = op.opId();
            long seq = op.seq();
            Stored stored = known.get(opId);
            if (stored != null) {
                if (!stored.office().equals(office) || !stored.terminal().equals(terminal) || !stored.body().equals(op.body())) {
                    return IngestAnswer.error(422, "OP_ID_REUSED", "opId " + opId + " was received before with a different body");
                }
                continue;
            }
            Integer earlier = newByOpId.get(opId);
            if (earlier != null) {
                if (!ops.get(earlier).body().equals(op.body())) {
                    return IngestAnswer.error(422, "OP_ID_REUSED", "opId " + opId + " appears twice with different bodies");
                }
                continue;
            }
            if (seq <= acked || newBySeq.containsKey(seq)) {
                return seqError("SEQ_REUSED", acked, "seq " + seq + " is already taken by another opId");
            }
            newByOpId.put(opId, i);
            newBySeq.put(seq, i);
        }
        for (long s = acked + 1; s <= acked + newBySeq.size(); s++) {
            if (!newBySeq.containsKey(s)) {
                return seqError("SEQ_GAP", acked, "expected seq " + (acked + 1) + " and no gaps");
            }
        }
        Instant now = clock.instant();
        // The JST date of the batch's instant, once per batch (LocalDate.now per application showed up on the writer).
        String today = jp.madoguchi.sim.central.pki.ValidityRules.today(Clock.fixed(now, java.time.ZoneOffset.UTC)).toString();
        Map<String, Outcome> results = new HashMap<>(newBySeq.size() * 2);
        Map<String, Card> cards = new HashMap<>();
        for (long s = acked + 1; s <= acked + newBySeq.size(); s++) {
            Op op = ops.get(newBySeq.get(s));
            Outcome outcome = apply(c, cards, office, officeType, terminal, op, now, today);
            if (!LEAVES_CARDS_ALONE.contains(op.type())) {
                cards.clear();
            }
            insertOperation(c, office, terminal, op, outcome, now);
            results.put(op.opId(), outcome);
        }
        long newAcked = acked + newBySeq.size();
        if (!newBySeq.isEmpty()) {
            setAckedSeq(c, office, terminal, newAcked);
        }
        return new Accepted(newAcked, known, results);
    }

    /**
     * The 200 body, written as text in the batch's order (item 15): a batch of 500 answered through a
     * tree of 500 small objects cost the writer thread more than the inserts did.
     */
    private static IngestAnswer answer(List<Op> ops, Accepted accepted) {
        StringBuilder out = new StringBuilder(64 + ops.size() * 80);
        out.append("{\"ackedSeq\":").append(accepted.ackedSeq()).append(",\"results\":[");
        Set<String> answeredNew = new HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String opId = ops.get(i).opId();
            Stored stored = accepted.known().get(opId);
            if (stored != null) {
                duplicate(opId, stored.outcome(), stored.reason(), stored.caseId(), stored.cardStatusVersion(), out);
            } else if (!answeredNew.add(opId)) {
                Outcome first = accepted.results().get(opId);
                duplicate(opId, first.outcome, first.reason, first.caseId, first.cardStatusVersion, out);
            } else {
                accepted.results().get(opId).appendJson(opId, out);
            }
        }
        return IngestAnswer.text(200, out.append("]}").toString());
    }

    private static IngestAnswer seqError(String code, long acked, String message) {
        IngestAnswer a = IngestAnswer.error(409, code, message);
        a.body().put("expectedSeq", acked + 1);
        return a;
    }

    /** Item 4: a replay repeats the first answer. */
    private static void duplicate(String opId, String originalOutcome, String reason, String caseId, Long cardStatusVersion,
            StringBuilder out) {
        out.append("{\"opId\":");
        Json.quote(opId, out);
        out.append(",\"outcome\":\"DUPLICATE\",\"originalOutcome\":");
        Json.quote(originalOutcome, out);
        if (reason != null) {
            out.append(",\"reason\":");
            Json.quote(reason, out);
        }
        if (caseId != null) {
            out.append(",\"caseId\":");
            Json.quote(caseId, out);
        }
        if (cardStatusVersion != null) {
            out.append(",\"cardStatusVersion\":").append(cardStatusVersion.longValue());
        }
        out.append('}');
    }

    private static long ackedSeq(Connection c, String office, String terminal) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT acked_seq FROM terminal WHERE office_code = ? AND terminal_id = ?")) {
            s.setString(1, office);
            s.setString(2, terminal);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void setAckedSeq(Connection c, String office, String terminal, long acked) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO terminal (office_code, terminal_id, acked_seq) VALUES (?, ?, ?)"
                + " ON CONFLICT (office_code, terminal_id) DO UPDATE SET acked_seq = excluded.acked_seq")) {
            s.setString(1, office);
            s.setString(2, terminal);
            s.setLong(3, acked);
            s.executeUpdate();
        }
    }

    /** Every already-stored op of the batch, in one query (one B-tree probe per opId, one statement). */
    private static Map<String, Stored> storedAll(Connection c, List<Op> ops) throws SQLException {
        Map<String, Stored> found = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT op_id, office_code, terminal_id, seq, body, outcome, reason, case_id,"
                + " card_status_version FROM operation WHERE op_id IN (");
        for (int i = 0; i < ops.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        PreparedStatement s = CentralDatabase.direct(c, sql.append(')').toString());
        for (int i = 0; i < ops.size(); i++) {
            s.setString(i + 1, ops.get(i).opId());
        }
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long v = rs.getLong(9);
                Long version = rs.wasNull() ? null : v;
                found.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), version));
            }
        }
        return found;
    }

    private static Stored stored(Connection c, String opId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT office_code, terminal_id, seq, body, outcome, reason, case_id,"
                + " card_status_version FROM operation WHERE op_id = ?")) {
            s.setString(1, opId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long v = rs.getLong(8);
                Long version = rs.wasNull() ? null : v;
                return new Stored(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), version);
            }
        }
    }

    /** Every parameter is set on each call ({@link CentralDatabase#direct}). */
    private static void insertOperation(Connection c, String office, String terminal, Op op, Outcome o, Instant now)
            throws SQLException {
        PreparedStatement s = CentralDatabase.direct(c, "INSERT INTO operation (op_id, office_code, terminal_id, seq, type, body,"
                + " outcome, reason, case_id, card_status_version, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.setString(1, op.opId());
        s.setString(2, office);
        s.setString(3, terminal);
        s.setLong(4, op.seq());
        s.setString(5, op.type());
        s.setString(6, op.body());
        s.setString(7, o.outcome);
        s.setString(8, o.reason);
        s.setString(9, o.caseId);
        if (o.cardStatusVersion == null) {
            s.setNull(10, java.sql.Types.INTEGER);
        } else {
            s.setLong(10, o.cardStatusVersion);
        }
        s.setLong(11, now.toEpochMilli());
        s.executeUpdate();
    }

    /** The result of one operation. */
    private static final class Outcome {
        final String outcome;
        final String reason;
        String caseId;
        Long cardStatusVersion;

        Outcome(String outcome, String reason, Long cardStatusVersion) {
            this.outcome = outcome;
            this.reason = reason;
            this.cardStatusVersion = cardStatusVersion;
        }

        static Outcome applied(Card card) {
            return new Outcome("APPLIED", null, card == null ? null : card.version());
        }

        static Outcome rejected(String reason) {
            return new Outcome("REJECTED", reason, null);
        }

        static Outcome conflict(String reason, Card card) {
            return new Outcome("APPLIED_WITH_CONFLICT", reason, card == null ? null : card.version());
        }

        void appendJson(String opId, StringBuilder out) {
            out.append("{\"opId\":");
            Json.quote(opId, out);
            out.append(",\"outcome\":");
            Json.quote(outcome, out);
            if (reason != null) {
                out.append(",\"reason\":");
                Json.quote(reason, out);
            }
            if (cardStatusVersion != null) {
                out.append(",\"cardStatusVersion\":").append(cardStatusVersion.longValue());
            }
            if (caseId != null) {
                out.append(",\"caseId\":");
                Json.quote(caseId, out);
            }
            out.append('}');
        }
    }

    /**
     * The per-op reasons that depend on the operation and the office type alone, in item 15's order
     * (unknown type, missing payload or field, then NOT_PERMITTED before any card lookup); null when
     * none applies. Pure, so the request thread computes it before the batch is queued: on the writer
     * thread these payload lookups were a quarter of its Java samples (JFR, warm pass).
     */
    private static String rejection(String type, JsonNode payload, String officeType) {
        List<String> required = REQUIRED.get(type);
        if (required == null) {
            return "UNKNOWN_TYPE";
        }
        if (payload == null || !payload.isObject()) {
            return "MISSING_FIELD";
        }
        for (String f : required) {
            if (!payload.hasNonNull(f)) {
                return "MISSING_FIELD";
            }
        }
        if (("POST_OFFICE".equals(officeType) && !POST_OFFICE_ALLOWED.contains(type))
                || ("MISSION".equals(officeType) && MISSION_FORBIDDEN.contains(type))) {
            return "NOT_PERMITTED";
        }
        return null;
    }

    private Outcome apply(Connection c, Map<String, Card> cards, String office, String officeType, String terminal, Op op, Instant now,
            String today) throws SQLException {
        if (op.rejection() != null) {
            return Outcome.rejected(op.rejection());
        }
        String type = op.type();
        JsonNode p = op.payload();
        Outcome o = switch (type) {
            case "AUDIT_HEAD" -> Outcome.applied(null);
            case "OPERATION_VOIDED" -> stored(c, p.get("voidedOpId").asText()) == null
                    ? Outcome.rejected("UNKNOWN_OPERATION") : Outcome.applied(null);
            case "APPLICATION_SUBMITTED" -> applicationSubmitted(c, office, p, today);
            default -> cardOperation(c, cards, office, officeType, type, p, now);
        };
        if ("APPLIED_WITH_CONFLICT".equals(o.outcome)) {
            o.caseId = CentralRecords.openCase(c, office, op.opId(), terminal, op.seq(), type,
                    p.path("cardSerial").asText(null), o.reason, now);
        }
        return o;
    }

    /** The simulated J-LIS receives the application at once (申請受付) and says so on the feed. */
    private static Outcome applicationSubmitted(Connection c, String office, JsonNode p, String today) throws SQLException {
        return CentralRecords.insertReceivedApplication(c, p.get("applicationId").asText(), office, p.get("kind").asText(),
                p.get("express").asBoolean(), today) ? Outcome.applied(null) : Outcome.rejected("APPLICATION_EXISTS");
    }

    /**
     * {@code cards} holds the card rows this batch already read (a batch often carries many operations
     * on few cards); the caller empties it after any operation that may change a card.
     */
    private Outcome cardOperation(Connection c, Map<String, Card> cards, String office, String officeType, String type, JsonNode p,
            Instant now) throws SQLException {
        String serial = p.get("cardSerial").asText();
        Card card = cards.containsKey(serial) ? cards.get(serial) : CentralRecords.card(c, serial);
        cards.put(serial, card);
        if (card == null) {
            return Outcome.rejected("UNKNOWN_CARD");
        }
        if ("MISSION".equals(officeType) && !card.overseas() && !"APPLICATION_SUBMITTED".equals(type)) {
            return Outcome.rejected("NOT_PERMITTED");
        }
        String status = card.status();
        switch (type) {
            case "DELIVERY_COMPLETED":
                return delivery(c, office, officeType, card, p, now);
            case "PIN_RESET", "PIN_CHANGED":
                return onLiveCard(card);
            case "CERT_RENEWED", "CERT_ISSUED": {
                Cert cert = CentralRecords.certBySerial(c, p.get("certSerial").asText());
                if (cert == null || !cert.cardSerial().equals(card.serial()) || !cert.kind().equals(p.get("kind").asText())) {
                    return Outcome.rejected("UNKNOWN_CERTIFICATE");
                }
                return Outcome.applied(card);
            }
            case "CERT_ISSUE_ABORTED": {
                Cert cert = CentralRecords.certBySerial(c, p.get("certSerial").asText());
                if (cert == null || !cert.cardSerial().equals(card.serial())) {
                    return Outcome.rejected("UNKNOWN_CERTIFICATE");
                }
                if (CentralRecords.isLive(cert)) {
                    CentralRecords.changeCert(c, card.office(), cert, "REVOKED", "ISSUE_ABORTED", now);
                }
                return Outcome.applied(card);
            }
            case "SUSPENSION_LIFTED": {
                if ("REVOKED".equals(status)) {
                    return Outcome.rejected("CARD_REVOKED");
                }
                if (!"SUSPENDED".equals(status)) {
                    return Outcome.rejected("CARD_NOT_SUSPENDED");
                }
                Card lifted = CentralRecords.changeCard(c, card, "ACTIVE", null, null);
                for (Cert cert : CentralRecords.certs(c, card.serial())) {
                    if ("ON_HOLD".equals(cert.status()) && "AUTH".equals(cert.kind())) {
                        CentralRecords.changeCert(c, card.office(), cert, "VALID", null, now);
                    } else if (CentralRecords.isLive(cert) && "SIGN".equals(cert.kind())) {
                        CentralRecords.changeCert(c, card.office(), cert, "REVOKED", "SUSPENSION", now);
                    }
                }
                return Outcome.applied(lifted);
            }
            case "LOSS_REPORTED":
                return revokeOnRequest(c, card, "LOST", now);
            case "CARD_RETURNED":
                return revokeOnRequest(c, card, "RETURNED", now);
            case "OLD_CARD_COLLECTED": {
                if ("MY_NUMBER_CARD".equals(p.get("item").asText()) && p.hasNonNull("itemSerial")) {
                    Card old = CentralRecords.card(c, p.get("itemSerial").asText());
                    if (old != null && !"REVOKED".equals(old.status()) && !old.serial().equals(card.serial())) {
                        CentralRecords.changeCard(c, old, "REVOKED", "REPLACED", null);
                        CentralRecords.revokeCerts(c, old.office(), old.serial(), null, "CARD_REVOKED", now);
                    }
                }
                return Outcome.applied(card);
            }
            case "CARD_ANNOTATED", "CONTINUED_USE_REGISTERED", "VALIDITY_EXTENDED", "OVERSEAS_CONVERTED", "FACE_AUTH_SWITCHED":
                return attributeChange(c, card, type, p, now);
            case "CARD_RECEIVED_AT_OFFICE":
                return applicationStep(c, card, Set.of("SHIPPED"), "AT_OFFICE");
            case "CARD_DEFECT_REPORTED":
                return applicationStep(c, card, Set.of("AT_OFFICE"), "DEFECTIVE");
            case "NOTICE_SENT":
                return applicationStep(c, card, Set.of("AT_OFFICE", "NOTIFIED"), "NOTIFIED");
            case "RENOTICE_SENT":
                return applicationStep(c, card, Set.of("NOTIFIED", "RENOTIFIED"), "RENOTIFIED");
            case "UNCLAIMED_DESTROYED": {
                if (!"ISSUED".equals(status)) {
                    return Outcome.rejected("CARD_NOT_UNCLAIMED");
                }
                Outcome step = applicationStep(c, card, Set.of("NOTIFIED", "RENOTIFIED", "AT_OFFICE"), "DESTROYED");
                if (!"APPLIED".equals(step.outcome)) {
                    return step;
                }
                Card revoked = CentralRecords.changeCard(c, card, "REVOKED", "UNCLAIMED", null);
                CentralRecords.revokeCerts(c, card.office(), card.serial(), null, "CARD_REVOKED", now);
                return Outcome.applied(revoked);
            }
            default:
                return Outcome.rejected("UNKNOWN_TYPE");
        }
    }

    /** PR-25: delivery activates the card and releases its held certificates, unless central moved meanwhile. */
    private Outcome delivery(Connection c, String office, String officeType, Card card, JsonNode p, Instant now) throws SQLException {
        if ("MUNICIPAL".equals(officeType) && !card.office().equals(office)) {
            return Outcome.rejected("WRONG_OFFICE");
        }
        switch (card.status()) {
            case "ISSUED": {
                Card active = CentralRecords.changeCard(c, card, "ACTIVE", null, null);
                for (Cert cert : CentralRecords.certs(c, card.serial())) {
                    if ("ON_HOLD".equals(cert.status()) && "PENDING_DELIVERY".equals(cert.reason())) {
                        CentralRecords.changeCert(c, card.office(), cert, "VALID", null, now);
                    }
                }
                Application app = card.applicationId() == null ? null : CentralRecords.application(c, card.applicationId());
                if (app != null && !"DELIVERED".equals(app.status())) {
                    CentralRecords.changeApplication(c, app, "DELIVERED", null, "APPLICATION_STATUS_CHANGED");
                }
                return Outcome.applied(active);
            }
            case "SUSPENDED": {
                for (Cert cert : CentralRecords.certs(c, card.serial())) {
                    if ("ON_HOLD".equals(cert.status()) && "PENDING_DELIVERY".equals(cert.reason())) {
                        CentralRecords.changeCert(c, card.office(), cert, "ON_HOLD", "CARD_SUSPENDED", now);
                    }
                }
                return Outcome.conflict("CARD_SUSPENDED", card);
            }
            case "REVOKED":
                CentralRecords.revokeCerts(c, card.office(), card.serial(), null, "CARD_REVOKED", now);
                return Outcome.conflict("CARD_REVOKED", card);
            default:
                return Outcome.conflict("ALREADY_DELIVERED", card);
        }
    }

    /** A queued PIN operation done offline on a card that central has since suspended or revoked. */
    private static Outcome onLiveCard(Card card) {
        return switch (card.status()) {
            case "ACTIVE" -> Outcome.applied(card);
            case "SUSPENDED" -> Outcome.conflict("CARD_SUSPENDED", card);
            case "REVOKED" -> Outcome.conflict("CARD_REVOKED", card);
            default -> Outcome.rejected("CARD_NOT_ACTIVE");
        };
    }

    private static Outcome revokeOnRequest(Connection c, Card card, String reason, Instant now) throws SQLException {
        if ("REVOKED".equals(card.status())) {
            return Outcome.applied(card);
        }
        if ("ISSUED".equals(card.status())) {
            return Outcome.rejected("CARD_NOT_ACTIVE");
        }
        Card revoked = CentralRecords.changeCard(c, card, "REVOKED", reason, null);
        CentralRecords.revokeCerts(c, card.office(), card.serial(), null, "CARD_REVOKED", now);
        return Outcome.applied(revoked);
    }

    private static Outcome attributeChange(Connection c, Card card, String type, JsonNode p, Instant now) throws SQLException {
        if (!"ACTIVE".equals(card.status())) {
            return Outcome.rejected("REVOKED".equals(card.status()) ? "CARD_REVOKED" : "CARD_NOT_ACTIVE");
        }
        ObjectNode attrs = Json.object();
        boolean revokeSign = false;
        boolean revokeAll = false;
        switch (type) {
            case "VALIDITY_EXTENDED" -> attrs.put("validTo", p.get("validTo").asText());
            case "OVERSEAS_CONVERTED" -> {
                attrs.put("overseas", true).put("departureDate", p.get("departureDate").asText());
                revokeAll = true;
            }
            case "FACE_AUTH_SWITCHED" -> {
                attrs.put("faceAuth", true);
                revokeSign = true;
            }
            default -> {
                attrs.set("changedItems", p.get("changedItems"));
                for (JsonNode item : p.get("changedItems")) {
                    revokeSign |= SIGN_REVOKING_ITEMS.contains(item.asText());
                }
            }
        }
        Card changed = CentralRecords.changeCard(c, card, "ACTIVE", null, attrs);
        if (revokeAll) {
            CentralRecords.revokeCerts(c, card.office(), card.serial(), null, "OVERSEAS_CONVERSION", now);
        } else if (revokeSign) {
            CentralRecords.revokeCerts(c, card.office(), card.serial(), "SIGN",
                    "FACE_AUTH_SWITCHED".equals(type) ? "FACE_AUTH" : "NAME_OR_ADDRESS_CHANGED", now);
        }
        return Outcome.applied(changed);
    }

    private static Outcome applicationStep(Connection c, Card card, Set<String> from, String to) throws SQLException {
        Application app = card.applicationId() == null ? null : CentralRecords.application(c, card.applicationId());
        if (app == null) {
            return Outcome.rejected("UNKNOWN_APPLICATION");
        }
        if (!from.contains(app.status())) {
            return Outcome.rejected("INVALID_TRANSITION");
        }
        CentralRecords.changeApplication(c, app, to, null, "APPLICATION_STATUS_CHANGED");
        return Outcome.applied(card);
    }
}
