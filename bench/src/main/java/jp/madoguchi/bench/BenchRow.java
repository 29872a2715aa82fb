package jp.madoguchi.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * "yes", "NO", or "-" when nothing can be judged. A ratio goal ({@code goalRatio}) is judged on the
     * ratio; otherwise a goal written as {@code <= N unit} or {@code >= N[k] unit} in the row's own
     * unit (e.g. "<= 0.2 ms", ">= 20k ops/s") is judged on our figure.
     */
    public String meetsGoal() {
        if (!Double.isNaN(goalRatio)) {
            return Double.isNaN(ratio()) ? "-" : (ratio() <= goalRatio ? "yes" : "NO");
        }
        Matcher m = ABSOLUTE_GOAL.matcher(goal);
        if (Double.isNaN(ours) || !m.matches() || !m.group(4).equals(unit)) {
            return "-";
        }
        double limit = Double.parseDouble(m.group(2)) * (m.group(3).isEmpty() ? 1 : 1000);
        boolean met = m.group(1).equals("<=") ? ours <= limit : ours >= limit;
        return met ? "yes" : "NO";
    }

    private static final Pattern ABSOLUTE_GOAL =
            Pattern.compile("(<=|>=)\\s*([0-9]+(?:\\.[0-9]+)?)(k?)\\s*(\\S+)");

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.3g", value);
    }
}
