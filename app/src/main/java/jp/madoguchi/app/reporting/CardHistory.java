package jp.madoguchi.app.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.cache.CachedCard;
import jp.madoguchi.reports.model.Kinds.RenewalTarget;

/**
 * One card as this office's feed told it, folded in central order (sync-protocol "Types"): the
 * resident summary (the newest one carried by CARD_SHIPPED or EXPIRY_NOTICE_SENT), the card's expiry
 * (CARD_SHIPPED, moved by a CARD_STATUS_CHANGED that carries {@code validTo}), every certificate ever
 * announced with its latest status, and J-LIS's expiry notices. The status is the cache's own row,
 * which only moves forward by version.
 *
 * @param revocationReason the reason of the last CARD_STATUS_CHANGED to REVOKED, or null
 */
record CardHistory(String cardSerial, String status, String revocationReason, LocalDate validTo, JsonNode resident,
                   List<Certificate> certificates, List<ExpiryNotice> notices) {

    /** One certificate (by serial) with the latest word on it. */
    record Certificate(RenewalTarget kind, String serial, Instant notAfter, String status, String reason) {
    }

    /** J-LIS's expiry notice: when it was posted and the expiry date of each item it named. */
    record ExpiryNotice(LocalDate sentOn, Map<RenewalTarget, LocalDate> items) {
    }

    /** The history, or empty when the feed never shipped the card (no holder, no expiry to go by). */
    static Optional<CardHistory> fold(CachedCard cached, List<JsonNode> events) {
        JsonNode resident = null;
        LocalDate validTo = null;
        String revocation = null;
        Map<String, Certificate> certs = new LinkedHashMap<>();
        List<ExpiryNotice> notices = new ArrayList<>();
        for (JsonNode e : events) {
            switch (e.path("type").asText()) {
                case "CARD_SHIPPED" -> {
                    resident = e.path("resident").isObject() ? e.get("resident") : resident;
                    validTo = date(e.path("validTo")).orElse(validTo);
                    for (JsonNode c : e.path("certificates")) {
                        certificate(c, "ON_HOLD").ifPresent(cert -> certs.putIfAbsent(cert.serial(), cert));
                    }
                }
                case "CARD_STATUS_CHANGED" -> {
                    validTo = date(e.path("validTo")).orElse(validTo);
                    if ("REVOKED".equals(e.path("status").asText())) {
                        revocation = e.path("reason").asText(null);
                    }
                }
                case "CERT_STATUS_CHANGED" -> certificate(e, null).ifPresent(cert -> certs.put(cert.serial(), cert));
                case "EXPIRY_NOTICE_SENT" -> {
                    if (e.path("resident").isObject()) {
                        resident = e.get("resident");
                    }
                    notice(e).ifPresent(notices::add);
                }
                default -> { }
            }
        }
        if (resident == null || validTo == null) {
            return Optional.empty();
        }
        return Optional.of(new CardHistory(cached.cardSerial(), cached.status(), revocation, validTo, resident,
                List.copyOf(certs.values()), List.copyOf(notices)));
    }

    /** The date J-LIS's latest notice naming {@code what} with {@code expiry} was posted, or null. */
    LocalDate noticeSentOn(RenewalTarget what, LocalDate expiry) {
        LocalDate sent = null;
        for (ExpiryNotice n : notices) {
            if (expiry.equals(n.items().get(what)) && (sent == null || n.sentOn().isAfter(sent))) {
                sent = n.sentOn();
            }
        }
        return sent;
    }

    private static Optional<Certificate> certificate(JsonNode c, String defaultStatus) {
        try {
            RenewalTarget kind = RenewalTarget.valueOf(c.path("kind").asText());
            String serial = c.path("certSerial").asText();
            String status = c.path("status").asText(defaultStatus);
            if (kind == RenewalTarget.CARD || serial.isEmpty() || status == null) {
                return Optional.empty();
            }
            return Optional.of(new Certificate(kind, serial, Instant.parse(c.path("notAfter").asText()), status,
                    c.path("reason").asText(null)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Items as {@code {item|kind, expiresOn|expiry}} (the protocol names the items, not the field spelling). */
    private static Optional<ExpiryNotice> notice(JsonNode e) {
        Optional<LocalDate> sentOn = date(e.path("sentOn"));
        if (sentOn.isEmpty()) {
            return Optional.empty();
        }
        Map<RenewalTarget, LocalDate> items = new EnumMap<>(RenewalTarget.class);
        for (JsonNode item : e.path("items")) {
            String what = item.path("item").asText(item.path("kind").asText(""));
            Optional<LocalDate> expiry = date(item.has("expiresOn") ? item.path("expiresOn") : item.path("expiry"));
            for (RenewalTarget t : RenewalTarget.values()) {
                if (t.name().equals(what) && expiry.isPresent()) {
                    items.put(t, expiry.get());
                }
            }
        }
        return Optional.of(new ExpiryNotice(sentOn.get(), items));
    }

    private static Optional<LocalDate> date(JsonNode n) {
        if (!n.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(n.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
