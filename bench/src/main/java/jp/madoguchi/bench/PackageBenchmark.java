package jp.madoguchi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.madoguchi.installer.PackageLayout;
import jp.madoguchi.installer.Packager;

/**
 * The .deb's build time and size. Rebuilds runtime and package from the jpackage input that
 * {@code ./mado package} prepared (installer/target/jpackage/input), with the release compression.
 * Baselines from the same run: jlink alone for the time, the uncompressed input + runtime for the size.
 */
public final class PackageBenchmark implements Benchmark {

    @Override
    public String name() {
        return "package";
    }

    @Override
    public List<BenchRow> run() throws Exception {
        Path installer = Path.of(System.getProperty("madoguchi.root", ".")).resolve("installer").toAbsolutePath();
        Path input = installer.resolve("target/jpackage/input");
        if (!Files.isDirectory(input)) {
            throw new IllegalStateException("no jpackage input at " + input + ": run ./mado package first");
        }
        Path work = Files.createTempDirectory("madoguchi-bench-package");
        PackageLayout layout = new PackageLayout(input.toString(), "app-0.1.0-SNAPSHOT.jar",
                installer.resolve("src/deb").toString(), work.toString(), "0.1.0");
        var quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        Packager.Build build = new Packager(quiet, quiet).build(layout);
        double mb = 1e6;
        return List.of(
                new BenchRow(".deb build time vs jlink alone", build.totalMillis() / 1000.0, build.jlinkMillis() / 1000.0,
                        "s", "report", Double.NaN),
                new BenchRow(".deb size vs uncompressed app + runtime", build.debBytes() / mb,
                        (build.inputBytes() + build.runtimeBytes()) / mb, "MB", "report", Double.NaN));
    }
}
