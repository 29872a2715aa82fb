package jp.madoguchi.app.counter.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardLifeCycle;
import jp.madoguchi.app.counter.domain.CardRevocationReason;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.CardType;
import jp.madoguchi.app.counter.domain.CertHoldReason;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CertRevocationReason;
import jp.madoguchi.app.counter.domain.CertStatus;
import jp.madoguchi.app.counter.domain.Certificate;
import jp.madoguchi.cache.CachedCard;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * A card as the read cache knows it, folded from its feed events (CARD_SHIPPED, then CARD_STATUS_CHANGED
 * and CERT_STATUS_CHANGED in central order) into the counter's domain types. The cached status and its
 * version (the outbox's {@code basedOn}) come from the cache's own row, which only ever moves forward.
 *
 * @param card         the card with its central status
 * @param certificates the latest word on each certificate kind
 * @param birthDate    the holder's birth date (resident summary of CARD_SHIPPED)
 * @param japaneseNational whether the holder is a Japanese national (the summary has no {@code foreignResident} flag)
 */
public record CardRecord(Card card, Map<CertKind, Certificate> certificates, LocalDate birthDate, boolean japaneseNational) {

    public CardRecord {
        certificates = Map.copyOf(certificates);
    }

    /** A record of a Japanese national's card. */
    public CardRecord(Card card, Map<CertKind, Certificate> certificates, LocalDate birthDate) {
        this(card, certificates, birthDate, true);
    }

    /**
     * The record of {@code serial}, or MDG-CARD-010 when the cache has none and MDG-FLOW-005 when it has
     * a status but never saw the card shipped. Runs on the caller's thread (the cache has its own).
     */
    public static CardRecord load(ReadCache cache, String officeCode, String serial) {
        return find(cache, officeCode, serial).orElseThrow(() -> new MadoguchiException(CounterFailure.CARD_NOT_IN_STOCK));
    }

    /**
     * The record, if this office's feed ever named the card. The read cache holds only this office's
     * feed, so a card found there is in this office's stock and its holder is served here.
     */
    public static Optional<CardRecord> find(ReadCache cache, String officeCode, String serial) {
        return cache.card(serial).map(c -> fold(officeCode, serial, c, cache.events(serial)));
    }

    /**
     * As {@link #find(ReadCache, String, String)}, over the card's feed events the caller has already
     * read from the cache (the card panel reads them once for the holder and the record).
     */
    public static Optional<CardRecord> find(ReadCache cache, String officeCode, String serial, List<JsonNode> events) {
        return cache.card(serial).map(c -> fold(officeCode, serial, c, events));
    }

    static CardRecord fold(String officeCode, String serial, CachedCard cached, List<JsonNode> events) {
        JsonNode shipped = null;
        Map<CertKind, Certificate> certs = new EnumMap<>(CertKind.class);
        Optional<LocalDate> deliveredOn = Optional.empty();
        Optional<CardRevocationReason> revocation = Optional.empty();
        // Attributes that change without a state change (counter-rules §4.2): the overseas flag and
        // departure date (国外転出者向けカード), and the face-auth switch; the latest event wins.
        boolean overseas = false;
        Optional<LocalDate> departure = Optional.empty();
        boolean faceAuth = false;
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            if (type.equals("CARD_SHIPPED") || type.equals("CARD_STATUS_CHANGED")) {
                overseas = e.path("overseas").asBoolean(overseas);
                faceAuth = e.path("faceAuth").asBoolean(faceAuth);
                if (e.hasNonNull("departureDate")) {
                    departure = Optional.of(LocalDate.parse(e.path("departureDate").asText()));
                }
            }
            switch (type) {
                case "CARD_SHIPPED" -> shipped = e;
                case "CARD_STATUS_CHANGED" -> {
                    if ("REVOKED".equals(e.path("status").asText())) {
                        revocation = revocationReason(e.path("reason").asText(""));
                    }
                    if ("ACTIVE".equals(e.path("status").asText()) && deliveredOn.isEmpty() && e.has("deliveredOn")) {
                        deliveredOn = Optional.of(LocalDate.parse(e.path("deliveredOn").asText()));
                    }
                }
                case "CERT_STATUS_CHANGED" -> certificate(e).ifPresent(c -> {
                    Certificate old = certs.get(c.kind());
                    if (old == null || old.serialHex().equals(c.serialHex()) || c.status() != CertStatus.REVOKED) {
                        certs.put(c.kind(), c);
                    }
                });
                default -> { }
            }
        }
        if (shipped == null) {
            throw new MadoguchiException(WorkflowFailure.RECORD_INCOMPLETE, Map.of());
        }
        CardStatus status = CardStatus.valueOf(cached.status());
        if (status == CardStatus.REVOKED && revocation.isEmpty()) {
            revocation = Optional.of(CardRevocationReason.LOST);
        }
        if (status != CardStatus.REVOKED) {
            revocation = Optional.empty();
        }
        JsonNode resident = shipped.path("resident");
        LocalDate received = LocalDate.parse(shipped.path("applicationReceivedOn").asText());
        LocalDate issued = LocalDate.parse(shipped.path("issuedOn").asText(shipped.path("shippedOn").asText()));
        Card card = new Card(serial, shipped.path("applicationId").asText(), officeCode, officeCode,
                status == CardStatus.ISSUED ? CardLifeCycle.TRANSPORT : CardLifeCycle.OPERATIONAL, status, revocation,
                cached.version(), faceAuth ? CardType.FACE_AUTH : CardType.PIN, received, issued.isBefore(received) ? received : issued,
                LocalDate.parse(shipped.path("validTo").asText()), overseas, departure,
                shipped.path("pinsPreset").asBoolean(false), deliveredOn);
        return new CardRecord(card, certs, LocalDate.parse(resident.path("birthDate").asText()),
                !resident.path("foreignResident").asBoolean(false));
    }

    private static Optional<Certificate> certificate(JsonNode e) {
        try {
            CertKind kind = CertKind.valueOf(e.path("kind").asText());
            CertStatus status = CertStatus.valueOf(e.path("status").asText());
            String reason = e.path("reason").asText("");
            Optional<CertHoldReason> hold = status == CertStatus.ON_HOLD
                    ? Optional.of(reason.equals("CARD_SUSPENDED") ? CertHoldReason.CARD_SUSPENDED : CertHoldReason.PENDING_DELIVERY)
                    : Optional.empty();
            Optional<CertRevocationReason> revoked = status == CertStatus.REVOKED
                    ? Optional.of(certRevocation(reason)) : Optional.empty();
            return Optional.of(new Certificate(kind, e.path("certSerial").asText(), Instant.parse(e.path("notAfter").asText()),
                    status, hold, revoked, e.path("version").asLong()));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    private static CertRevocationReason certRevocation(String reason) {
        for (CertRevocationReason r : CertRevocationReason.values()) {
            if (r.name().equals(reason)) {
                return r;
            }
        }
        return CertRevocationReason.CARD_REVOKED;
    }

    private static Optional<CardRevocationReason> revocationReason(String reason) {
        for (CardRevocationReason r : CardRevocationReason.values()) {
            if (r.name().equals(reason)) {
                return Optional.of(r);
            }
        }
        return Optional.of(CardRevocationReason.LOST);
    }

    /** The certificates the counter may still count on (not revoked or expired). */
    public List<Certificate> liveCertificates() {
        List<Certificate> live = new ArrayList<>();
        certificates.values().forEach(c -> {
            if (!c.status().isTerminal()) {
                live.add(c);
            }
        });
        return live;
    }
}
