package jp.madoguchi.sim.central.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.madoguchi.sim.central.Json;
import jp.madoguchi.sim.central.domain.CentralRecords.Card;
import jp.madoguchi.sim.central.domain.CentralRecords.Cert;
import jp.madoguchi.sim.central.pki.ValidityRules;
import jp.madoguchi.sim.central.store.CentralDatabase;

/**
 * Central-side events that do not come from a workstation (counter-rules §4 source CC/CF): a
 * suspension through the 24-hour loss line, a revocation by J-LIS. Used by the admin port for
 * drills and tests. Thread-safe (each call is one writer transaction).
 */
public final class CentralEvents {

    /** The central transitions of an application (counter-rules §4.1, source CF), as {from states → to}. */
    private static final Map<String, Set<String>> APPLICATION_FROM = Map.of(
            "RECEIVED", Set.of("SUBMITTED", "DEFECT_RETURNED"),
            "DEFECT_RETURNED", Set.of("RECEIVED"),
            "CANCELLED", Set.of("SUBMITTED", "RECEIVED", "DEFECT_RETURNED"),
            "VOID", Set.of("SUBMITTED", "RECEIVED", "DEFECT_RETURNED"),
            "ISSUED", Set.of("RECEIVED"),
            "DELIVERED_BY_POST", Set.of("ISSUED"));

    private final CentralDatabase db;
    private final Clock clock;

