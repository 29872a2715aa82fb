package jp.madoguchi.app.ui;

import java.util.Locale;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Language, font size and high contrast, each applied at once. */
final class SettingsView implements ScreenView {

    private final VBox root;
    private final ComboBox<Locale> language = new ComboBox<>();
    private final ComboBox<Integer> fontSize = new ComboBox<>();
    private final CheckBox highContrast = new CheckBox();
    private final SettingsViewModel vm;
    private final ObjectProperty<Integer> fontSizeObject;
    private final InvalidationListener relabel;
    private final Texts texts;

    SettingsView(Texts texts, SettingsViewModel vm) {
        this.vm = vm;
        this.texts = texts;
        language.getItems().setAll(Texts.LANGUAGES);
        StringConverter<Locale> names = new StringConverter<>() {
            @Override
            public String toString(Locale l) {
                return l == null ? "" : SettingsViewModel.languageName(l);
            }

            @Override
            public Locale fromString(String s) {
                return Texts.LANGUAGES.stream().filter(l -> SettingsViewModel.languageName(l).equals(s)).findFirst().orElse(null);
            }
        };
        language.setConverter(names);
        language.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Locale item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : SettingsViewModel.languageName(item));
            }
        });
        language.valueProperty().bindBidirectional(vm.languageProperty());
        Controls.accessible(language, texts.bind("settings.language"), "language");

        fontSize.getItems().setAll(Appearance.FONT_SIZES);
        fontSizeObject = vm.fontSizeProperty().asObject();
        fontSize.valueProperty().bindBidirectional(fontSizeObject);
        fontSize.setCellFactory(v -> pixelCell(texts));
        fontSize.setButtonCell(pixelCell(texts));
        relabel = o -> fontSize.setButtonCell(pixelCell(texts));
        texts.localeProperty().addListener(relabel);
        Controls.accessible(fontSize, texts.bind("settings.fontSize"), "fontSize");

        highContrast.selectedProperty().bindBidirectional(vm.highContrastProperty());
        highContrast.textProperty().bind(texts.bind("settings.highContrast.on"));
        Controls.accessible(highContrast, texts.bind("settings.highContrast"), "highContrast");

        Label languageLabel = Controls.label(texts.bind("settings.language"), "languageLabel");
        languageLabel.setLabelFor(language);
        Label fontLabel = Controls.label(texts.bind("settings.fontSize"), "fontSizeLabel");
        fontLabel.setLabelFor(fontSize);
        Label contrastLabel = Controls.label(texts.bind("settings.highContrast"), "highContrastLabel");
        contrastLabel.setLabelFor(highContrast);
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(14);
        grid.addRow(0, languageLabel, language);
        grid.addRow(1, fontLabel, fontSize);
        grid.addRow(2, contrastLabel, highContrast);
        Label note = Controls.label(texts.bind("settings.note"), "settingsNote");
        note.getStyleClass().add("hint");
        root = new VBox(18, grid, note);
        root.setPadding(new Insets(8));
    }

    /** "16 ピクセル" / "16 px". A new button cell per language makes the closed combo box re-render. */
    private static ListCell<Integer> pixelCell(Texts texts) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer px, boolean empty) {
                super.updateItem(px, empty);
                setText(empty || px == null ? "" : texts.format("settings.fontSize.px", Map.of("n", px)));
            }
        };
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Node firstFocus() {
        return language;
    }

    @Override
    public void close() {
        texts.localeProperty().removeListener(relabel);
        language.valueProperty().unbindBidirectional(vm.languageProperty());
        fontSize.valueProperty().unbindBidirectional(fontSizeObject);
        highContrast.selectedProperty().unbindBidirectional(vm.highContrastProperty());
    }
}
