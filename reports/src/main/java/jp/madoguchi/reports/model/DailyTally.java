package jp.madoguchi.reports.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 日計表 (counter-rules §6.4): per office and business day, one section per clerk plus office totals.
 * Training is excluded by the caller.
 *
 * @param lines          counts per clerk, operation, variant and outcome (an outcome is 「完了」 or an MDG code)
 * @param closedBy       the closing supervisor, null while the day is open
 * @param stock          card stock movement of the day
 * @param selfApprovals  PR-03 self-approvals, each as printed (set in the name font: they name supervisors)
 */
public record DailyTally(String officeName, String officeCode, LocalDate businessDay, String workstationId,
                         List<TallyLine> lines, SyncCounts sync, Stock stock, @NameText List<String> selfApprovals,
                         @NameText String closedBy, LocalDateTime closedAt, LocalDateTime printedAt) {

    public DailyTally {
        Fields.required("officeName", officeName);
        Fields.required("officeCode", officeCode);
        Fields.required("businessDay", businessDay);
        Fields.required("workstationId", workstationId);
        lines = Fields.list("lines", lines);
        Fields.required("sync", sync);
        Fields.required("stock", stock);
        selfApprovals = Fields.list("selfApprovals", selfApprovals);
        Fields.required("printedAt", printedAt);
    }

    /** One row: how many operations of a kind a clerk did with one outcome, and the fees taken. */
    public record TallyLine(String clerkId, @NameText String clerkName, String operation, String variant,
                            String outcome, int count, int feeYen) {
        public TallyLine {
            Fields.required("lines.clerkId", clerkId);
            Fields.required("lines.clerkName", clerkName);
            Fields.required("lines.operation", operation);
            Fields.required("lines.outcome", outcome);
        }
    }

    /** Operations done offline, still 未送信 at closing, in conflict, rejected. */
    public record SyncCounts(int offline, int pending, int conflict, int rejected) {
    }

    /** opening + received − delivered − destroyed − sent back = closing. */
    public record Stock(int opening, int received, int delivered, int destroyed, int sentBack, int closing,
                        String differenceExplained) {
        public int expectedClosing() {
            return opening + received - delivered - destroyed - sentBack;
        }

        public boolean balanced() {
            return expectedClosing() == closing;
        }
    }

    /**
     * The rows the report prints: every clerk's lines (by clerk id, then in the given order), then the
     * office totals per operation, variant and outcome, marked with an empty clerk id.
     */
    public List<TallyRow> rows() {
        List<TallyRow> rows = new ArrayList<>(lines.size() + 64);
        List<TallyLine> byClerk = new ArrayList<>(lines);
        byClerk.sort(Comparator.comparing(TallyLine::clerkId));
        Map<String, int[]> totals = new LinkedHashMap<>();
        int max = 0;
        for (TallyLine line : byClerk) {
            int[] total = totals.computeIfAbsent(line.operation() + "\u0000" + nz(line.variant()) + "\u0000" + line.outcome(),
                    k -> new int[2]);
            total[0] += line.count();
            total[1] += line.feeYen();
        }
        for (int[] total : totals.values()) {
            max = Math.max(max, total[0]);
        }
        for (TallyLine line : byClerk) {
            rows.add(new TallyRow(line.clerkId(), line.clerkName(), line.operation(), nz(line.variant()),
                    line.outcome(), line.count(), line.feeYen(), 0));
        }
        for (Map.Entry<String, int[]> total : totals.entrySet()) {
            String[] key = total.getKey().split("\u0000", -1);
            rows.add(new TallyRow("", "", key[0], key[1], key[2], total.getValue()[0], total.getValue()[1], max));
        }
        return rows;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * A printed row. {@code barMax} is non-zero only on office-total rows, which draw a bar of
     * {@code count / barMax} (the tally's small chart).
     */
    public record TallyRow(String clerkId, String clerkName, String operation, String variant, String outcome,
                           int count, int feeYen, int barMax) {
    }
}
