package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.madoguchi.app.counter.workflow.CounterStack;
import jp.madoguchi.app.staff.LockoutRule;
import jp.madoguchi.app.staff.PasswordHasher;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.common.testing.MutableClock;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the TestFX tests of the workflow wizards share: the workstation window on a counter stack's
 * station (central over mTLS, the card in pcscd's virtual reader), signed in and on F2, and the
 * robot's small vocabulary (tap the resident's pad, read a label, wait for a condition).
 */
abstract class WizardRobot extends FxRobot {

    BackgroundTaskExecutor executor;
    WorkstationWindow window;
    Stage stage;
    Texts texts;

    /**
     * Opens the window on {@code stack}'s station (the staff file's checks are forbidden on the FX
     * thread), signs {@code staffId} in and waits on the choice of workflow (F2).
     */
    void openOnWorkflows(CounterStack stack, StaffDirectory directory, MutableClock clock, String staffId, String password,
            DialogService dialogs, SaveFileDialog saveDialog) throws Exception {
        openOnWorkflows(staff -> stack.station, directory, clock, staffId, password, dialogs, saveDialog);
    }

    /** As above, with the station the signed-in staff member gets from {@code stations} (a supervisor's own station). */
    void openOnWorkflows(CounterStations stations, StaffDirectory directory, MutableClock clock, String staffId, String password,
            DialogService dialogs, SaveFileDialog saveDialog) throws Exception {
        executor = new BackgroundTaskExecutor();
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            texts = new Texts(Locale.JAPANESE);
            Workstation ws = new Workstation(new OfficeIdentity("MUNICIPAL", CounterStack.OFFICE, "T01"), false, texts,
                    new Appearance(), directory, executor, UiThread.FX, clock, Duration.ofMinutes(30), Duration.ofMillis(200),
                    new PublishingStatusSource<>(ReaderStatus.NOT_CONNECTED)::subscribe,
                    new PublishingStatusSource<>(SyncStatus.NOT_CONNECTED)::subscribe, dialogs, List::of, staff -> {
                        BlockingCallGuard.FORBID_FX_THREAD.run();
                        return stations.forStaff(staff);
                    }, new jp.madoguchi.reports.ReportEngine(), saveDialog);
            window = new WorkstationWindow(stage, ws);
        });
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#staffId");
        write(staffId);
        type(KeyCode.TAB);
        write(password);
        type(KeyCode.ENTER);
        waitUntil(() -> lookup("#mainHeader").tryQuery().isPresent());
        type(KeyCode.F2);
        waitUntil(() -> lookup("#actDelivery").tryQuery().map(Node::isFocused).orElse(false));
    }

    /** A staff file with two clerks (C001, C002) and a supervisor (S001), on {@code clock}. */
    static StaffDirectory clerksAndSupervisor(Path data, MutableClock clock) {
        StaffDirectory directory = StaffDirectory.open(data, clock, new LockoutRule(3, Duration.ofMinutes(15)),
                new PasswordHasher(10_000), BlockingCallGuard.FORBID_FX_THREAD);
        directory.provision("C001", "窓口 一郎", StaffRole.CLERK, "clerk-password-1".toCharArray());
        directory.provision("C002", "窓口 二郎", StaffRole.CLERK, "clerk-password-2".toCharArray());
        directory.provision("S001", "責任 太郎", StaffRole.SUPERVISOR, "supervisor-password-1".toCharArray());
        return directory;
    }

    /** Closes the window and the executor a test opened (safe when it opened none). */
    void closeWindow() throws Exception {
        if (window != null) {
            FxToolkit.setupFixture(window::close);
        }
        if (executor != null) {
            executor.close();
        }
    }

    /** The resident taps the keys on the pad. */
    void tap(String keys) {
        for (char c : keys.toCharArray()) {
            clickOn("#padKey-" + c);
        }
    }

    @SuppressWarnings("unchecked")
    <T extends Node> T node(String id) {
        return (T) lookup(id).query();
    }

    String text(String id) {
        return lookup(id).tryQuery().map(n -> n instanceof Labeled l ? l.getText() : "").orElse("");
    }

    void waitUntil(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Nothing in the clerk's window (labels, fields, lists) carries the resident's PIN. */
    void assertClerkWindowShowsNo(String... pins) {
        List<String> shown = new ArrayList<>();
        collect(stage.getScene().getRoot(), shown);
        for (String pin : pins) {
            assertThat(shown).as("the clerk's window").noneMatch(s -> s.contains(pin));
        }
    }

    private static void collect(Node node, List<String> out) {
        if (node instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (node instanceof TextInputControl t) {
            out.add(t.getText());
        }
        if (node instanceof ListView<?> list) {
            list.getItems().forEach(i -> out.add(String.valueOf(i)));
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }
}
