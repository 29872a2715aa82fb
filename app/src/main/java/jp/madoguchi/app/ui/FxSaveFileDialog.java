package jp.madoguchi.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link SaveFileDialog} with the platform's file chooser, offering PDF files. FX thread only. */
public final class FxSaveFileDialog implements SaveFileDialog {

    private final Window owner;

    public FxSaveFileDialog(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> choose(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File file = chooser.showSaveDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }
}
