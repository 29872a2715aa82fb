package jp.madoguchi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportExamples;
import jp.madoguchi.reports.ReportJson;
import jp.madoguchi.reports.model.DailyTally;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.export.JRCsvExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleWriterExporterOutput;

/**
 * Issue 9's figures. (1) The daily tally with 10,000 rows from the precompiled template to PDF, warm
 * (median of 5 after 5 untimed rounds);
 * baseline: the same fill exported to CSV (plain text), so the ratio is what PDF layout and font
 * embedding cost. (2) The first report of a fresh JVM (the delivery receipt, names in IPAmj included)
 * through {@code ./mado report} as users run it: bash, then a C1-only JVM with the class-data sharing
 * archive that the first run after a build writes (docs/decisions/0006; one untimed run first makes
 * sure it exists); baseline: the same command printing only its usage. Medians of a few runs; the
 * whole benchmark stays under a minute or so.
 */
public final class ReportBenchmark implements Benchmark {

    private static final int ROWS = 10_000;
    /**
     * Untimed rounds first: the workstation renders its tallies in a JVM that has run all day, so "warm"
     * is the steady state after the JIT has compiled the fill and export paths (one round left most of
     * them interpreted or in C1 code, and the figure then measured compilation, not rendering).
     */
    private static final int WARMUP_RUNS = 5;
    private static final int WARM_RUNS = 5;
    private static final int FRESH_RUNS = 2;

    @Override
    public String name() {
        return "report";
    }

    @Override
    public List<BenchRow> run() throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        ReportEngine engine = new ReportEngine();
        DailyTally tally = ReportExamples.dailyTally(ROWS);
        for (int i = 0; i < WARMUP_RUNS; i++) {
            engine.pdf(ReportCatalogue.DAILY_TALLY, tally, Locale.JAPANESE);
            csv(engine.fill(ReportCatalogue.DAILY_TALLY, tally, Locale.JAPANESE));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] pdf = new double[WARM_RUNS];
        double[] csv = new double[WARM_RUNS];
        double[] pdfCpu = new double[WARM_RUNS];
        double[] csvCpu = new double[WARM_RUNS];
        int bytes = 0;
        for (int i = 0; i < WARM_RUNS; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            bytes = engine.pdf(ReportCatalogue.DAILY_TALLY, tally, Locale.JAPANESE).length;
            pdf[i] = seconds(t0);
            pdfCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            c0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            csv(engine.fill(ReportCatalogue.DAILY_TALLY, tally, Locale.JAPANESE));
            csv[i] = seconds(t0);
            csvCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        if (bytes < 10_000) {
            throw new IllegalStateException("tally PDF suspiciously small: " + bytes + " bytes");
        }
        rows.add(new BenchRow("daily tally 10k rows to PDF (warm; baseline: same fill to CSV)", median(pdf), median(csv),
                "s", "<= 1 s", Double.NaN));
        // The bench machines are shared: CPU time shows what wall time hides when cores are contended.
        rows.add(new BenchRow("  same, CPU time of the rendering thread", median(pdfCpu), median(csvCpu), "s", "<= 1 s",
                Double.NaN));

        Path dir = Files.createTempDirectory("mado-report-bench");
        try {
            Path json = dir.resolve("receipt.json");
            Files.writeString(json, ReportJson.write(ReportExamples.deliveryReceipt()));
            Path out = dir.resolve("receipt.pdf");
            freshJvm("delivery-receipt", "--data", json.toString(), "--out", out.toString());
            double[] first = new double[FRESH_RUNS];
            double[] floor = new double[FRESH_RUNS];
            for (int i = 0; i < FRESH_RUNS; i++) {
                first[i] = freshJvm("delivery-receipt", "--data", json.toString(), "--out", out.toString());
                floor[i] = freshJvm("help");
            }
            if (!Files.isRegularFile(out)) {
                throw new IllegalStateException("the fresh JVM wrote no PDF");
            }
            rows.add(new BenchRow("first report in a fresh JVM (./mado report, AppCDS; baseline: usage only)", median(first),
                    median(floor), "s", "<= 3 s", Double.NaN));
            // The fonts inside the reports jar are extracted once per installation (docs/reports.md, Fonts);
            // the row above reuses that copy, as every start after the first does. This one pays for it.
            Path emptyData = Files.createDirectories(dir.resolve("data"));
            double installFirst = freshJvm(Map.of("XDG_DATA_HOME", emptyData.toString()), "delivery-receipt", "--data",
                    json.toString(), "--out", out.toString());
            rows.add(new BenchRow("  same, first start after installation (fonts extracted from the jar)", installFirst,
                    median(floor), "s", "", Double.NaN));
            deleteTree(emptyData);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
        return rows;
    }

    private static void csv(JasperPrint print) throws Exception {
        JRCsvExporter exporter = new JRCsvExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        java.io.StringWriter out = new java.io.StringWriter();
        exporter.setExporterOutput(new SimpleWriterExporterOutput(out));
        exporter.exportReport();
        if (out.getBuffer().length() == 0) {
            throw new IllegalStateException("empty CSV");
        }
    }

    private static double freshJvm(String... args) throws Exception {
        return freshJvm(Map.of(), args);
    }

    private static double freshJvm(Map<String, String> environment, String... args) throws Exception {
        String root = System.getProperty("madoguchi.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("madoguchi.root is not set: run this benchmark through ./mado bench report");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(root, "mado").toString(), "report"));
        command.addAll(Arrays.asList(args));
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("fresh JVM did not finish in 60 s");
        }
        double elapsed = seconds(t0);
        if (process.exitValue() != 0 && !args[0].equals("help")) {
            throw new IllegalStateException("fresh JVM exited " + process.exitValue());
        }
        return elapsed;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
