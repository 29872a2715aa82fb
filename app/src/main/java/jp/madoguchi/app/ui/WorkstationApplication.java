package jp.madoguchi.app.ui;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javafx.application.Application;
import javafx.stage.Stage;
import jp.madoguchi.app.selfcheck.SelfCheck;
import jp.madoguchi.app.station.BackgroundCounterServices;
import jp.madoguchi.app.station.CounterServices;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.reports.ReportEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: opens the staff file in {@link #init()} (the launcher thread, so the disk is
 * not touched on the FX thread), shows the {@link WorkstationWindow} with its sign-in screen, and only
 * then starts opening the counter's parts ({@link CounterServices}, the composition root) on a thread of
 * their own ({@link BackgroundCounterServices}): signing in needs only the staff file, and the first
 * frame no longer waits for the card thread, the store and the TLS client (issue 8, docs/decisions/0005).
 * A part that does not open leaves a coded failure in the status bar; the window works all the same.
 * {@link #stop()} closes the window, the executor and the parts (waiting for an opening still running).
 */
public final class WorkstationApplication extends Application {

    private static volatile Configuration configuration;

    private Configuration config;
    private StaffDirectory staff;
    private BackgroundTaskExecutor executor;
    private BackgroundCounterServices services;
    private ReportEngine reports;
    private WorkstationWindow window;

    /**
     * Starts JavaFX with the given configuration; returns when the last window closes. The logging
     * system configures itself (logback's XML: ~500 classes) on a thread of its own while JavaFX starts
     * its toolkit, instead of before it; SLF4J hands out substitute loggers meanwhile and replays what
     * they logged. For that, nothing on this path may touch SLF4J first: this class has no static logger.
     */
    public static void launch(Configuration config, String[] args) {
        configuration = config;
        Thread logging = new Thread(LoggerFactory::getILoggerFactory, "logging-init");
        logging.setDaemon(true);
        logging.start();
        Application.launch(WorkstationApplication.class, args);
    }

    private static Logger log() {
        return LoggerFactory.getLogger(WorkstationApplication.class);
    }

    @Override
    public void init() {
        config = configuration;
        executor = new BackgroundTaskExecutor();
        try {
            staff = StaffDirectory.open(config.dataDirectory(), Clock.systemUTC(), LockoutRule.of(config), new PasswordHasher(),
                    BlockingCallGuard.FORBID_FX_THREAD);
        } catch (UncheckedIOException e) {
            log().error("{}: staff file unusable", UiFailure.STAFF_FILE_UNUSABLE.code(), e);
            staff = null;
        }
        // Cheap: the engine reads its templates and fonts when the first report is made.
        reports = new ReportEngine();
    }

    /** The inactivity limit of the configuration, 1-120 minutes. */
    public static Duration idleLimit(Configuration config) {
        int minutes = config.getInt("ui.autolock.minutes");
        if (minutes < 1 || minutes > 120) {
            throw new IllegalArgumentException("ui.autolock.minutes must be 1-120, not " + minutes);
        }
        return Duration.ofMinutes(minutes);
    }

    @Override
    public void start(Stage stage) {
        Configuration c = config;
        services = new BackgroundCounterServices(c, Clock.systemUTC());
        Workstation ws = new Workstation(OfficeIdentity.of(c), c.getBoolean("training.mode"),
                new Texts(Locale.forLanguageTag(c.get("ui.locale"))), new Appearance(), staff, executor, UiThread.FX,
                Clock.systemUTC(), idleLimit(c), Duration.ofSeconds(5), services.readerStatus(), services.syncStatus(),
                new FxDialogService(stage), () -> {
                    BlockingCallGuard.FORBID_FX_THREAD.run();
                    return new SelfCheck(c).run();
                }, services, reports, new FxSaveFileDialog(stage));
        window = new WorkstationWindow(stage, ws);
        log().info("sign-in screen shown for office {} ({}) terminal {}", c.get("office.code"), c.get("office.type"),
                c.get("terminal.id"));
        services.startOpening();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        executor.close();
        if (services != null) {
            services.close();
        }
    }
}
