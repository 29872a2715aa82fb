package jp.madoguchi.app.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.madoguchi.app.counter.rules.RenewalWindow;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.CachedCard;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.model.ExpiryTargetList;
import jp.madoguchi.reports.model.Kinds.RenewalTarget;
import jp.madoguchi.reports.model.Kinds.TargetStatus;
import jp.madoguchi.reports.model.RenewalNotice;

/**
 * Expiry work (counter-rules §6.5): whose card or certificate enters its renewal window in a period,
 * from the read cache (the cards this office's feed named, their expiry, their certificates' notAfter,
 * the holder summary, J-LIS's notices) and {@link ValidityRules} (N15/N16 windows, N14/PR-46 expiry
 * instants). One row per thing to renew: a card and its AUTH certificate entering the window in the same
 * period are two rows, so the list and the letter never blur card and certificate.
 *
 * <p>Which things count: cards handed over (a card still awaiting delivery is not the holder's yet;
 * N25 deals with it) and their certificates that are alive or were renewed. A certificate revoked for
 * another reason (an address change revokes SIGN) is not renewed but newly issued, so it is not listed.
 * Status: RENEWED when a renewal superseded the certificate or a new card replaced the card;
 * CARD_REVOKED when the card is revoked or past its expiry (PR-51); else NOT_YET.
 *
 * <p>Immutable and thread-safe; the reading methods block on the cache's thread, so call them off the
 * UI thread.
 */
public final class ExpiryWork {

    /** One thing to renew for one holder. */
    public record Due(HolderSummary card, RenewalTarget what, LocalDate expiry, LocalDate windowOpens,
                      LocalDate noticeSentOn, TargetStatus status) {
    }

    /**
     * What the rows need of the card's holder, as the feed's summary gave it (names exactly as received).
     *
     * @param postalCode null when the feed's summary carries none
     */
    public record HolderSummary(String cardSerial, String name, String nameFurigana, LocalDate birthDate, String address,
                                  String postalCode, boolean foreignResident, LocalDate stayExpiry) {
    }

    private final ValidityRules rules;

    public ExpiryWork(ValidityRules rules) {
        this.rules = rules;
    }

    /**
     * Every card or certificate whose renewal window opens within {@code period} (both ends inclusive),
     * by expiry date, then card serial. {@code now} decides PR-51 (a card past its expiry counts as revoked).
     */
    public List<Due> due(ReadCache cache, ReportService.Period period, Instant now) {
        List<Due> due = new ArrayList<>();
        for (CachedCard cached : cache.cards()) {
            if ("ISSUED".equals(cached.status())) {
                continue;
            }
            CardHistory.fold(cached, cache.events(cached.cardSerial())).ifPresent(card -> due.addAll(due(card, period, now)));
        }
        due.sort(Comparator.comparing(Due::expiry).thenComparing(d -> d.card().cardSerial()).thenComparing(Due::what));
        return due;
    }

    List<Due> due(CardHistory card, ReportService.Period period, Instant now) {
        HolderSummary holder = view(card);
        boolean revoked = "REVOKED".equals(card.status()) || ValidityRules.isExpired(card.validTo(), now);
        boolean replaced = "REVOKED".equals(card.status()) && "REPLACED".equals(card.revocationReason());
        TargetStatus cardStatus = replaced ? TargetStatus.RENEWED : revoked ? TargetStatus.CARD_REVOKED : TargetStatus.NOT_YET;
        List<Due> due = new ArrayList<>();
        RenewalWindow window = rules.cardRenewalWindow(card.validTo());
        if (within(window.opensOn(), period)) {
            due.add(new Due(holder, RenewalTarget.CARD, card.validTo(), window.opensOn(),
                    card.noticeSentOn(RenewalTarget.CARD, card.validTo()), cardStatus));
        }
        for (CardHistory.Certificate cert : card.certificates()) {
            boolean superseded = "REVOKED".equals(cert.status()) && "SUPERSEDED".equals(cert.reason());
            boolean gone = "REVOKED".equals(cert.status()) && !superseded && !revoked;
            RenewalWindow w = rules.certificateRenewalWindow(cert.notAfter());
            if (gone || !within(w.opensOn(), period)) {
                continue;
            }
            TargetStatus status = superseded && !revoked ? TargetStatus.RENEWED : cardStatus;
            due.add(new Due(holder, cert.kind(), w.expiresOn(), w.opensOn(), card.noticeSentOn(cert.kind(), w.expiresOn()),
                    status));
        }
        return due;
    }

