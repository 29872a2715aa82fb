package jp.madoguchi.app.cli;

import java.util.List;
import jp.madoguchi.app.ui.WorkstationApplication;
import jp.madoguchi.common.Configuration;

/**
 * The workstation's entry point. A plain class, not a JavaFX {@code Application}, so the app starts
 * from the classpath (jpackage, ./mado) without the module-path launcher check.
 *
 * <p>Sets the log directory before anything touches SLF4J, so the first log line already lands in
 * the user's data directory.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Configuration configuration;
        try {
            configuration = Configuration.load(List.of(args));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("madoguchi: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.setProperty("madoguchi.log.dir", configuration.dataDirectory().resolve("logs").toString());
        System.setProperty("madoguchi.log.level", configuration.get("log.level"));
        WorkstationApplication.launch(configuration, args);
    }
}
