package jp.madoguchi.app.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The self-check rows, a button to run it again, and the versions. Runs the check when opened. */
final class DiagnosticsView implements ScreenView {

    private final VBox root;
    private final ListView<DiagnosticsViewModel.Row> list = new ListView<>();
    private final DiagnosticsViewModel vm;

    DiagnosticsView(Texts texts, DiagnosticsViewModel vm) {
        this.vm = vm;
        Label summary = Controls.label(vm.summaryProperty(), "diagSummary");
        Button rerun = Controls.button(texts.bind("diag.run"), texts.bind("diag.run.a11y"), "diagRun");
        rerun.disableProperty().bind(vm.runningProperty());
        rerun.setOnAction(e -> vm.runChecks());
        list.setItems(vm.rows());
        Controls.accessible(list, texts.bind("diag.list"), "diagList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DiagnosticsViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("check-ok", "check-failed");
                if (empty || row == null) {
                    setText(null);
                    setAccessibleText(null);
                } else {
                    String line = (row.ok() ? "OK  " : "NG  ") + row.check() + "　" + row.text();
                    setText(line);
                    setAccessibleText(line);
                    setWrapText(true);
                    setPrefWidth(0);
                    getStyleClass().add(row.ok() ? "check-ok" : "check-failed");
                }
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Label parts = Controls.label(vm.partsProperty(), "diagParts");
        Label versions = Controls.label(vm.versionsProperty(), "diagVersions");
        versions.getStyleClass().add("hint");
        HBox top = new HBox(16, rerun, summary);
        root = new VBox(12, top, parts, list, versions);
        root.setPadding(new Insets(8));
        vm.runChecks();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Node firstFocus() {
        return list;
    }

    @Override
    public void close() {
        vm.close();
    }
}
