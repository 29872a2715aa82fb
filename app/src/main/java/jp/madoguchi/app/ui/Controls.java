package jp.madoguchi.app.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.util.StringConverter;

/**
 * Builds the few kinds of control every screen uses, each with its text and its accessible text
 * bound to the {@link Texts}, so a screen reader hears the current language too.
 */
final class Controls {

    private Controls() {
    }

    static Label label(ObservableValue<String> text, String id) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.accessibleTextProperty().bind(text);
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    static Button button(ObservableValue<String> text, ObservableValue<String> accessibleText, String id) {
        Button button = new Button();
        button.textProperty().bind(text);
        button.accessibleTextProperty().bind(accessibleText);
        button.setId(id);
        return button;
    }

    /**
     * A list of ready-made lines (wrapped, each line its own accessible text), named {@code text} for a
     * screen reader.
     */
    static javafx.scene.control.ListView<String> lines(javafx.collections.ObservableList<String> items,
            ObservableValue<String> text, String id) {
        javafx.scene.control.ListView<String> list = new javafx.scene.control.ListView<>(items);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
                setAccessibleText(empty ? null : line);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        return accessible(list, text, id);
    }

    /**
     * A date picker showing {@code 2026/11/26} in every language (the JDK's default follows the JVM's
     * locale, e.g. 11/26/2026, which a Japanese counter misreads). Typed text that is not a date keeps
     * the previous value.
     */
    static DatePicker datePicker(ObservableValue<String> text, String id) {
        DatePicker picker = new DatePicker();
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("uuuu/MM/dd");
        DateTimeFormatter typed = DateTimeFormatter.ofPattern("uuuu/M/d");
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return date == null ? "" : shown.format(date);
            }

            @Override
            public LocalDate fromString(String s) {
                if (s == null || s.isBlank()) {
                    return null;
                }
                try {
                    return LocalDate.parse(s.strip(), typed);
                } catch (DateTimeParseException e) {
                    return picker.getValue();
                }
            }
        });
        return accessible(picker, text, id);
    }

    /** Binds a control's accessible text (what a screen reader says for it) to {@code text}. */
    static <C extends Control> C accessible(C control, ObservableValue<String> text, String id) {
        control.accessibleTextProperty().bind(text);
        control.setId(id);
        return control;
    }
}
