package jp.madoguchi.app.ui;

import javafx.beans.InvalidationListener;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.reports.ReportService;

/**
 * Reports: choose a report in the list (arrows), Tab to its parameters (a business day, or a period
 * from/to), then 「PDFを保存」 or 「印刷」. A report this screen cannot assemble says why; a reversed
 * period shows its code at once; the 外字 flags of the last report are listed under 「外字要確認」.
 */
final class ReportsView implements ScreenView {

    private final VBox root;
    private final ReportsViewModel vm;
    private final Texts texts;
    private final ListView<ReportsViewModel.Choice> list = new ListView<>();
    private final InvalidationListener relabel;
    private Button pressed;

    ReportsView(Texts texts, ReportsViewModel vm) {
        this.vm = vm;
        this.texts = texts;
        Label title = Controls.label(texts.bind("reports.list"), "reportsListTitle");
        title.getStyleClass().add("screen-subtitle");
        list.setItems(vm.choices());
        Controls.accessible(list, texts.bind("reports.list"), "reportsList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ReportsViewModel.Choice c, boolean empty) {
                super.updateItem(c, empty);
                String line = empty || c == null ? null : vm.describe(c);
                setText(line);
                setAccessibleText(line);
            }
        });
        list.setPrefHeight(230);
        list.getSelectionModel().select(vm.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null) {
                vm.selectedProperty().set(c);
            }
        });
        Label reason = Controls.label(vm.reasonProperty(), "reportsReason");
        reason.getStyleClass().add("hint");

        DatePicker day = Controls.accessible(new DatePicker(), texts.bind("reports.day.a11y"), "reportsDay");
        day.valueProperty().bindBidirectional(vm.businessDayProperty());
        DatePicker from = Controls.accessible(new DatePicker(), texts.bind("reports.from.a11y"), "reportsFrom");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = Controls.accessible(new DatePicker(), texts.bind("reports.to.a11y"), "reportsTo");
        to.valueProperty().bindBidirectional(vm.toProperty());
        HBox dayRow = new HBox(8, Controls.label(texts.bind("reports.day"), "reportsDayLabel"), day);
        HBox periodRow = new HBox(8, Controls.label(texts.bind("reports.from"), "reportsFromLabel"), from,
                Controls.label(texts.bind("reports.to"), "reportsToLabel"), to);
        show(dayRow, ReportService.Parameters.BUSINESS_DAY);
        show(periodRow, ReportService.Parameters.PERIOD);
        Label problem = Controls.label(vm.parameterProblemProperty(), "reportsProblem");
        problem.getStyleClass().add("failure");

        Button save = Controls.button(texts.bind("reports.save"), texts.bind("reports.save.a11y"), "reportsSave");
        save.setOnAction(e -> {
            pressed = save;
            vm.save();
        });
        Button print = Controls.button(texts.bind("reports.print"), texts.bind("reports.print.a11y"), "reportsPrint");
        print.setOnAction(e -> {
            pressed = print;
            vm.print();
        });
        // The button is disabled while the report is made, which moves the focus on: give it back.
        vm.busyProperty().addListener((o, was, now) -> {
            if (!now && pressed != null && !pressed.isDisabled()) {
                pressed.requestFocus();
            }
        });
        save.disableProperty().bind(vm.canRenderProperty().not());
        print.disableProperty().bind(vm.canRenderProperty().not());
        Label status = Controls.label(vm.statusProperty(), "reportsStatus");
        for (Label l : new Label[] {reason, problem, status}) {
            // Nothing to say: no empty, nameless control for a screen reader to stop on.
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }

        Label flagsTitle = Controls.label(texts.bind("reports.gaiji.title"), "reportsGaijiTitle");
        flagsTitle.getStyleClass().add("screen-subtitle");
        ListView<String> flags = Controls.lines(vm.flags(), texts.bind("reports.gaiji.title"), "reportsGaiji");
        flags.setPlaceholder(Controls.label(texts.bind("reports.gaiji.none"), "reportsGaijiNone"));
        flags.setPrefHeight(120);
        VBox.setVgrow(flags, Priority.ALWAYS);
        relabel = o -> list.refresh();
        texts.localeProperty().addListener(relabel);

        root = new VBox(10, title, list, reason, dayRow, periodRow, problem, new HBox(12, save, print), status, flagsTitle,
                flags);
        root.setPadding(new Insets(8));
    }

    /** The row is shown (and takes space) only while the chosen report asks for {@code kind}. */
    private void show(HBox row, ReportService.Parameters kind) {
        BooleanBinding wanted = Bindings.createBooleanBinding(() -> vm.selectedProperty().get() != null
                && vm.selectedProperty().get().entry().parameters() == kind, vm.selectedProperty());
        row.visibleProperty().bind(wanted);
        row.managedProperty().bind(wanted);
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
        texts.localeProperty().removeListener(relabel);
        vm.close();
    }
}
