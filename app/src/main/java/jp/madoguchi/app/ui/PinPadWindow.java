package jp.madoguchi.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import jp.madoguchi.app.counter.domain.PinType;

/**
 * The resident's window (touch panel or second screen): a large PIN pad with masked entry — one mark
 * per character, never the character — the format hint of the PIN asked for, the weak-PIN warning,
 * and 訂正 / 決定. Keys: digits (and A–Z for the signing PIN), Backspace, Esc (訂正), Enter (決定).
 * The clerk's window only says which PIN is being entered. {@link #close()} releases its listeners
 * and closes the window. FX thread only.
 */
final class PinPadWindow {

    private final Stage stage = new Stage();
    private final PinPadViewModel vm;
    private final GridPane letters = new GridPane();
    private final List<Runnable> releases = new ArrayList<>();
    private final Button ok;

    PinPadWindow(Texts texts, PinPadViewModel vm, Window owner, Appearance appearance) {
        this.vm = vm;
        Label prompt = Controls.label(vm.promptProperty(), "padPrompt");
        prompt.getStyleClass().add("pad-prompt");
        Label masked = Controls.label(vm.maskedProperty(), "padMasked");
        masked.accessibleTextProperty().unbind();
        masked.accessibleTextProperty().bind(texts.bindComputed(() -> texts.format("pinpad.masked.a11y",
                java.util.Map.of("n", vm.lengthProperty().get())), vm.lengthProperty()));
        masked.getStyleClass().add("pad-masked");
        Label hint = Controls.label(vm.hintProperty(), "padHint");
        hint.getStyleClass().add("hint");
        Label warning = Controls.label(vm.warningProperty(), "padWarning");
        warning.getStyleClass().add("pad-warning");
        warning.visibleProperty().bind(vm.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        Label error = Controls.label(vm.errorProperty(), "padError");
        error.getStyleClass().add("failure");
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        for (Label l : List.of(prompt, masked, hint, warning, error)) {
            // Wrapped texts keep their full height: the keys below shrink first, never a message.
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
            l.setAlignment(Pos.CENTER);
            l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        }

        GridPane digits = new GridPane();
        digits.setHgap(10);
        digits.setVgap(10);
        String[] order = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
        for (int i = 0; i < order.length; i++) {
            if (order[i].isEmpty()) {
                continue;
            }
            digits.add(padKey(order[i].charAt(0)), i % 3, i / 3);
        }
        letters.setHgap(6);
        letters.setVgap(6);
        for (char c = 'A'; c <= 'Z'; c++) {
            Button b = padKey(c);
            b.getStyleClass().add("pad-letter");
            letters.add(b, (c - 'A') % 9, (c - 'A') / 9);
        }
        Button back = Controls.button(texts.bind("pinpad.backspace"), texts.bind("pinpad.backspace.a11y"), "padBackspace");
        back.setOnAction(e -> vm.backspace());
        Button correct = Controls.button(texts.bind("pinpad.correct"), texts.bind("pinpad.correct.a11y"), "padCorrect");
        correct.setOnAction(e -> vm.correct());
        ok = Controls.button(texts.bind("pinpad.ok"), texts.bind("pinpad.ok.a11y"), "padOk");
        ok.setOnAction(e -> vm.submit());
        for (Button b : List.of(back, correct, ok)) {
            b.getStyleClass().add("pad-action");
            b.setFocusTraversable(false);
        }
        HBox actions = new HBox(12, correct, back, ok);
        actions.setAlignment(Pos.CENTER);
        VBox root = new VBox(10, prompt, masked, hint, warning, error, digits, letters, actions);
        root.setAlignment(Pos.TOP_CENTER);
        digits.setAlignment(Pos.CENTER);
        letters.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(20));
        root.getStyleClass().add("pin-pad");
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        root.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            String s = e.getCharacter();
            if (s != null && s.length() == 1 && Character.isLetterOrDigit(s.charAt(0))) {
                vm.key(s.charAt(0));
                e.consume();
            }
        });
        ChangeListener<PinType> onType = (o, a, t) -> showLetters();
        vm.typeProperty().addListener(onType);
        releases.add(() -> vm.typeProperty().removeListener(onType));
        showLetters();
        ChangeListener<Number> fontSize = (o, a, px) -> root.setStyle("-fx-font-size: " + (px.intValue() + 4) + "px;");
        appearance.fontSizeProperty().addListener(fontSize);
        releases.add(() -> appearance.fontSizeProperty().removeListener(fontSize));
        root.setStyle("-fx-font-size: " + (appearance.fontSizeProperty().get() + 4) + "px;");

        Scene scene = new Scene(root, 600, 740);
        scene.getStylesheets().add(WorkstationWindow.class.getResource(WorkstationWindow.STYLE).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(texts.bind("pinpad.title"));
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnCloseRequest(e -> e.consume());
    }

    private Button padKey(char c) {
        Button b = new Button(String.valueOf(c));
        b.setAccessibleText(String.valueOf(c));
        b.setId("padKey-" + c);
        b.getStyleClass().add("pad-key");
        b.setFocusTraversable(false);
        b.setOnAction(e -> vm.key(c));
        return b;
    }

    private void showLetters() {
        letters.setVisible(vm.lettersAllowed());
        letters.setManaged(vm.lettersAllowed());
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case ENTER -> vm.submit();
            case ESCAPE -> vm.correct();
            case BACK_SPACE -> vm.backspace();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** The resident's window as a node tree, for screenshots and tests. */
    Stage stage() {
        return stage;
    }

    void show() {
        if (!stage.isShowing()) {
            stage.show();
        }
        stage.toFront();
        stage.requestFocus();
        ok.requestFocus();
    }

    void hide() {
        stage.hide();
    }

    void close() {
        releases.forEach(Runnable::run);
        releases.clear();
        stage.titleProperty().unbind();
        stage.hide();
    }
}
