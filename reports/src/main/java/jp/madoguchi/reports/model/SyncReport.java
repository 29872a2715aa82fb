package jp.madoguchi.reports.model;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.reports.model.Kinds.LinkState;

/**
 * 同期・競合レポート (counter-rules §6.6): the workstation's queue, its conflicts and rejections with
 * their resolution state, the audit-chain heads and the records flagged 「外字要確認」.
 *
 * @param lastSync          null when the workstation has never synced
 * @param auditHeadCentral  null when central's head is not known (offline)
 */
public record SyncReport(String workstationId, String officeName, LocalDateTime generatedAt, LinkState linkState,
                         LocalDateTime lastSync, long localLastSeq, long ackedSeq, List<Pending> pending,
                         List<Entry> conflicts, List<Entry> rejected, String auditHeadLocal, String auditHeadCentral,
                         List<CacheAge> cacheAges, List<GaijiFlag> gaijiFlags) {

    public SyncReport {
        Fields.required("workstationId", workstationId);
        Fields.required("officeName", officeName);
        Fields.required("generatedAt", generatedAt);
        Fields.required("linkState", linkState);
        pending = Fields.list("pending", pending);
        conflicts = Fields.list("conflicts", conflicts);
        rejected = Fields.list("rejected", rejected);
        Fields.required("auditHeadLocal", auditHeadLocal);
        cacheAges = Fields.list("cacheAges", cacheAges);
        gaijiFlags = Fields.list("gaijiFlags", gaijiFlags);
    }

    /** Whether the local audit head equals central's; null when central's is unknown. */
    public Boolean auditMatches() {
        return auditHeadCentral == null ? null : auditHeadCentral.equals(auditHeadLocal);
    }

    /** Pending entries of one kind and the age of the oldest. */
    public record Pending(String kind, int count, Duration oldestAge) {
        public Pending {
            Fields.required("pending.kind", kind);
            Fields.required("pending.oldestAge", oldestAge);
        }
    }

    /**
     * A conflict or rejected entry: opId, seq, kind, card serial (last 4), local time, central's
     * outcome or reason, case id, follow-up, status.
     */
    public record Entry(String opId, long seq, String kind, String cardSerialLast4, LocalDateTime localTime,
                        String outcome, String caseId, String followUp, String status) {
        public Entry {
            Fields.required("entry.opId", opId);
            Fields.required("entry.kind", kind);
            Fields.required("entry.localTime", localTime);
            Fields.required("entry.outcome", outcome);
            Fields.required("entry.status", status);
            if (cardSerialLast4 != null && cardSerialLast4.length() > 4) {
                cardSerialLast4 = cardSerialLast4.substring(cardSerialLast4.length() - 4);
            }
        }
    }

    /** Age of one cached dataset. */
    public record CacheAge(String dataset, Duration age) {
        public CacheAge {
            Fields.required("cacheAges.dataset", dataset);
            Fields.required("cacheAges.age", age);
        }
    }

    /**
     * A record flagged 「外字要確認」: which record and which code point. The name itself is not
     * printed here, since the point of the flag is that it cannot be drawn.
     */
    public record GaijiFlag(String recordId, String codePoint, String field) {
        public GaijiFlag {
            Fields.required("gaijiFlags.recordId", recordId);
            Fields.required("gaijiFlags.codePoint", codePoint);
        }
    }

    /** The detail rows: conflicts, then rejected entries, each tagged with its section. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        conflicts.forEach(e -> rows.add(Row.of("CONFLICT", e)));
        rejected.forEach(e -> rows.add(Row.of("REJECTED", e)));
        return rows;
    }

    /** One printed row, flat for the template, and the section it belongs to. */
    public record Row(String section, String opId, long seq, String kind, String cardSerialLast4,
                      LocalDateTime localTime, String outcome, String caseId, String followUp, String status) {
        static Row of(String section, Entry e) {
            return new Row(section, e.opId(), e.seq(), e.kind(), e.cardSerialLast4(), e.localTime(), e.outcome(),
                    e.caseId(), e.followUp(), e.status());
        }
    }
}
