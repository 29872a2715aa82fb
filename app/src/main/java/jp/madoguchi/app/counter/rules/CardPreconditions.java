package jp.madoguchi.app.counter.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.OfficeType;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.Resident;
import jp.madoguchi.common.CounterFailure;

/**
 * What the card's record must show before an operation starts (counter-rules §2.1–§2.8 preconditions;
 * PR-24 (c) offline, on the cached record). Checks, in order: revoked ({@code MDG-CARD-005}), expired
 * ({@code MDG-CARD-006 {date}}; PR-51 treats a past expiry as revoked before central says so),
 * suspended ({@code MDG-CARD-004}), already delivered ({@code MDG-CARD-003 {date}}), handled elsewhere
 * ({@code MDG-CARD-002 {office}}), moved away ({@code MDG-CARD-009}), no PINs ({@code MDG-CARD-008}),
 * conversion too late ({@code MDG-CARD-011}).
 *
 * <p>Where counter-rules has no code for "this operation does not apply to a card in this status"
 * (a suspension lift on a card that is not suspended, PIN or certificate work on an undelivered card),
 * the refusal is {@code MDG-OFFICE-001}; docs/counter-domain.md lists these as a gap.
 */
public final class CardPreconditions {

    private final ValidityRules validity;

    public CardPreconditions(ValidityRules validity) {
        this.validity = validity;
    }

    /**
     * @param operation the operation about to start (one that {@link Operation#concernsCardRecord()})
     * @param card      the card's record (read cache offline, central online)
     * @param office    this office
     * @param holder    the holder's resident record, where the workstation has it
     * @param now       the instant judged
     * @return the first refusal, or empty
     */
    public Optional<Refusal> check(Operation operation, Card card, Office office, Optional<Resident> holder, Instant now) {
        if (!operation.concernsCardRecord()) {
            return Optional.empty();
        }
        if (isStockWork(operation)) {
            // Stock work concerns undelivered cards, expired ones included (N25: expiry is a ground for destruction).
            return inStockHere(card, office);
        }
        if (card.status() == CardStatus.REVOKED) {
            return refuse(Refusal.of(CounterFailure.CARD_REVOKED));
        }
        if (ValidityRules.isExpired(card.validTo(), now)) {
            return refuse(Refusal.of(CounterFailure.CARD_EXPIRED, "date", card.validTo()));
        }
        return switch (operation) {
            case DELIVERY -> delivery(card, office, holder);
            case PIN_RESET, PIN_CHANGE -> first(activeOnly(card), servedHere(card, office),
                    card.hasPins() ? Optional.empty() : refuse(Refusal.of(CounterFailure.CARD_FACE_AUTH)));
            case CERT_RENEWAL, CERT_ISSUE, ANNOTATION, CONTINUED_USE, VALIDITY_EXTENSION, FACE_AUTH_SWITCH ->
                    first(activeOnly(card), servedHere(card, office));
            case OVERSEAS_CONVERSION -> first(activeOnly(card), servedHere(card, office), conversionInTime(card, now));
            case SUSPENSION_LIFT -> first(servedHere(card, office), card.status() == CardStatus.SUSPENDED
                    ? Optional.empty() : refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED)));
            case LOSS_REVOCATION, CARD_RETURN -> first(servedHere(card, office), card.status() == CardStatus.ISSUED
                    ? refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED)) : Optional.empty());
            default -> Optional.empty();
        };
    }

    private static boolean isStockWork(Operation operation) {
        return switch (operation) {
            case STOCK_RECEIPT, DELIVERY_NOTICE, DEFECT_REPORT, UNCLAIMED_DESTRUCTION -> true;
            default -> false;
        };
    }

    /** §2.1: an undelivered card in this office's stock, for a holder still resident. */
    private Optional<Refusal> delivery(Card card, Office office, Optional<Resident> holder) {
        if (card.status() == CardStatus.SUSPENDED) {
            return refuse(Refusal.of(CounterFailure.CARD_SUSPENDED));
        }
        if (card.status() == CardStatus.ACTIVE) {
            return refuse(card.deliveredOn()
                    .map(d -> Refusal.of(CounterFailure.CARD_ALREADY_DELIVERED, "date", d))
                    .orElseGet(() -> Refusal.of(CounterFailure.CARD_ALREADY_DELIVERED, "date", "—")));
        }
        if (office.type() == OfficeType.MISSION && !card.overseasCard()) {
            return refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", PermissionMatrix.Handler.RESIDENCE_MUNICIPALITY));
        }
        Optional<Refusal> stock = inStockHere(card, office);
        if (stock.isPresent()) {
            return stock;
        }
        if (holder.map(Resident::movedAway).orElse(false)) {
            return refuse(Refusal.of(CounterFailure.CARD_HOLDER_MOVED));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> inStockHere(Card card, Office office) {
        return card.stockOfficeCode().equals(office.code())
                ? Optional.empty() : refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", card.stockOfficeCode()));
    }

    /**
     * ACTIVE only: a suspended card needs a lift first; an undelivered one is not yet in use (also a
     * card delivered here whose status change has not come back through the feed yet).
     */
    private static Optional<Refusal> activeOnly(Card card) {
        return switch (card.status()) {
            case ACTIVE -> Optional.empty();
            case SUSPENDED -> refuse(Refusal.of(CounterFailure.CARD_SUSPENDED));
            case ISSUED -> refuse(Refusal.of(CounterFailure.CARD_NOT_DELIVERED));
            case REVOKED -> refuse(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED));
        };
    }

    /**
     * Who may be served here: a municipal counter its own residents (an overseas card's certificate work
     * is done at the 本籍地 or during a stay, PR-07, so it is not tied to the 住所地); a post office the
     * residents of its contracting municipalities; a mission overseas cards only.
     */
    private static Optional<Refusal> servedHere(Card card, Office office) {
        boolean served = switch (office.type()) {
            case MUNICIPAL -> card.overseasCard() || office.serves(card.residenceMunicipality());
            case POST_OFFICE -> office.serves(card.residenceMunicipality());
            case MISSION -> card.overseasCard();
        };
        if (served) {
            return Optional.empty();
        }
        Object handler = office.type() == OfficeType.MISSION
                ? PermissionMatrix.Handler.RESIDENCE_MUNICIPALITY : card.residenceMunicipality();
        return refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", handler));
    }

    /** N29: conversion by the day before the planned departure, else {@code MDG-CARD-011}. */
    private static Optional<Refusal> conversionInTime(Card card, Instant now) {
        boolean late = card.departureDate().map(d -> !ValidityRules.today(now).isBefore(d)).orElse(false);
        return late ? refuse(Refusal.of(CounterFailure.CARD_CONVERSION_TOO_LATE)) : Optional.empty();
    }

    /**
     * The notice of §2.3: the card itself is inside its own renewal window, so a new card is recommended
     * alongside certificate work.
     */
    public Optional<Notice> cardRenewalNotice(Card card, Instant now) {
        return validity.cardRenewalWindow(card.validTo()).phaseAt(now) == RenewalWindow.Phase.OPEN
                ? Optional.of(new Notice(Notice.Kind.CARD_IN_RENEWAL_WINDOW, Map.of("date", card.validTo())))
                : Optional.empty();
    }

    private static Optional<Refusal> refuse(Refusal refusal) {
        return Optional.of(refusal);
    }

    @SafeVarargs
    private static Optional<Refusal> first(Optional<Refusal>... checks) {
        for (Optional<Refusal> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
