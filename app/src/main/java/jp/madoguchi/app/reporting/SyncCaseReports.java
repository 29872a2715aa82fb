package jp.madoguchi.app.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.CachedCard;
import jp.madoguchi.cache.FollowUpCase;
import jp.madoguchi.cache.LocalSyncState;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.SyncStatus;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.model.Holder;
import jp.madoguchi.reports.model.Kinds.LinkState;
import jp.madoguchi.reports.model.SyncReport;

/**
 * 同期・競合レポート (counter-rules §6.6) from the store and the read cache as they are now: the queue
 * (pending entries by kind with the age of the oldest), every conflict and rejection with its case and
 * that case's resolution state (OPEN or CLOSED, with the staff's note as the follow-up), local last seq
 * and the highest seq up to which everything is settled, the local audit-chain head (central's is not
 * known to the workstation, so it prints as unknown), the office feed's age, and the holders in the read
 * cache whose names the report fonts cannot draw (「外字要確認」).
 *
 * <p>Blocks on the store's and the cache's threads (the audit walk reads the whole chain): call it off
 * the UI thread.
 */
public final class SyncCaseReports {

    /** The name of the one cached dataset, as the report lists its age. */
    public static final String OFFICE_FEED = "office-feed";

    private SyncCaseReports() {
    }

    public static SyncReport of(CacheStore store, ReadCache cache, SyncStatus status, ReportEngine engine,
                                String workstationId, String officeName, Instant now) {
        List<OutboxEntry> entries = StoreEntries.all(store);
        Map<String, FollowUpCase> cases = new HashMap<>();
        for (FollowUpCase c : store.cases()) {
            if (c.opId() != null) {
                cases.put(c.opId(), c);
            }
        }
        Map<String, List<OutboxEntry>> pendingByKind = new TreeMap<>();
        List<SyncReport.Entry> conflicts = new ArrayList<>();
        List<SyncReport.Entry> rejected = new ArrayList<>();
        long lastSeq = 0;
        long ackedSeq = 0;
        boolean contiguous = true;
        for (OutboxEntry e : entries) {
            lastSeq = Math.max(lastSeq, e.seq());
            if (contiguous && e.state().settled() && e.seq() == ackedSeq + 1) {
                ackedSeq = e.seq();
            } else {
                contiguous = false;
            }
            switch (e.state()) {
                case PENDING, IN_FLIGHT -> pendingByKind.computeIfAbsent(e.type().name(), k -> new ArrayList<>()).add(e);
                case CONFLICT -> conflicts.add(entry(e, cases.get(e.opId().toString()),
                        "APPLIED_WITH_CONFLICT" + (e.reason() == null ? "" : " " + e.reason())));
                case REJECTED -> rejected.add(entry(e, cases.get(e.opId().toString()),
                        e.reason() == null ? LocalSyncState.REJECTED.name() : e.reason()));
                default -> { }
            }
        }
        List<SyncReport.Pending> pending = new ArrayList<>();
        pendingByKind.forEach((kind, list) -> {
            Instant oldest = list.stream().map(OutboxEntry::occurredAt).min(Instant::compareTo).orElseThrow();
            pending.add(new SyncReport.Pending(kind, list.size(), positive(Duration.between(oldest, now))));
        });
        List<SyncReport.CacheAge> ages = new ArrayList<>();
        Instant refreshed = cache.refreshedAt();
        if (refreshed != null) {
            ages.add(new SyncReport.CacheAge(OFFICE_FEED, positive(Duration.between(refreshed, now))));
        }
        return new SyncReport(workstationId, officeName, local(now), LinkState.valueOf(status.link().name()),
                status.lastSuccess() == null ? null : local(status.lastSuccess()), lastSeq, ackedSeq, pending, conflicts,
                rejected, store.verifyAudit().headHash(), null, ages, gaijiFlags(cache, engine));
    }

    private static SyncReport.Entry entry(OutboxEntry e, FollowUpCase c, String outcome) {
        return new SyncReport.Entry(e.opId().toString(), e.seq(), e.type().name(), c == null ? null : c.cardSerial(),
                local(e.occurredAt()), outcome, e.caseId(), c == null ? null : c.note(), c == null ? "OPEN" : c.status());
    }

    /** The holders of the cached cards whose names would print as 〓, one flag per field and code point. */
    private static List<SyncReport.GaijiFlag> gaijiFlags(ReadCache cache, ReportEngine engine) {
        List<SyncReport.GaijiFlag> flags = new ArrayList<>();
        for (CachedCard cached : cache.cards()) {
            CardHistory.fold(cached, cache.events(cached.cardSerial())).ifPresent(card -> {
                var r = card.resident();
                if (r.path("name").isTextual() && r.path("birthDate").isTextual()) {
                    Holder holder = new Holder(r.path("name").asText(), r.path("nameFurigana").asText(null),
                            r.path("nameRomaji").asText(null), r.path("formerSurname").asText(null),
                            r.path("formerSurnameFurigana").asText(null), r.path("alias").asText(null),
                            java.time.LocalDate.parse(r.path("birthDate").asText()));
                    flags.addAll(engine.printable(holder, cardRecordId(card.cardSerial())).flags());
                }
            });
        }
        return flags;
    }

    /** A card named in a printed flag: its last 4 characters only (counter-rules §6 "Never printed"). */
    static String cardRecordId(String cardSerial) {
        return "card ..." + cardSerial.substring(Math.max(0, cardSerial.length() - 4));
    }

    private static LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, ValidityRules.JST);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
