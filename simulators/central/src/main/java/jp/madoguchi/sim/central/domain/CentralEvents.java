package jp.madoguchi.sim.central.domain;

import java.time.Clock;
import jp.madoguchi.sim.central.domain.CentralRecords.Card;
import jp.madoguchi.sim.central.domain.CentralRecords.Cert;
import jp.madoguchi.sim.central.store.CentralDatabase;

/**
 * Central-side events that do not come from a workstation (counter-rules §4 source CC/CF): a
 * suspension through the 24-hour loss line, a revocation by J-LIS. Used by the admin port for
 * drills and tests. Thread-safe (each call is one writer transaction).
 */
public final class CentralEvents {

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
            return new IngestAnswer(200, jp.madoguchi.sim.central.Json.object().put("cardSerial", cardSerial)
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
            return new IngestAnswer(200, jp.madoguchi.sim.central.Json.object().put("cardSerial", cardSerial)
                    .put("status", "REVOKED").put("version", revoked.version()));
        });
    }
}
