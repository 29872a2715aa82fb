package jp.madoguchi.app.ui;

import java.util.EnumMap;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The main window while signed in: header (office, staff, lock key), the navigation column (F1–F7),
 * the current screen, and the status bar. Key map: F1–F7 open the screens, F12 locks, Tab / Shift+Tab
 * move through the controls, Enter activates, arrows move in lists. Every event counts as activity
 * for the inactivity lock, which a timeline checks once per {@code tick}. {@link #close()} stops the
 * timeline, closes the current screen and the status bar (releasing their subscriptions).
 */
final class MainView {

    /** Builds the view of a screen. */
    interface ScreenFactory {
        ScreenView create(Screen screen);
    }

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final MainViewModel vm;
    private final StatusBarView statusBar;
    private final ScreenFactory factory;
    private final Texts texts;
    private final Map<Screen, Button> navButtons = new EnumMap<>(Screen.class);
    private final Timeline idleCheck;
    private final ChangeListener<Screen> onScreen;
    private final EventHandler<InputEvent> onActivity;
    private ScreenView current;

    MainView(Texts texts, MainViewModel vm, StatusBarViewModel statusVm, ScreenFactory factory, Duration tick) {
        this.texts = texts;
        this.vm = vm;
        this.factory = factory;
        this.statusBar = new StatusBarView(statusVm);

        Label header = Controls.label(vm.headerProperty(), "mainHeader");
        header.getStyleClass().add("header-text");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button lock = Controls.button(texts.bind("main.lock"), texts.bind("main.lock.a11y"), "lock");
        lock.setOnAction(e -> vm.lockNow());
        HBox top = new HBox(12, header, spacer, lock);
        top.getStyleClass().add("header");
        top.setPadding(new Insets(10, 14, 10, 14));
        VBox topBox = new VBox(top);
        if (statusVm.trainingMode()) {
            Label banner = Controls.label(statusVm.trainingTextProperty(), "trainingBanner");
            banner.getStyleClass().add("training-banner");
            banner.setMaxWidth(Double.MAX_VALUE);
            topBox.getChildren().add(0, banner);
        }

        VBox nav = new VBox(6);
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(12));
        for (Screen s : Screen.values()) {
            Button b = Controls.button(texts.bindComputed(() -> s.key().getName() + "  " + texts.get(s.titleKey())),
                    texts.bindComputed(() -> texts.get(s.titleKey()) + " (" + s.key().getName() + ")"), "nav-" + s.name());
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> vm.navigate(s));
            b.getStyleClass().add("nav-button");
            navButtons.put(s, b);
            nav.getChildren().add(b);
        }

        Label title = Controls.label(vm.screenTitleProperty(), "screenTitle");
        title.getStyleClass().add("screen-title");
        VBox centre = new VBox(12, title, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.setMaxHeight(Double.MAX_VALUE);
        centre.setPadding(new Insets(16, 20, 16, 20));

        root.setTop(topBox);
        root.setLeft(nav);
        root.setCenter(centre);
        root.setBottom(statusBar.node());
        root.getStyleClass().add("main");

        onScreen = (o, a, s) -> show(s);
        vm.screenProperty().addListener(onScreen);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        onActivity = e -> vm.activity();
        root.addEventFilter(KeyEvent.ANY, onActivity::handle);
        root.addEventFilter(MouseEvent.MOUSE_PRESSED, onActivity::handle);
        root.addEventFilter(MouseEvent.MOUSE_MOVED, onActivity::handle);
        idleCheck = new Timeline(new KeyFrame(tick, e -> {
            vm.checkIdle();
            statusVm.tick();
        }));
        idleCheck.setCycleCount(Animation.INDEFINITE);
        idleCheck.play();
        show(vm.screenProperty().get());
    }

    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.F12) {
            vm.lockNow();
            e.consume();
            return;
        }
        for (Screen s : Screen.values()) {
            if (s.key() == e.getCode() && !e.isShortcutDown() && !e.isAltDown()) {
                vm.navigate(s);
                e.consume();
                return;
            }
        }
    }

    private void show(Screen screen) {
        if (current != null) {
            current.close();
        }
        current = factory.create(screen);
        content.getChildren().setAll(current.node());
        navButtons.forEach((s, b) -> {
            b.getStyleClass().remove("nav-current");
            if (s == screen) {
                b.getStyleClass().add("nav-current");
            }
        });
        current.firstFocus().requestFocus();
    }

    Node node() {
        return root;
    }

    void focus() {
        current.firstFocus().requestFocus();
    }

    void close() {
        idleCheck.stop();
        vm.screenProperty().removeListener(onScreen);
        if (current != null) {
            current.close();
            current = null;
        }
        statusBar.close();
    }
}
