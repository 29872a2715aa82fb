package jp.madoguchi.app.ui;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.reporting.PeriodReports;
import jp.madoguchi.app.staff.StaffSession;
import jp.madoguchi.reports.ReportService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one window: the sign-in screen until someone signs in, then the main view until the session
 * locks (F12 or inactivity), then the sign-in screen again. Font size and theme are applied to a
 * frame that outlives both. FX-thread confined.
 */
public final class WorkstationWindow {

    private static final Logger LOG = LoggerFactory.getLogger(WorkstationWindow.class);
    static final String STYLE = "madoguchi.css";
    static final String HIGH_CONTRAST = "high-contrast.css";

    private final Workstation ws;
    private final StackPane frame = new StackPane();
    private MainView main;

    public WorkstationWindow(Stage stage, Workstation ws) {
        this.ws = ws;
        Scene scene = new Scene(frame, 1200, 760);
        scene.getStylesheets().add(WorkstationWindow.class.getResource(STYLE).toExternalForm());
        ws.appearance().fontSizeProperty().addListener((o, a, b) -> applyFontSize());
        ws.appearance().highContrastProperty().addListener((o, a, b) -> applyTheme(scene));
        applyFontSize();
        applyTheme(scene);
        stage.titleProperty().bind(ws.texts().bind("app.title"));
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!allowClose()) {
                e.consume();
            }
        });
        showSignIn(null);
        stage.show();
    }

    /** Closing while someone is signed in needs their confirmation; on the sign-in screen it does not. */
    boolean allowClose() {
        return main == null || ws.dialogs().confirm(ws.texts().get("main.quit.title"), ws.texts().get("main.quit.question"));
    }

    private void applyFontSize() {
        frame.setStyle("-fx-font-size: " + ws.appearance().fontSizeProperty().get() + "px;");
    }

    private void applyTheme(Scene scene) {
        String url = WorkstationWindow.class.getResource(HIGH_CONTRAST).toExternalForm();
        scene.getStylesheets().remove(url);
        if (ws.appearance().highContrastProperty().get()) {
            scene.getStylesheets().add(url);
        }
    }

    /** Shows the sign-in screen; {@code lockedStaffId} is the id of a session that just locked, or null. */
    void showSignIn(String lockedStaffId) {
        if (main != null) {
            main.close();
            main = null;
        }
        SignInViewModel vm = new SignInViewModel(ws.texts(), ws.staff(), ws.executor(), ws.uiThread(), ws.idleLimit(),
                this::showMain);
        if (ws.staff() == null) {
            vm.unusable();
        } else {
            vm.checkProvisioned(ws.staff().isEmpty());
        }
        if (lockedStaffId != null) {
            vm.lockedFor(lockedStaffId);
        }
        SignInView view = new SignInView(ws.texts(), vm, ws.office(), ws.trainingMode());
        frame.getChildren().setAll(view.node());
        view.focus();
    }

    private void showMain(StaffSession session) {
        MainViewModel vm = new MainViewModel(ws.texts(), session, ws.office());
        StatusBarViewModel status = new StatusBarViewModel(ws.texts(), ws.readerStatus(), ws.syncStatus(), ws.uiThread(),
                ws.clock(), ws.trainingMode());
        main = new MainView(ws.texts(), vm, status, screen -> createScreen(screen, session), javafx.util.Duration.millis(ws.tick().toMillis()));
        vm.lockedProperty().addListener((o, a, locked) -> {
            if (locked) {
                LOG.info("screen locked for staff {}", session.staff().staffId());
                showSignIn(session.staff().staffId());
            }
        });
        frame.getChildren().setAll(main.node());
        main.focus();
    }

    private ScreenView createScreen(Screen screen, StaffSession session) {
        return switch (screen) {
            case SETTINGS -> new SettingsView(ws.texts(), new SettingsViewModel(ws.texts(), ws.appearance()));
            case DIAGNOSTICS -> new DiagnosticsView(ws.texts(),
                    new DiagnosticsViewModel(ws.texts(), ws.selfCheck(), ws.executor(), ws.uiThread(), ws.syncStatus()));
            case CARD -> new CardPanelView(ws.texts(),
                    new CardPanelViewModel(ws.texts(), station(session), ws.executor(), ws.uiThread(), ws.clock()));
            case WORKFLOWS -> workflows(session);
            case AWAITING_DELIVERY -> new AwaitingDeliveryView(ws.texts(),
                    new AwaitingDeliveryViewModel(ws.texts(), station(session), ws.executor(), ws.uiThread(), ws.clock()));
            case SYNC -> new SyncCasesView(ws.texts(), new SyncCasesViewModel(ws.texts(), station(session), ws.executor(), ws.uiThread()));
            case REPORTS -> new ReportsView(ws.texts(), new ReportsViewModel(ws.texts(), station(session),
                    new PeriodReports(new ReportService(ws.reports()), ws.reports(), ws.office().letterhead(),
                            new ValidityRules(), ws.clock(), ws.office().terminal()),
                    new ReportService(ws.reports()), ws.saveDialog(), ws.executor(), ws.uiThread(), ws.clock()));
        };
    }

    private ScreenView workflows(StaffSession session) {
        WizardViewModel vm = new WizardViewModel(ws.texts(), ws.executor(), ws.uiThread(), ws.dialogs(), ws.stations(),
                session.staff(), ws.staff(), new WizardPrinting(new ReportService(ws.reports()), ws.reports(), ws.saveDialog(),
                        ws.office().terminal(), ws.trainingMode()));
        return new WorkflowsView(ws.texts(), vm, new PinPadWindow(ws.texts(), vm.pad(), frame.getScene().getWindow(), ws.appearance()));
    }

    /** The signed-in staff member's station, opened on the executor by the screen that needs it. */
    private java.util.concurrent.Callable<jp.madoguchi.app.counter.workflow.CounterStation> station(StaffSession session) {
        return () -> ws.stations().forStaff(session.staff());
    }

    /** Closes the current screens (releasing their subscriptions). */
    public void close() {
        if (main != null) {
            main.close();
            main = null;
        }
    }
}
