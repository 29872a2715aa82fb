package jp.madoguchi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {

    @Test
    void ratio_and_goal_are_computed_from_the_same_run() {
        BenchRow fast = new BenchRow("enqueue", 1.2, 1.0, "ms", "<= 1.3x", 1.3);
        BenchRow slow = new BenchRow("read", 3.1, 2.0, "ms", "<= 1.5x", 1.5);
        assertThat(fast.ratio()).isEqualTo(1.2);
        assertThat(fast.meetsGoal()).isEqualTo("yes");
        assertThat(slow.meetsGoal()).isEqualTo("NO");
        assertThat(BenchRow.notMeasured("ui", "<= 2 s", "not measured yet").meetsGoal()).isEqualTo("-");
    }

    @Test
    void absolute_goals_are_judged_in_the_row_unit_only() {
        assertThat(new BenchRow("apdu", 0.115, 0.0035, "ms", "<= 0.2 ms", Double.NaN).meetsGoal()).isEqualTo("yes");
        assertThat(new BenchRow("tally", 1.87, 1.13, "s", "<= 1 s", Double.NaN).meetsGoal()).isEqualTo("NO");
        assertThat(new BenchRow("ingest", 9861, 23227, "ops/s", ">= 20k ops/s", Double.NaN).meetsGoal()).isEqualTo("NO");
        assertThat(new BenchRow("ingest", 25000, 23227, "ops/s", ">= 20k ops/s", Double.NaN).meetsGoal()).isEqualTo("yes");
        // A goal in another unit than the row's, or a goal that is not a bound, is not judged.
        assertThat(new BenchRow("apdu p99", 1.12, 0.02, "ms", "<= 0.2 s", Double.NaN).meetsGoal()).isEqualTo("-");
        assertThat(new BenchRow("size", 110, 300, "MB", "report", Double.NaN).meetsGoal()).isEqualTo("-");
    }

    @Test
    void table_aligns_columns_and_prints_dashes_for_missing_numbers() {
        String table = BenchTable.render(List.of(
                new BenchRow("APDU round trip", 0.118, 0.1, "ms", "<= 0.2 ms", Double.NaN),
                BenchRow.notMeasured("drain", ">= 10k ops/s", "not measured yet")));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("figure").contains("| ratio |");
        assertThat(lines.get(2)).contains("0.118").contains("1.18");
        assertThat(lines.get(3)).contains("drain — not measured yet").contains("| -");
        assertThat(lines.get(0).indexOf("| ours")).isEqualTo(lines.get(2).indexOf("| 0.118"));
    }
}
