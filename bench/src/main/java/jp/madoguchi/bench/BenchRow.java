package jp.madoguchi.bench;

import java.util.Locale;

/**
 * One line of the bench table: a figure, our measurement, the baseline measured in the same run,
 * their ratio, and the goal as text. {@code ours} or {@code baseline} may be NaN when not measured.
 *
 * @param goalRatio the largest acceptable ours/baseline ratio (smaller is better), or NaN when the
 *                  goal is not a ratio (then {@code goal} says what it is)
 */
public record BenchRow(String figure, double ours, double baseline, String unit, String goal, double goalRatio) {

    public static BenchRow notMeasured(String figure, String goal, String why) {
        return new BenchRow(figure + " — " + why, Double.NaN, Double.NaN, "", goal, Double.NaN);
    }

    public double ratio() {
        return ours / baseline;
    }

    /** "yes", "NO", or "-" when the row carries no ratio goal or no measurement. */
    public String meetsGoal() {
        if (Double.isNaN(goalRatio) || Double.isNaN(ratio())) {
            return "-";
        }
        return ratio() <= goalRatio ? "yes" : "NO";
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.3g", value);
    }
}
