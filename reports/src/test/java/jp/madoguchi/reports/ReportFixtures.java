package jp.madoguchi.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** One engine for the whole test run, and the preview writer (PDF + one PNG per page via pdftoppm). */
final class ReportFixtures {

    static final ReportEngine ENGINE = new ReportEngine();
    static final Path PREVIEWS = Path.of("target", "report-previews");

    private ReportFixtures() {
    }

    static Locale locale(String language) {
        return "en".equals(language) ? Locale.ENGLISH : Locale.JAPANESE;
    }

    /** Writes {@code name.pdf} and {@code name-N.png} per page; returns how many PNGs were made. */
    static long preview(String name, byte[] pdf) throws IOException, InterruptedException {
        Files.createDirectories(PREVIEWS);
        Path file = PREVIEWS.resolve(name + ".pdf");
        Files.write(file, pdf);
        try (var old = Files.list(PREVIEWS)) {
            for (Path p : old.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "-\\d+\\.png")).toList()) {
                Files.delete(p);
            }
        }
        Process pdftoppm = new ProcessBuilder("pdftoppm", "-r", "72", "-png", file.toString(), PREVIEWS.resolve(name).toString())
                .redirectErrorStream(true).start();
        String output = new String(pdftoppm.getInputStream().readAllBytes());
        if (!pdftoppm.waitFor(60, TimeUnit.SECONDS) || pdftoppm.exitValue() != 0) {
            throw new IllegalStateException("pdftoppm failed on " + file + ": " + output);
        }
        try (var pngs = Files.list(PREVIEWS)) {
            return pngs.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "-\\d+\\.png")).count();
        }
    }
}
