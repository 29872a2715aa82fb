package jp.madoguchi.app.ui;

import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.cache.FollowUpCase;

/**
 * The queue and the open cases. Choose a case in its list (arrows), write a note (Tab to the note
 * field), save it, and — as a supervisor — mark it resolved. "Send now" wakes the sync engine.
 */
final class SyncCasesView implements ScreenView {

    private final VBox root;
    private final SyncCasesViewModel vm;
    private final ListView<FollowUpCase> cases = new ListView<>();
    private final Texts texts;
    private final InvalidationListener relabel;

    SyncCasesView(Texts texts, SyncCasesViewModel vm) {
        this.vm = vm;
        this.texts = texts;
        Label summary = Controls.label(vm.summaryProperty(), "syncSummary");
        Button reload = Controls.button(texts.bind("sync.reload"), texts.bind("sync.reload.a11y"), "syncReload");
        reload.setOnAction(e -> vm.refresh());
        Button sendNow = Controls.button(texts.bind("sync.sendNow"), texts.bind("sync.sendNow.a11y"), "syncSendNow");
        sendNow.setOnAction(e -> vm.sendNow());
        reload.disableProperty().bind(vm.busyProperty());
        sendNow.disableProperty().bind(vm.busyProperty());

        Label casesTitle = Controls.label(texts.bind("sync.cases"), "syncCasesTitle");
        casesTitle.getStyleClass().add("screen-subtitle");
        cases.setItems(vm.cases());
        Controls.accessible(cases, texts.bind("sync.cases"), "syncCases");
        cases.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(FollowUpCase c, boolean empty) {
                super.updateItem(c, empty);
                String line = empty || c == null ? null : vm.render(c);
                setText(line);
                setAccessibleText(line);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        cases.setPrefHeight(160);
        TextArea note = Controls.accessible(new TextArea(), texts.bind("sync.note.a11y"), "syncNote");
        note.setPrefRowCount(2);
        note.setWrapText(true);
        note.promptTextProperty().bind(texts.bind("sync.note.prompt"));
        cases.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> note.setText(c == null || c.note() == null ? "" : c.note()));
        Button save = Controls.button(texts.bind("sync.note.save"), texts.bind("sync.note.save.a11y"), "syncNoteSave");
        Button resolve = Controls.button(texts.bind("sync.resolve"), texts.bind("sync.resolve.a11y"), "syncResolve");
        save.disableProperty().bind(cases.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        resolve.disableProperty().bind(cases.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty())
                .or(vm.supervisorProperty().not()));
        save.setOnAction(e -> vm.annotate(cases.getSelectionModel().getSelectedItem().caseId(), note.getText()));
        resolve.setOnAction(e -> vm.resolve(cases.getSelectionModel().getSelectedItem().caseId()));
        Label hint = Controls.label(texts.bind("sync.resolve.hint"), "syncResolveHint");
        hint.getStyleClass().add("hint");

        Label entriesTitle = Controls.label(texts.bind("sync.entries"), "syncEntriesTitle");
        entriesTitle.getStyleClass().add("screen-subtitle");
        ListView<String> entries = Controls.lines(vm.entries(), texts.bind("sync.entries"), "syncEntries");
        VBox.setVgrow(entries, Priority.ALWAYS);
        relabel = o -> cases.refresh();
        texts.localeProperty().addListener(relabel);

        root = new VBox(10, new HBox(12, reload, sendNow), summary, casesTitle, cases, note, new HBox(10, save, resolve, hint),
                entriesTitle, entries);
        root.setPadding(new Insets(8));
        vm.refresh();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Node firstFocus() {
        return cases;
    }

    @Override
    public void close() {
        texts.localeProperty().removeListener(relabel);
        vm.close();
    }
}
