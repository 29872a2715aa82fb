package jp.madoguchi.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import jp.madoguchi.bench.BenchRow;
import jp.madoguchi.bench.BenchTable;
import jp.madoguchi.bench.Benchmark;

/**
 * {@code ./mado bench [NAME…]}: runs every registered benchmark (or the named ones) and prints one
 * table. Figures whose benchmark does not exist yet are listed as not measured, so the table always
 * shows every goal the project has set itself.
 */
public final class BenchMain {

    /** Goals from the issues that have no benchmark in this build yet. */
    private static final List<String[]> PLANNED = List.of(
            new String[] {"apdu", "APDU round trip via pcscd+vpcd (median)", "<= 0.2 ms"},
            new String[] {"card-read", "full card read via pcscd vs APDU floor", "<= 1.5x floor"},
            new String[] {"central-ingest", "central ingest over loopback mTLS", ">= 20k ops/s"},
            new String[] {"enqueue", "durable enqueue vs raw JDBC commit", "<= 1.3x"},
            new String[] {"drain", "drain of 100k entries to central", ">= 10k ops/s"},
            new String[] {"workflow", "workflow software time vs card+commit floor", "report"},
            new String[] {"report", "daily tally 10k rows to PDF (warm)", "<= 1 s"},
            new String[] {"ui", "cold start to sign-in screen", "<= 2 s"},
            new String[] {"package", ".deb size and build time", "report"});

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> only = List.of(args);
        List<String> known = new ArrayList<>();
        ServiceLoader.load(Benchmark.class).forEach(b -> known.add(b.name()));
        PLANNED.forEach(p -> known.add(p[0]));
        List<String> unknown = only.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            // A misspelt name would otherwise run nothing and print an empty table.
            System.err.println("bench: unknown benchmark " + String.join(", ", unknown) + "; known: "
                    + String.join(" ", known.stream().distinct().toList()));
            System.exit(2);
        }
        List<BenchRow> rows = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        int failures = 0;
        for (Benchmark benchmark : ServiceLoader.load(Benchmark.class)) {
            if (!only.isEmpty() && !only.contains(benchmark.name())) {
                continue;
            }
            ran.add(benchmark.name());
            System.err.println("bench: running " + benchmark.name() + " …");
            try {
                rows.addAll(benchmark.run());
            } catch (Exception e) {
                failures++;
                rows.add(BenchRow.notMeasured(benchmark.name(), "-", "FAILED: " + e));
            }
        }
        for (String[] planned : PLANNED) {
            if (!ran.contains(planned[0]) && (only.isEmpty() || only.contains(planned[0]))) {
                rows.add(BenchRow.notMeasured(planned[1], planned[2], "not measured yet"));
            }
        }
        System.out.print(BenchTable.render(rows));
        System.exit(failures == 0 ? 0 : 1);
    }
}