    public CentralEvents(CentralDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** ACTIVE or ISSUED → SUSPENDED; live certificates → ON_HOLD (CARD_SUSPENDED). Returns the new version or an error code. */
    public IngestAnswer suspend(String cardSerial) throws Exception {
        return db.write(c -> {
            Card card = CentralRecords.card(c, cardSerial);
            if (card == null) {
                return IngestAnswer.error(404, "CARD_NOT_FOUND", "no card " + cardSerial);
            }
            if (!"ACTIVE".equals(card.status()) && !"ISSUED".equals(card.status())) {
                return IngestAnswer.error(409, "CARD_NOT_ACTIVE", "card " + cardSerial + " is " + card.status());
            }
            Card suspended = CentralRecords.changeCard(c, card, "SUSPENDED", "LOSS_CALL", null);
            for (Cert cert : CentralRecords.certs(c, cardSerial)) {
                if ("VALID".equals(cert.status())) {
                    CentralRecords.changeCert(c, card.office(), cert, "ON_HOLD", "CARD_SUSPENDED", clock.instant());
                }
            }
            return new IngestAnswer(200, Json.object().put("cardSerial", cardSerial)
                    .put("status", "SUSPENDED").put("version", suspended.version()));
        });
    }

    /** Any → REVOKED with {@code reason}; every live certificate is revoked too. */
    public IngestAnswer revoke(String cardSerial, String reason) throws Exception {
        return db.write(c -> {
            Card card = CentralRecords.card(c, cardSerial);
            if (card == null) {
                return IngestAnswer.error(404, "CARD_NOT_FOUND", "no card " + cardSerial);
            }
            if ("REVOKED".equals(card.status())) {
                return IngestAnswer.error(409, "CARD_REVOKED", "card " + cardSerial + " is already revoked");
            }
            Card revoked = CentralRecords.changeCard(c, card, "REVOKED", reason, null);
            CentralRecords.revokeCerts(c, card.office(), cardSerial, null, "CARD_REVOKED", clock.instant());
            return new IngestAnswer(200, Json.object().put("cardSerial", cardSerial)
                    .put("status", "REVOKED").put("version", revoked.version()));
        });
    }

    /**
     * J-LIS posted its expiry notice (EXPIRY_NOTICE_SENT, counter-rules §6.5): lists the card's and
     * its live certificates' expiry dates with the resident summary.
     */
    public IngestAnswer expiryNotice(String cardSerial) throws Exception {
        return db.write(c -> {
            Card card = CentralRecords.card(c, cardSerial);
            if (card == null) {
                return IngestAnswer.error(404, "CARD_NOT_FOUND", "no card " + cardSerial);
            }
            ObjectNode e = Json.object()
                    .put("type", "EXPIRY_NOTICE_SENT").put("cardSerial", cardSerial);
            ArrayNode items = e.putArray("items");
            items.add(Json.object().put("item", "CARD").put("expiresOn", card.validTo()));
            for (Cert cert : CentralRecords.certs(c, cardSerial)) {
                if (CentralRecords.isLive(cert)) {
                    items.add(Json.object().put("item", cert.kind()).put("expiresOn",
                            Instant.ofEpochMilli(cert.notAfterMillis()).atZone(ValidityRules.JST)
                                    .toLocalDate().toString()));
                }
            }
            e.put("sentOn", ValidityRules.today(clock).toString());
            e.set("resident", card.resident());
            CentralRecords.appendFeed(c, card.office(), e);
            long id = CentralRecords.lastFeedEventId(c);
            return new IngestAnswer(200, Json.object().put("eventId", id));
        });
    }

    /**
     * The end of validity (counter-rules §4.3 and §4.2, source CF): every VALID or ON_HOLD certificate
     * whose notAfter has passed becomes EXPIRED (terminal, like REVOKED), and every ACTIVE or SUSPENDED
     * card whose validTo (JST calendar date, inclusive) has passed becomes REVOKED with reason EXPIRED,
     * its remaining live certificates revoked. Each change bumps the version and emits its feed event
     * in one transaction. Answers {@code {certificatesExpired, cardsExpired}}; running it again changes
     * nothing. The server runs it every minute; the admin port runs it on demand.
     */
    public IngestAnswer expire() throws Exception {
        return db.write(c -> {
            Instant now = clock.instant();
            int certs = 0;
            for (Cert cert : CentralRecords.liveCertsEndedBefore(c, now.toEpochMilli())) {
                Card card = CentralRecords.card(c, cert.cardSerial());
                CentralRecords.changeCert(c, card.office(), cert, "EXPIRED", null, now);
                certs++;
            }
            int cards = 0;
            for (String serial : CentralRecords.liveCardsValidBefore(c, ValidityRules.today(clock).toString())) {
                Card card = CentralRecords.card(c, serial);
                CentralRecords.changeCard(c, card, "REVOKED", "EXPIRED", null);
                CentralRecords.revokeCerts(c, card.office(), serial, null, "CARD_REVOKED", now);
                cards++;
            }
            return new IngestAnswer(200, Json.object().put("certificatesExpired", certs).put("cardsExpired", cards));
        });
    }

    /**
     * J-LIS moves an application (counter-rules §4.1 rows marked CF): received or received again after
     * resubmission (APPLICATION_RECEIVED), returned for a defect in photo or form (APPLICATION_DEFECT,
     * {@code reason} e.g. PHOTO or FORM), cancelled, void, issued, delivered by post
     * (APPLICATION_STATUS_CHANGED). A move the table does not allow is 409 INVALID_TRANSITION.
     */
    public IngestAnswer moveApplication(String applicationId, String status, String reason) throws Exception {
        Set<String> from = status == null ? null : APPLICATION_FROM.get(status);
        if (from == null) {
            return IngestAnswer.error(400, "BAD_STATUS", "status must be one of " + new TreeSet<>(APPLICATION_FROM.keySet()));
        }
        return db.write(c -> {
            CentralRecords.Application app = CentralRecords.application(c, applicationId);
            if (app == null) {
                return IngestAnswer.error(404, "UNKNOWN_APPLICATION", "no application " + applicationId);
            }
            if (!from.contains(app.status())) {
                return IngestAnswer.error(409, "INVALID_TRANSITION", "application " + applicationId + " is " + app.status());
            }
            String event = switch (status) {
                case "DEFECT_RETURNED" -> "APPLICATION_DEFECT";
                case "RECEIVED" -> "APPLICATION_RECEIVED";
                default -> "APPLICATION_STATUS_CHANGED";
            };
            String why = "DEFECT_RETURNED".equals(status) && reason == null ? "FORM" : reason;
            CentralRecords.Application moved = CentralRecords.changeApplication(c, app, status, why, event);
            return new IngestAnswer(200, Json.object().put("applicationId", applicationId).put("status", status)
                    .put("version", moved.version()).put("eventId", CentralRecords.lastFeedEventId(c)));
        });
    }

    /** Office configuration from central (OFFICE_CONFIG_CHANGED: capabilities PR-02, maintenance days PR-49). */
    public IngestAnswer officeConfig(String office, JsonNode body) throws Exception {
        if (!body.path("capabilities").isArray() && !body.path("maintenanceDays").isArray()) {
            return IngestAnswer.error(400, "MISSING_FIELD", "capabilities or maintenanceDays (arrays) are required");
        }
        return db.write(c -> {
            ObjectNode e = Json.object().put("type", "OFFICE_CONFIG_CHANGED");
            if (body.path("capabilities").isArray()) {
                e.set("capabilities", body.get("capabilities"));
            }
            if (body.path("maintenanceDays").isArray()) {
                e.set("maintenanceDays", body.get("maintenanceDays"));
            }
            CentralRecords.appendFeed(c, office, e);
            long id = CentralRecords.lastFeedEventId(c);
            return new IngestAnswer(200, Json.object().put("eventId", id));
        });
    }
}
