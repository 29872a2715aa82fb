package jp.madoguchi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Cold start of the workstation to its sign-in screen, and its idle resident memory, each in a fresh
 * JVM, against a bare JavaFX stage with one label in a plain {@code java} in the same run. Both run on
 * the same display: the desktop's if there is one, else one Xvfb server started for the benchmark
 * (so both pay the same real GTK glass start-up). The workstation is started as users start it,
 * through {@code ./mado app} (bash, then the JVM with its class-data sharing archive, docs/decisions/0006):
 * one untimed start first, which writes the archive when the archive is missing or older than the build
 * (as the first start after an installation or a build does), then the timed ones, which read it. Time
 * is from process spawn to the line that says the window is shown; RSS is read from /proc after two idle
 * seconds. Median of three runs each.
 */
public final class UiStartBenchmark implements Benchmark {

    private static final int RUNS = 3;
    private static final String READY_OURS = "sign-in screen shown";
    private static final String READY_BASELINE = "bare stage shown";
    private static final String BASELINE_SOURCE = """
            public final class BareStage {
                public static void main(String[] args) {
                    javafx.application.Application.launch(App.class, args);
                }
                public static final class App extends javafx.application.Application {
                    @Override
                    public void start(javafx.stage.Stage stage) {
                        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(
                                new javafx.scene.control.Label("窓口")), 900, 560));
                        stage.setOnShown(e -> System.err.println("%s"));
                        stage.show();
                    }
                }
            }
            """.formatted(READY_BASELINE);

    @Override
    public String name() {
        return "ui";
    }

    /** One start: seconds to ready, and RSS in MB after idling. */
    record Start(double seconds, double rssMb) {
    }

    @Override
    public List<BenchRow> run() throws Exception {
        Path work = Files.createTempDirectory("madoguchi-bench-ui");
        String classpath = System.getProperty("java.class.path");
        Path baselineClasses = compileBaseline(work, classpath);
        Process xvfb = null;
        String display = System.getenv("DISPLAY");
        try {
            if (display == null || display.isBlank()) {
                int n = 90 + (int) (ProcessHandle.current().pid() % 100);
                display = ":" + n;
                xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
                Path socket = Path.of("/tmp/.X11-unix/X" + n);
                for (int i = 0; i < 100 && !Files.exists(socket) && xvfb.isAlive(); i++) {
                    Thread.sleep(50);
                }
                if (!Files.exists(socket)) {
                    throw new IllegalStateException("Xvfb did not start on " + display + " (see " + work.resolve("xvfb.log") + ")");
                }
            }
            String mado = Path.of(root(), "mado").toString();
            // The first start after a build writes the class-data sharing archive as it exits (untimed).
            start(display, workstation(mado, Files.createDirectories(work.resolve("data-first"))), READY_OURS, 120);
            List<Start> ours = new ArrayList<>();
            List<Start> bare = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                bare.add(start(display, List.of("java", "-Dfile.encoding=UTF-8", "-cp",
                        baselineClasses + java.io.File.pathSeparator + classpath, "BareStage"), READY_BASELINE, 10));
                Path data = Files.createDirectories(work.resolve("data-" + i));
                ours.add(start(display, workstation(mado, data), READY_OURS, 10));
            }
            return List.of(
                    new BenchRow("cold start to sign-in screen (./mado app, AppCDS) vs bare JavaFX stage", median(ours, true),
                            median(bare, true), "s", "<= 2 s", Double.NaN),
                    new BenchRow("idle RSS at sign-in vs bare JavaFX stage", median(ours, false), median(bare, false),
                            "MB", "<= 250 MB", Double.NaN));
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
                xvfb.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The checkout {@code ./mado bench} runs from (it sets {@code madoguchi.root}). */
    private static String root() {
        String root = System.getProperty("madoguchi.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("madoguchi.root is not set: run this benchmark through ./mado bench ui");
        }
        return root;
    }

    private static List<String> workstation(String mado, Path data) {
        return List.of(mado, "app", "--set", "data.dir=" + data, "--set", "log.level=INFO");
    }

    private static Path compileBaseline(Path work, String classpath) throws IOException {
        Path src = work.resolve("BareStage.java");
        Files.writeString(src, BASELINE_SOURCE, StandardCharsets.UTF_8);
        Path out = Files.createDirectories(work.resolve("baseline"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: the baseline needs a JDK");
        }
        int rc = javac.run(null, null, null, "-encoding", "UTF-8", "-cp", classpath, "-d", out.toString(), src.toString());
        if (rc != 0) {
            throw new IllegalStateException("the baseline stage did not compile");
        }
        return out;
    }

    /**
     * Spawns {@code command}, waits for {@code ready} on its stderr (60 s at most), idles, reads RSS, stops
     * it and gives it {@code exitSeconds} to end (writing a class-data archive at exit takes a few).
     */
    private static Start start(String display, List<String> command, String ready, int exitSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DISPLAY", display);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            CompletableFuture<Long> readyAt = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.contains(ready)) {
                            readyAt.complete(System.nanoTime());
                        }
                    }
                    readyAt.completeExceptionally(new IllegalStateException(command.get(command.size() - 1)
                            + " ended before it showed its window"));
                } catch (IOException e) {
                    readyAt.completeExceptionally(e);
                }
            }, "bench-ui-stderr");
            reader.setDaemon(true);
            reader.start();
            long t1 = readyAt.get(60, TimeUnit.SECONDS);
            Thread.sleep(2000);
            double rss = rssMb(p.pid());
            return new Start((t1 - t0) / 1e9, rss);
        } finally {
            p.destroy();
            if (!p.waitFor(exitSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private static double median(List<Start> starts, boolean time) {
        double[] v = starts.stream().mapToDouble(s -> time ? s.seconds() : s.rssMb()).sorted().toArray();
        return v[v.length / 2];
    }
}
