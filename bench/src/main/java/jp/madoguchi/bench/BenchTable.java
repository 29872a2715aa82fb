package jp.madoguchi.bench;

import java.util.ArrayList;
import java.util.List;

/** Renders bench rows as the plain-text table {@code ./mado bench} prints. */
public final class BenchTable {

    private static final String[] HEADER = {"figure", "ours", "baseline", "unit", "ratio", "goal", "met"};

    private BenchTable() {
    }

    public static String render(List<BenchRow> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (BenchRow r : rows) {
            cells.add(new String[] {r.figure(), BenchRow.format(r.ours()), BenchRow.format(r.baseline()), r.unit(),
                    BenchRow.format(r.ratio()), r.goal(), r.meetsGoal()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            String[] row = cells.get(n);
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : " | ").append(row[i])
                        .append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length())));
            }
            out.append(System.lineSeparator());
            if (n == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
                }
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
