package jp.madoguchi.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Runs jlink then jpackage for a {@link PackageLayout}, in this JVM (the JDK's ToolProviders), and
 * measures them. Not thread-safe: one build per work directory at a time.
 */
public final class Packager {

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
