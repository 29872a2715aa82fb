package jp.madoguchi.app.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A screen whose module is not in this build yet: says so plainly, and which module it waits for. */
final class UnavailableView implements ScreenView {

    private final VBox root;
    private final Label text;

    UnavailableView(Texts texts, Screen screen) {
        Label title = Controls.label(texts.bind("unavailable.title"), "unavailableTitle");
        title.getStyleClass().add("screen-subtitle");
        text = Controls.label(texts.bind(screen.unavailableKey()), "unavailableText");
        text.setFocusTraversable(true);
        root = new VBox(12, title, text);
        root.setPadding(new Insets(8));
        root.getStyleClass().add("unavailable");
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Node firstFocus() {
        return text;
    }

    @Override
    public void close() {
        text.textProperty().unbind();
        text.accessibleTextProperty().unbind();
    }
}
