package jp.madoguchi.reports.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Build step (Maven, process-classes): compiles every {@code .jrxml} under the source directory to a
 * {@code .jasper} beside the classes. The product only ever loads the compiled files, so a template
 * error fails the build instead of a counter's print.
 */
public final class CompileTemplates {

    private CompileTemplates() {
    }

    public static void main(String[] args) throws IOException, JRException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompileTemplates SOURCE_DIR TARGET_DIR");
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Files.createDirectories(target);
        List<Path> templates;
        try (Stream<Path> files = Files.list(source)) {
            templates = files.filter(p -> p.getFileName().toString().endsWith(".jrxml")).sorted().toList();
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException("no .jrxml templates in " + source);
        }
        for (Path jrxml : templates) {
            String base = jrxml.getFileName().toString().replaceFirst("\\.jrxml$", "");
            Path jasper = target.resolve(base + ".jasper");
            JasperCompileManager.compileReportToFile(jrxml.toString(), jasper.toString());
        }
        System.out.println("compiled " + templates.size() + " report templates into " + target);
    }
}
