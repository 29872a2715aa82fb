package jp.madoguchi.app.ui;

import javafx.beans.InvalidationListener;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.madoguchi.reports.ReportService;
import jp.madoguchi.reports.preview.PdfPages;

/**
 * Reports (F5): choose a report in the list (arrows), Tab to its parameters (a business day, or a
 * period from/to), then 「プレビュー」, 「PDFを保存」 or 「印刷」. The preview on the right shows
 * the first pages as they will be saved and printed (scroll it with the arrow keys once focused). A
 * report this screen cannot make says why; a reversed period shows its code at once; the 外字 flags of
 * the last report are listed under 「外字要確認」.
 */
final class ReportsView implements ScreenView {

    private final HBox root;
    private final ReportsViewModel vm;
    private final Texts texts;
    private final ListView<ReportsViewModel.Choice> list = new ListView<>();
    private final VBox pages = new VBox(12);
    private final InvalidationListener relabel;
    private final ListChangeListener<PdfPages.Page> showPages = c -> showPages();
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
                setWrapText(true);
                setPrefWidth(0);
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

        DatePicker day = Controls.datePicker(texts.bind("reports.day.a11y"), "reportsDay");
        day.valueProperty().bindBidirectional(vm.businessDayProperty());
        DatePicker from = Controls.datePicker(texts.bind("reports.from.a11y"), "reportsFrom");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = Controls.datePicker(texts.bind("reports.to.a11y"), "reportsTo");
        to.valueProperty().bindBidirectional(vm.toProperty());
        for (DatePicker p : new DatePicker[] {day, from, to}) {
            p.setPrefWidth(150);
        }
        HBox dayRow = new HBox(8, Controls.label(texts.bind("reports.day"), "reportsDayLabel"), day);
        VBox periodRow = new VBox(6, new HBox(8, Controls.label(texts.bind("reports.from"), "reportsFromLabel"), from),
                new HBox(8, Controls.label(texts.bind("reports.to"), "reportsToLabel"), to));
        show(dayRow, ReportService.Parameters.BUSINESS_DAY);
        show(periodRow, ReportService.Parameters.PERIOD);
        Label problem = Controls.label(vm.parameterProblemProperty(), "reportsProblem");
        problem.getStyleClass().add("failure");

        Button preview = button("reports.preview", "reports.preview.a11y", "reportsPreview", vm::preview);
        Button save = button("reports.save", "reports.save.a11y", "reportsSave", vm::save);
        Button print = button("reports.print", "reports.print.a11y", "reportsPrint", vm::print);
        // The button is disabled while the report is made, which moves the focus on: give it back.
        vm.busyProperty().addListener((o, was, now) -> {
            if (!now && pressed != null && !pressed.isDisabled()) {
                pressed.requestFocus();
            }
        });
        Label status = Controls.label(vm.statusProperty(), "reportsStatus");
        Label remarks = Controls.label(vm.remarksProperty(), "reportsRemarks");
        remarks.getStyleClass().add("hint");
        for (Label l : new Label[] {reason, problem, status, remarks}) {
            // Nothing to say: no empty, nameless control for a screen reader to stop on.
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }

        Label flagsTitle = Controls.label(texts.bind("reports.gaiji.title"), "reportsGaijiTitle");
        flagsTitle.getStyleClass().add("screen-subtitle");
        ListView<String> flags = Controls.lines(vm.flags(), texts.bind("reports.gaiji.title"), "reportsGaiji");
        flags.setPlaceholder(Controls.label(texts.bind("reports.gaiji.none"), "reportsGaijiNone"));
        flags.setPrefHeight(110);
        VBox.setVgrow(flags, Priority.ALWAYS);
        relabel = o -> {
            list.refresh();
            showPages();
        };
        texts.localeProperty().addListener(relabel);

        VBox left = new VBox(10, title, list, reason, dayRow, periodRow, problem, new HBox(10, preview, save, print), status,
                remarks, flagsTitle, flags);
        left.setPrefWidth(440);
        left.setMinWidth(380);

        Label previewTitle = Controls.label(vm.previewTitleProperty(), "reportsPreviewTitle");
        previewTitle.getStyleClass().add("screen-subtitle");
        pages.setPadding(new Insets(8));
        pages.getStyleClass().add("report-preview");
        ScrollPane scroll = Controls.accessible(new ScrollPane(pages), vm.previewTitleProperty(), "reportsPreviewPane");
        scroll.setFocusTraversable(true);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox right = new VBox(8, previewTitle, scroll);
        HBox.setHgrow(right, Priority.ALWAYS);
        vm.previewPages().addListener(showPages);

        root = new HBox(16, left, right);
        root.setPadding(new Insets(8));
    }

    private Button button(String key, String a11yKey, String id, Runnable action) {
        Button b = Controls.button(texts.bind(key), texts.bind(a11yKey), id);
        b.setOnAction(e -> {
            pressed = b;
            action.run();
        });
        b.disableProperty().bind(vm.canRenderProperty().not());
        return b;
    }

    /**
     * The previewed pages as images, fitted to the pane's width. The pixels were rendered on the task
     * executor; here they are only copied into an image (FX thread).
     */
    private void showPages() {
        pages.getChildren().clear();
        int i = 0;
        for (PdfPages.Page page : vm.previewPages()) {
            WritableImage image = new WritableImage(page.width(), page.height());
            image.getPixelWriter().setPixels(0, 0, page.width(), page.height(), PixelFormat.getIntArgbInstance(),
                    page.argb(), 0, page.width());
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            view.setSmooth(true);
            view.fitWidthProperty().bind(Bindings.min(page.width(), pages.widthProperty().subtract(16)));
            view.setAccessibleRole(AccessibleRole.IMAGE_VIEW);
            view.setAccessibleText(vm.pageDescription(i));
            view.setId("reportsPage" + (i + 1));
            pages.getChildren().add(view);
            i++;
        }
    }

    /** The row is shown (and takes space) only while the chosen report asks for {@code kind}. */
    private void show(Node row, ReportService.Parameters kind) {
        BooleanBinding wanted = Bindings.createBooleanBinding(() -> vm.selectedProperty().get() != null
                && vm.selectedProperty().get().parameters() == kind, vm.selectedProperty());
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
        vm.previewPages().removeListener(showPages);
        vm.close();
    }
}
