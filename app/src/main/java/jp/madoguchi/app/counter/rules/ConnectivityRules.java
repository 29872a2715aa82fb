package jp.madoguchi.app.counter.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.Resident;
import jp.madoguchi.common.CounterFailure;

/**
 * May the operation start with the link as it is? (counter-rules §2.0: which operations need central;
 * PR-24 offline preconditions; PR-26 maintenance day.) Immutable and thread-safe.
 *
 * <p>Order: maintenance day first (PR-26, {@code MDG-SYNC-004}); then an online-only operation with
 * central unreachable ({@code MDG-SYNC-001}); then, offline, PR-24: (a) the card's record in the read
 * cache ({@code MDG-CARD-010}), (b) the cache refreshed within the office's limit
 * ({@code MDG-SYNC-003 {hours}}), (c) the cached card status allows it ({@link CardPreconditions}).
 * An offline success carries the {@code MDG-SYNC-002} notice, and the notices of §2.1 and §2.6.
 */
public final class ConnectivityRules {

    /** PR-24: the default and the bounds of the office setting. */
    public static final Duration DEFAULT_MAX_CACHE_AGE = Duration.ofHours(72);
    public static final Duration MAX_CACHE_AGE_LIMIT = Duration.ofHours(168);

    private final CardPreconditions preconditions;

    public ConnectivityRules(CardPreconditions preconditions) {
        this.preconditions = preconditions;
    }

    /** The office settings these rules read. */
    public record OfficeSettings(Duration maxCacheAge, boolean offlineOpsOnMaintenanceDay) {
        public OfficeSettings {
            Objects.requireNonNull(maxCacheAge, "maxCacheAge");
            if (maxCacheAge.isNegative() || maxCacheAge.compareTo(MAX_CACHE_AGE_LIMIT) > 0) {
                throw new IllegalArgumentException("cache age limit must be 0-168 h (PR-24)");
            }
        }

        public static OfficeSettings defaults() {
            return new OfficeSettings(DEFAULT_MAX_CACHE_AGE, false);
        }
    }

    /**
     * The situation judged.
     *
     * @param operation        the operation about to start
     * @param centralReachable whether the link is ONLINE
     * @param cachedCard       the card's record in the read cache, if there is one
     * @param holder           the holder's record, if the workstation has it
     * @param cacheRefreshedAt when the read cache was last refreshed, if ever
     * @param now              the instant judged
     */
    public record Situation(Operation operation, Office office, boolean centralReachable, Optional<Card> cachedCard,
                            Optional<Resident> holder, Optional<Instant> cacheRefreshedAt, Instant now) {
        public Situation {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(office, "office");
            Objects.requireNonNull(cachedCard, "cachedCard");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(cacheRefreshedAt, "cacheRefreshedAt");
            Objects.requireNonNull(now, "now");
        }
    }

    /** Refused with a code, or allowed with what to tell the clerk. */
    public sealed interface Decision permits Allowed, Refused {
    }

    /** Allowed; {@code queuedOffline} when the record will wait in the outbox. */
    public record Allowed(boolean queuedOffline, List<Notice> notices) implements Decision {
        public Allowed {
            notices = List.copyOf(notices);
        }
    }

    public record Refused(Refusal refusal) implements Decision {
    }

    public Decision decide(Situation s, OfficeSettings settings, MaintenanceCalendar calendar) {
        CentralRequirement requirement = CentralRequirement.of(s.operation());
        if (requirement == CentralRequirement.NEVER) {
            return new Allowed(false, List.of());
        }
        boolean maintenance = calendar.isMaintenance(s.now());
        if (maintenance && requirement == CentralRequirement.ONLINE_ONLY) {
            return refused(CounterFailure.SYNC_MAINTENANCE_DAY);
        }
        if (maintenance && isCounterCardWork(s.operation()) && !settings.offlineOpsOnMaintenanceDay()) {
            return refused(CounterFailure.SYNC_MAINTENANCE_DAY);
        }
        // PR-26: the maintenance day is planned offline, whatever the link probe says.
        boolean online = s.centralReachable() && !maintenance;
        if (requirement == CentralRequirement.ONLINE_ONLY) {
            return online ? new Allowed(false, List.of()) : refused(CounterFailure.SYNC_CENTRAL_NEEDED);
        }
        if (online) {
            return new Allowed(false, List.of());
        }
        List<Notice> notices = new ArrayList<>();
        if (s.operation().concernsCardRecord()) {
            if (s.cachedCard().isEmpty()) {
                return refused(CounterFailure.CARD_NOT_IN_STOCK);
            }
            Optional<Refusal> stale = staleCache(s, settings);
            if (stale.isPresent()) {
                return new Refused(stale.get());
            }
            Optional<Refusal> status = preconditions.check(s.operation(), s.cachedCard().get(), s.office(), s.holder(), s.now());
            if (status.isPresent()) {
                return new Refused(status.get());
            }
            if (s.operation() == Operation.LOSS_REVOCATION && s.cachedCard().get().status() != CardStatus.SUSPENDED) {
                notices.add(Notice.of(Notice.Kind.CALL_LOSS_LINE));
            }
        }
        notices.add(Notice.of(Notice.Kind.QUEUED_UNTIL_SYNC));
        if (s.operation() == Operation.DELIVERY) {
            notices.add(Notice.of(Notice.Kind.CERTIFICATES_AFTER_SYNC));
        }
        return new Allowed(true, notices);
    }

    /** PR-24 (b): refused when the cache is older than the limit, or was never filled. */
    private static Optional<Refusal> staleCache(Situation s, OfficeSettings settings) {
        long hours = settings.maxCacheAge().toHours();
        boolean stale = s.cacheRefreshedAt()
                .map(at -> Duration.between(at, s.now()).compareTo(settings.maxCacheAge()) > 0)
                .orElse(true);
        return stale ? Optional.of(Refusal.of(CounterFailure.SYNC_CACHE_TOO_OLD, "hours", hours)) : Optional.empty();
    }

    /** PR-26: the card work public counters stop on the maintenance day. */
    private static boolean isCounterCardWork(Operation operation) {
        return operation == Operation.DELIVERY || operation == Operation.PIN_RESET || operation == Operation.PIN_CHANGE;
    }

    private static Decision refused(CounterFailure failure) {
        return new Refused(Refusal.of(failure));
    }
}
