package jp.madoguchi.app.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.LocalSyncState;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.reports.model.DailyTally;

/**
 * 日計表 (counter-rules §6.4) of one business day from the store: the acts recorded that day (Japan
 * time) per clerk, operation and outcome, their sync state now, and the card stock as far as the
 * counter knows it (deliveries of the day, cards awaiting delivery now; movements it does not record
 * are stated on the report). Blocks on the store's and the cache's threads: call it off the UI thread.
 */
public final class DailyTallies {

    /** The acts that end an operation of an A row (counter-rules §1.3), the only ones that can carry an approval. */
    private static final Set<OperationType> APPROVABLE = EnumSet.of(OperationType.DELIVERY_COMPLETED, OperationType.CERT_RENEWED,
            OperationType.CERT_ISSUED, OperationType.LOSS_REPORTED);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** The tally's outcome of an act done at the counter (DailyTally's contract: 「完了」 or an MDG code). */
    public static final String DONE = "完了";

    private DailyTallies() {
    }

    public static DailyTally of(CounterData st, LocalDate day, String workstationId, LocalDateTime printedAt) {
        List<OutboxEntry> acts = new ArrayList<>();
        for (OutboxEntry e : st.store().entriesOccurred(day.atStartOfDay(ValidityRules.JST).toInstant(),
                day.plusDays(1).atStartOfDay(ValidityRules.JST).toInstant())) {
            if (e.type() != OperationType.AUDIT_HEAD && e.clerkId() != null) {
                acts.add(e);
            }
        }
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        int pending = 0;
        int conflict = 0;
        int rejected = 0;
        int delivered = 0;
        for (OutboxEntry e : acts) {
            String outcome = switch (e.state()) {
                case CONFLICT, REJECTED -> e.reason() != null ? e.reason() : e.state().name();
                default -> DONE;
            };
            counts.merge(List.of(e.clerkId(), e.type().name(), outcome), 1, Integer::sum);
            if (e.state() == LocalSyncState.PENDING || e.state() == LocalSyncState.IN_FLIGHT) {
                pending++;
            } else if (e.state() == LocalSyncState.CONFLICT) {
                conflict++;
            } else if (e.state() == LocalSyncState.REJECTED) {
                rejected++;
            }
            if (e.type() == OperationType.DELIVERY_COMPLETED && e.state() != LocalSyncState.REJECTED) {
                delivered++;
            }
        }
        List<DailyTally.TallyLine> lines = new ArrayList<>();
        counts.forEach((k, n) -> lines.add(new DailyTally.TallyLine(k.get(0), clerkName(st, k.get(0)), k.get(1), null,
                k.get(2), n, 0)));
        int closing = st.cache().cards("ISSUED").size();
        DailyTally.Stock stock = new DailyTally.Stock(closing + delivered, 0, delivered, 0, 0, closing,
                ReportWording.get("tally.stockNote"));
        return new DailyTally(st.officeName(), st.officeCode(), day, workstationId, lines,
                new DailyTally.SyncCounts(0, pending, conflict, rejected), stock, selfApprovals(st, acts), null, null, printedAt);
    }

    /**
     * PR-03: every act of the day whose approval the requester gave themselves, as
     * 「10:42 交付 承認 責任 花子（S002） 理由：…」, in the order recorded. The reason is read from the
     * act's sealed payload (the audit-covered record), and only for the acts that end an operation an
     * approval can be asked for, so a day of PIN work costs no extra reads.
     */
    private static List<String> selfApprovals(CounterData st, List<OutboxEntry> acts) {
        List<String> out = new ArrayList<>();
        for (OutboxEntry e : acts) {
            if (!APPROVABLE.contains(e.type())) {
                continue;
            }
            JsonNode details = st.store().details(e.seq());
            JsonNode approval = details == null ? null : details.path("approval");
            if (approval == null || !approval.path("selfApprovalReason").isTextual()) {
                continue;
            }
            String supervisorId = approval.path("supervisorId").asText(e.clerkId());
            out.add(MessageFormat.format(ReportWording.get("tally.selfApproval"),
                    TIME.format(e.occurredAt().atZone(ValidityRules.JST)), ReportWording.get("tally.operation." + e.type().name()),
                    clerkName(st, supervisorId), supervisorId, approval.path("selfApprovalReason").asText()));
        }
        return out;
    }

    /** The act keeps only the clerk's id; the signed-in clerk's name is known, another clerk is printed by id. */
    private static String clerkName(CounterData st, String clerkId) {
        return clerkId.equals(st.staffId()) ? st.staffName() : clerkId;
    }
}
