package jp.madoguchi.app.ui;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The status bar at the foot of the main window. The link label carries a style class per state
 * (link-ONLINE, link-DEGRADED, link-OFFLINE, link-none) and the reader label one per state
 * (reader-NO_CARD, …) so the theme can colour them; the text says the state in words too, so colour
 * is never the only signal.
 */
final class StatusBarView {

    private final HBox root;
    private final StatusBarViewModel vm;
    private final Label link;
    private final ChangeListener<SyncStatus> linkStyle;
    private final Label reader;
    private final ChangeListener<ReaderStatus> readerStyle;

    StatusBarView(StatusBarViewModel vm) {
        this.vm = vm;
        reader = Controls.label(vm.readerTextProperty(), "statusReader");
        link = Controls.label(vm.linkTextProperty(), "statusLink");
        Label queue = Controls.label(vm.queueTextProperty(), "statusQueue");
        Label cache = Controls.label(vm.cacheTextProperty(), "statusCache");
        for (Label l : new Label[] {reader, link, queue, cache}) {
            l.setWrapText(false);
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.getStyleClass().add("status-item");
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root = new HBox(18, reader, link, queue, cache, spacer);
        if (vm.trainingMode()) {
            Label training = Controls.label(vm.trainingTextProperty(), "statusTraining");
            training.getStyleClass().add("training-banner");
            training.setWrapText(false);
            training.setMinWidth(Region.USE_PREF_SIZE);
            root.getChildren().add(training);
        }
        root.setPadding(new Insets(6, 12, 6, 12));
        root.getStyleClass().add("status-bar");
        linkStyle = (o, a, s) -> applyLinkStyle(s);
        vm.syncProperty().addListener(linkStyle);
        applyLinkStyle(vm.syncProperty().get());
        readerStyle = (o, a, s) -> applyReaderStyle(s);
        vm.readerProperty().addListener(readerStyle);
        applyReaderStyle(vm.readerProperty().get());
    }

    /** reader-SERVICE_UNAVAILABLE etc.: the theme marks the failed layers. */
    private void applyReaderStyle(ReaderStatus s) {
        reader.getStyleClass().removeIf(c -> c.startsWith("reader-"));
        reader.getStyleClass().add("reader-" + s.state().name());
    }

    private void applyLinkStyle(SyncStatus s) {
        link.getStyleClass().removeIf(c -> c.startsWith("link-"));
        link.getStyleClass().add(s.connected() ? "link-" + s.link().name() : "link-none");
    }

    Node node() {
        return root;
    }

    void close() {
        vm.syncProperty().removeListener(linkStyle);
        vm.readerProperty().removeListener(readerStyle);
        vm.close();
    }
}
