package jp.madoguchi.app.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.station.StationFixture;
import jp.madoguchi.sim.central.factory.CardFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the TestFX tests of the counter screens on the composition root share (the card panel, the
 * face photo, awaiting delivery, sync & cases): one {@link StationFixture} per test class (the class
 * lifecycle is PER_CLASS, so the station and {@link #dir} serve all its tests) whose link is up and whose
 * read cache holds every made card, the workstation window opened on its services with a real staff
 * file, and the robot's small vocabulary (read a label, wait for a condition, a delivered card's
 * profile for the in-JVM reader).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StationWindowRobot extends FxRobot {

    /**
     * The class's directory: central, the workstation's data, the cards' profiles. Static, so that JUnit
     * makes it before {@link #openStation} (a fresh one for each test class, deleted after it).
     */
    @TempDir
    static Path dir;
    /** One station for all tests of the class, opened before the first. */
    StationFixture station;
    BackgroundTaskExecutor executor;
    WorkstationWindow window;
    Stage stage;
    Texts texts;

    /** How many cards central's factory makes for the class's station. */
    abstract int cards();

    /** The station, once its link is ONLINE and its read cache holds every made card. */
    @BeforeAll
    void openStation() throws Exception {
        station = new StationFixture(dir, cards());
        StationFixture.await("link ONLINE and the feed read", Duration.ofSeconds(30),
                () -> station.services.engine().link() == jp.madoguchi.cache.LinkState.ONLINE
                        && station.services.forStaff(clerk()).cache().cards("ISSUED").size() == cards());
    }

    @AfterAll
    void closeStation() throws Exception {
        station.close();
    }

    static StaffAccount clerk() {
        return new StaffAccount("C001", "窓口 花子", StaffRole.CLERK, 0, null);
    }

    /**
     * Opens the window on the station's services, its staff file in the station's data directory:
     * {@code provision} fills it the first time (the file outlives one test).
     */
    void open(java.util.function.Consumer<StaffDirectory> provision) throws Exception {
        StaffDirectory directory = StaffDirectory.open(station.data, Clock.systemUTC(), new LockoutRule(5, Duration.ofMinutes(15)),
                new PasswordHasher(10_000), BlockingCallGuard.FORBID_FX_THREAD);
        if (directory.isEmpty()) {
            provision.accept(directory);
        }
        executor = new BackgroundTaskExecutor();
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            texts = new Texts(Locale.JAPANESE);
            Workstation ws = new Workstation(new OfficeIdentity("MUNICIPAL", StationFixture.OFFICE, "T01"), false, texts, new Appearance(),
                    directory, executor, UiThread.FX, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofMillis(200),
                    station.services.readerStatus(), station.services.syncStatus(), (title, question) -> true, List::of,
                    station.services, new jp.madoguchi.reports.ReportEngine(), (title, name) -> java.util.Optional.empty());
            window = new WorkstationWindow(stage, ws);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Pulls the card from the in-JVM reader and closes what {@link #open} opened (safe when it opened nothing). */
    @AfterEach
    void closeWindow() throws Exception {
        station.services.trainingReaders().orElseThrow().remove(0);
        if (window != null) {
            FxToolkit.setupFixture(window::close);
            window = null;
        }
        if (executor != null) {
            executor.close();
            executor = null;
        }
    }

    /** Signs {@code id} in on the sign-in screen and waits for the main screen. */
    void signIn(String id, String password) throws Exception {
        clickOn("#staffId");
        write(id);
        type(KeyCode.TAB);
        write(password);
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#mainHeader").tryQuery().isPresent());
    }

    void waitUntil(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    String text(String id) {
        return lookup(id).queryAs(Labeled.class).getText();
    }

    /**
     * The profile of {@code made} as a delivered card (OPERATIONAL, each named PIN set to its value
     * with its tries left), written beside the made one under {@code dir}.
     */
    static Path delivered(CardFactory.Made made, Path dir, Map<String, Map.Entry<String, Integer>> pins) throws Exception {
        ObjectNode profile = (ObjectNode) new ObjectMapper().readTree(made.profile().toFile());
        profile.put("lifeCycle", "OPERATIONAL");
        pins.forEach((name, pin) -> ((ObjectNode) profile.path("pins").path(name)).put("value", pin.getKey()).put("triesLeft", pin.getValue()));
        Path file = dir.resolve("delivered-" + made.cardSerial() + ".json");
        new ObjectMapper().writeValue(file.toFile(), profile);
        return file;
    }
}
