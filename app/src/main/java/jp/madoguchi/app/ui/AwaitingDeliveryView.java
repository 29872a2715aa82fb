package jp.madoguchi.app.ui;

import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The awaiting-delivery list with its search field (typing filters at once) and a reload button.
 * Rows past the 14-day target carry the style class {@code over-target} and say so in words.
 */
final class AwaitingDeliveryView implements ScreenView {

    private final VBox root;
    private final TextField search = new TextField();
    private final ListView<AwaitingDeliveryViewModel.Row> list = new ListView<>();
    private final AwaitingDeliveryViewModel vm;
    private final Texts texts;
    private final InvalidationListener relabel;

    AwaitingDeliveryView(Texts texts, AwaitingDeliveryViewModel vm) {
        this.vm = vm;
        this.texts = texts;
        Label searchLabel = Controls.label(texts.bind("awaiting.search"), "awaitingSearchLabel");
        Controls.accessible(search, texts.bind("awaiting.search.a11y"), "awaitingSearch");
        search.promptTextProperty().bind(texts.bind("awaiting.search.prompt"));
        search.textProperty().bindBidirectional(vm.queryProperty());
        searchLabel.setLabelFor(search);
        HBox.setHgrow(search, Priority.ALWAYS);
        Button reload = Controls.button(texts.bind("awaiting.reload"), texts.bind("awaiting.reload.a11y"), "awaitingReload");
        reload.disableProperty().bind(vm.loadingProperty());
        reload.setOnAction(e -> vm.refresh());
        Label summary = Controls.label(vm.summaryProperty(), "awaitingSummary");
        list.setItems(vm.rows());
        Controls.accessible(list, texts.bind("awaiting.list"), "awaitingList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(AwaitingDeliveryViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("over-target");
                if (empty || row == null) {
                    setText(null);
                    setAccessibleText(null);
                } else {
                    String line = vm.render(row);
                    setText(line);
                    setAccessibleText(line);
                    setWrapText(true);
                    setPrefWidth(0);
                    if (row.overTarget()) {
                        getStyleClass().add("over-target");
                    }
                }
            }
        });
        relabel = o -> list.refresh();
        texts.localeProperty().addListener(relabel);
        VBox.setVgrow(list, Priority.ALWAYS);
        root = new VBox(10, new HBox(10, searchLabel, search, reload), summary, list);
        root.setPadding(new Insets(8));
        vm.refresh();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Node firstFocus() {
        return search;
    }

    @Override
    public void close() {
        texts.localeProperty().removeListener(relabel);
        search.textProperty().unbindBidirectional(vm.queryProperty());
    }
}
