package jp.madoguchi.app.ui;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javafx.application.Application;
import javafx.stage.Stage;
import jp.madoguchi.app.selfcheck.SelfCheck;
import jp.madoguchi.app.station.CounterServices;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.reports.ReportEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: opens the staff file and the counter's parts ({@link CounterServices}, the
 * composition root) in {@link #init()} (the launcher thread, so neither the disk nor the card is
 * touched on the FX thread), then shows the {@link WorkstationWindow}; {@link #stop()} closes them.
 * A part that does not open leaves a coded failure in the status bar; the window opens all the same.
 */
public final class WorkstationApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(WorkstationApplication.class);
    private static volatile Configuration configuration;

    private Configuration config;
    private StaffDirectory staff;
    private BackgroundTaskExecutor executor;
    private CounterServices services;
    private ReportEngine reports;
    private WorkstationWindow window;

    /** Starts JavaFX with the given configuration; returns when the last window closes. */
    public static void launch(Configuration config, String[] args) {
        configuration = config;
        Application.launch(WorkstationApplication.class, args);
    }

    @Override
    public void init() {
        config = configuration;
        executor = new BackgroundTaskExecutor();
        try {
            staff = StaffDirectory.open(config.dataDirectory(), Clock.systemUTC(), LockoutRule.of(config), new PasswordHasher(),
                    BlockingCallGuard.FORBID_FX_THREAD);
        } catch (UncheckedIOException e) {
            LOG.error("{}: staff file unusable", UiFailure.STAFF_FILE_UNUSABLE.code(), e);
            staff = null;
        }
        services = CounterServices.open(config, Clock.systemUTC());
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
        Workstation ws = new Workstation(OfficeIdentity.of(c), c.getBoolean("training.mode"),
                new Texts(Locale.forLanguageTag(c.get("ui.locale"))), new Appearance(), staff, executor, UiThread.FX,
                Clock.systemUTC(), idleLimit(c), Duration.ofSeconds(5), services.readerStatus(), services.syncStatus(),
                new FxDialogService(stage), () -> {
                    BlockingCallGuard.FORBID_FX_THREAD.run();
                    return new SelfCheck(c).run();
                }, services, reports, new FxSaveFileDialog(stage));
        window = new WorkstationWindow(stage, ws);
        LOG.info("sign-in screen shown for office {} ({}) terminal {}", c.get("office.code"), c.get("office.type"),
                c.get("terminal.id"));
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        executor.close();
        services.close();
    }
}
