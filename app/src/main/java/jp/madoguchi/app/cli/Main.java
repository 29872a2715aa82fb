package jp.madoguchi.app.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.madoguchi.app.selfcheck.SelfCheck;
import jp.madoguchi.app.ui.WorkstationApplication;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.common.FailureMessages;

/**
 * The workstation's entry point. A plain class, not a JavaFX {@code Application}, so the app starts
 * from the classpath (jpackage, ./mado) without the module-path launcher check.
 *
 * <p>{@code --write-machine-config --set key=value…} merges settings into the machine file (the
 * Windows silent install uses it). {@code --self-check} verifies the installation and exits (0 = ready, 3 = a check failed, 2 =
 * the configuration cannot be read). Otherwise it sets the log directory before anything touches SLF4J, so the first log line already lands in
 * the user's data directory.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--write-machine-config")) {
            try {
                System.out.println("wrote " + Configuration.writeMachineFile(Configuration.MACHINE_FILE, List.of(args)));
                System.exit(0);
            } catch (IllegalArgumentException | java.io.IOException e) {
                System.err.println("madoguchi: " + e.getMessage());
                System.exit(2);
            }
            return;
        }
        Configuration configuration;
        try {
            configuration = Configuration.load(List.of(args));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("madoguchi: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (List.of(args).contains("--self-check")) {
            System.exit(selfCheck(configuration));
            return;
        }
        System.setProperty("madoguchi.log.dir", configuration.dataDirectory().resolve("logs").toString());
        System.setProperty("madoguchi.log.level", configuration.get("log.level"));
        WorkstationApplication.launch(configuration, args);
    }

    /** Prints one line per check, in the configured language; 0 when all pass, 3 otherwise. */
    static int selfCheck(Configuration configuration) {
        Locale locale = Locale.forLanguageTag(configuration.get("ui.locale"));
        List<SelfCheck.Result> results = new SelfCheck(configuration).run();
        for (SelfCheck.Result r : results) {
            if (r.ok()) {
                System.out.printf("OK  %-18s %s%n", r.check(), r.detail());
            } else {
                System.out.printf("NG  %-18s %s %s%n    %s%n    %s%n", r.check(), r.failure().code(),
                        FailureMessages.message(r.failure(), locale, Map.of()), r.detail(),
                        FailureMessages.action(r.failure(), locale));
            }
        }
        return results.stream().allMatch(SelfCheck.Result::ok) ? 0 : 3;
    }
}