    /** 有効期限通知 対象者一覧 of {@code due} (already the period's rows). */
    public ExpiryTargetList list(List<Due> due, String officeName, String officeCode, ReportService.Period period,
                                 LocalDateTime printedAt) {
        return new ExpiryTargetList(officeName, officeCode, period.from(), period.to(), due.stream()
                .map(d -> new ExpiryTargetList.Target(d.what(), d.card().name(), d.card().nameFurigana(), d.card().birthDate(),
                        district(d.card().address()), d.expiry(), d.windowOpens(), d.noticeSentOn(), d.status(),
                        d.card().foreignResident(), d.card().stayExpiry()))
                .toList(), printedAt);
    }

    /**
     * One letter for one holder.
     *
     * @param postalCodeBlank the feed's summary had no postal code: the letter prints a 〒 line to fill in by hand
     */
    public record Letter(String cardSerial, RenewalNotice notice, boolean postalCodeBlank) {
    }

    /**
     * One 更新のご案内 per holder with something still to renew (status NOT_YET), in the list's order,
     * each naming every such thing with its expiry and the day its window opens. A holder whose feed
     * summary has no postal code gets the blank 〒 line to fill in by hand.
     */
    public List<Letter> notices(List<Due> due, OfficeLetterhead office, LocalDate issuedOn) {
        Map<String, List<Due>> byCard = new LinkedHashMap<>();
        for (Due d : due) {
            if (d.status() == TargetStatus.NOT_YET) {
                byCard.computeIfAbsent(d.card().cardSerial(), k -> new ArrayList<>()).add(d);
            }
        }
        List<Letter> notices = new ArrayList<>(byCard.size());
        for (List<Due> items : byCard.values()) {
            HolderSummary holder = items.get(0).card();
            RenewalNotice notice = new RenewalNotice(holder.name(), holder.nameFurigana(),
                    holder.postalCode() != null ? holder.postalCode() : ReportWording.get("notice.postalCodeBlank"),
                    holder.address(),
                    items.stream().map(d -> new RenewalNotice.Item(d.what(), d.expiry(), d.windowOpens())).toList(),
                    office.asNoticeOffice(), issuedOn);
            notices.add(new Letter(holder.cardSerial(), notice, holder.postalCode() == null));
        }
        return notices;
    }

    /**
     * The district of an address for a planning list: the address up to its first digit (block and
     * house numbers stay off the list), e.g. 「模擬県見本市試験町」 of 「模擬県見本市試験町１－２－３」.
     */
    static String district(String address) {
        if (address == null) {
            return null;
        }
        int end = address.length();
        for (int i = 0; i < address.length(); i++) {
            if (Character.isDigit(address.charAt(i))) {
                end = i;
                break;
            }
        }
        String district = address.substring(0, end).strip();
        return district.isEmpty() ? address : district;
    }

    private static HolderSummary view(CardHistory card) {
        JsonNode r = card.resident();
        return new HolderSummary(card.cardSerial(), r.path("name").asText(null), r.path("nameFurigana").asText(null),
                parse(r.path("birthDate")), r.path("address").asText(null), r.path("postalCode").asText(null),
                r.path("foreignResident").asBoolean(false), parse(r.path("stayExpiry")));
    }

    private static LocalDate parse(JsonNode n) {
        return n.isTextual() ? LocalDate.parse(n.asText()) : null;
    }

    private static boolean within(LocalDate day, ReportService.Period period) {
        return !day.isBefore(period.from()) && !day.isAfter(period.to());
    }
}
