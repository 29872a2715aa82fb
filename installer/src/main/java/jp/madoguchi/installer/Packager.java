package jp.madoguchi.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Runs jlink, records the class list of a start on the linked runtime, then runs jpackage for a
 * {@link PackageLayout}, the tools in this JVM (the JDK's ToolProviders), and measures them. Not
 * thread-safe: one build per work directory at a time.
 */
public final class Packager {

    /** How long the recording start may take to show its sign-in screen (a loaded 2-core machine needs a minute). */
    private static final Duration RECORD_TIMEOUT = Duration.ofMinutes(4);
    private static final int RECORD_ATTEMPTS = 3;

    /** What a build produced and how long it took. */
    public record Build(Path deb, long debBytes, long runtimeBytes, long inputBytes, long jlinkMillis, long totalMillis) {
    }

    private final PrintStream out;
    private final PrintStream err;

    public Packager(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public Build build(PackageLayout layout) throws IOException {
        long start = System.nanoTime();
        deleteTree(Path.of(layout.runtime()));
        deleteTree(Path.of(layout.dist()));
        run("jlink", layout.jlinkArgs());
        long jlinkMillis = (System.nanoTime() - start) / 1_000_000;
        recordClassList(layout);
        run("jpackage", layout.jpackageArgs("deb"));
        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        Path deb;
        try (Stream<Path> files = Files.list(Path.of(layout.dist()))) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IOException("jpackage made no .deb in " + layout.dist()));
        }
        return new Build(deb, Files.size(deb), treeSize(Path.of(layout.runtime())), treeSize(Path.of(layout.input())),
                jlinkMillis, totalMillis);
    }

    /**
     * Starts the workstation once on the linked runtime under Xvfb (training mode, an empty data
     * directory) until it logs that the sign-in screen is shown, then stops it (SIGTERM: the JVM exits in
     * order). The JVM writes each class to {@link PackageLayout#classList()} as it loads it; postinst
     * turns that list into the class-data sharing archive. Fails the build when the start does not get
     * there (no xvfb-run, a broken runtime): a package without its list would quietly start slower.
     */
    void recordClassList(PackageLayout layout) throws IOException {
        // xvfb-run -a can pick a display another xvfb-run is taking at the same moment (then the start
        // fails with "Unable to open DISPLAY"): a new start usually gets a free one.
        for (int attempt = 1; ; attempt++) {
            try {
                recordOnce(layout);
                return;
            } catch (IllegalStateException e) {
                if (attempt == RECORD_ATTEMPTS) {
                    throw e;
                }
                err.println("class list: attempt " + attempt + " failed, trying again (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
    }

    private void recordOnce(PackageLayout layout) throws IOException {
        Path list = Path.of(layout.classList());
        Files.deleteIfExists(list);
        Path data = Files.createTempDirectory("madoguchi-classlist");
        List<String> jars;
        try (Stream<Path> files = Files.list(Path.of(layout.input()))) {
            jars = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jar")).toList();
        }
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
        command.addAll(layout.recordArgs(jars, data.toString()));
        out.println("+ " + String.join(" ", command));
        Path log = data.resolve("logs/madoguchi.log");
        Path output = data.resolve("record.out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + RECORD_TIMEOUT.toNanos();
            boolean shown = false;
            while (!shown && p.isAlive() && System.nanoTime() < deadline) {
                shown = Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(PackageLayout.SHOWN);
                Thread.sleep(250);
            }
            if (!shown) {
                throw new IllegalStateException("the recording start did not reach the sign-in screen; its output:\n"
                        + (Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while recording the class list", e);
        } finally {
            stop(p);
        }
        List<String> classes = Files.readAllLines(list, StandardCharsets.UTF_8);
        if (!classes.contains(PackageLayout.MAIN_CLASS.replace('.', '/'))) {
            throw new IllegalStateException("the class list " + list + " lacks the main class");
        }
        out.println("recorded " + classes.size() + " classes into " + list);
        deleteTree(data);
    }

    /** SIGTERM to the JVM (the child of xvfb-run), which lets xvfb-run stop Xvfb; then whatever is left, forcibly. */
    private static void stop(Process p) {
        p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private void run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (a full JDK 17 is needed)"));
        out.println("+ " + tool + " " + String.join(" ", args));
        int rc = provider.run(out, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + rc);
        }
    }

    static long treeSize(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
