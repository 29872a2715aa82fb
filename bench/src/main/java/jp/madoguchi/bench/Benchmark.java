package jp.madoguchi.bench;

import java.util.List;

/**
 * One benchmark of {@code ./mado bench}. Implementations are listed in
 * {@code META-INF/services/jp.madoguchi.bench.Benchmark}; each measures its figure and, in the same
 * run, the baseline it is judged against (the machines are noisy, so only ratios are compared).
 */
public interface Benchmark {

    /** Short name used by {@code ./mado bench NAME} to run one benchmark alone. */
    String name();

    /** Runs the measurement; may take a while, must stop by itself. */
    List<BenchRow> run() throws Exception;
}
