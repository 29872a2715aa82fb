package jp.madoguchi.app.ui;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import jp.madoguchi.app.photo.GreyImage;

/**
 * The card panel: photo area, the holder's names, birth date, address, My Number (masked; shown in
 * full only while the reveal button is held with the pointer or the space bar), card expiry, the
 * certificates and every PIN's tries. The photo area shows the chip's face photo (scaled, greyscale)
 * once it is read and verified, else what to do or the coded failure. Keys: Tab to the 入力補助 PIN
 * field and its button, to the security-code field and its button, Space held on the reveal button.
 */
final class CardPanelView implements ScreenView {

    private final VBox root;
    private final CardPanelViewModel vm;
    private final Label message;
    private final Button reveal;

    CardPanelView(Texts texts, CardPanelViewModel vm) {
        this.vm = vm;
        message = Controls.label(vm.messageProperty(), "cardMessage");
        message.getStyleClass().add("screen-subtitle");
        message.setFocusTraversable(true);

        Label photo = Controls.label(vm.photoTextProperty(), "cardPhoto");
        photo.getStyleClass().add("hint");
        photo.setWrapText(true);
        ImageView photoImage = new ImageView();
        photoImage.setId("cardPhotoImage");
        photoImage.setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        photoImage.accessibleTextProperty().bind(vm.photoTextProperty());
        photoImage.setFitWidth(134);
        photoImage.setFitHeight(174);
        photoImage.setPreserveRatio(true);
        photoImage.setSmooth(true);
        vm.photoProperty().addListener((o, old, grey) -> photoImage.setImage(grey == null ? null : image(grey)));
        photo.visibleProperty().bind(photoImage.imageProperty().isNull());
        StackPane photoBox = new StackPane(photoImage, photo);
        photoBox.getStyleClass().add("photo-box");
        photoBox.setMinSize(150, 190);
        photoBox.setPrefSize(150, 190);
        photoBox.setStyle("-fx-border-color: #888; -fx-border-width: 1; -fx-padding: 8;");
        // Under the photo, in plain words: where it comes from and that its signature was checked.
        Label caption = Controls.label(vm.photoTextProperty(), "cardPhotoCaption");
        caption.getStyleClass().add("hint");
        caption.setWrapText(true);
        caption.setPrefWidth(150);
        caption.setMaxWidth(150);
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.visibleProperty().bind(photoImage.imageProperty().isNotNull());
        caption.managedProperty().bind(caption.visibleProperty());
        VBox photoColumn = new VBox(4, photoBox, caption);

        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(8);
        int row = 0;
        row = addRow(grid, row, texts.bind("card.serial"), vm.serialProperty(), "cardSerial");
        row = addRow(grid, row, texts.bind("card.name"), vm.nameProperty(), "cardName");
        row = addRow(grid, row, texts.bind("card.kana"), vm.kanaProperty(), "cardKana");
        row = addRow(grid, row, texts.bind("card.romaji"), vm.romajiProperty(), "cardRomaji");
        row = addRow(grid, row, texts.bind("card.birth"), vm.birthProperty(), "cardBirth");
        row = addRow(grid, row, texts.bind("card.address"), vm.addressProperty(), "cardAddress");
        row = addRow(grid, row, texts.bind("card.expiry"), vm.cardExpiryProperty(), "cardExpiry");
        Label numberLabel = Controls.label(texts.bind("card.myNumber"), "cardMyNumberLabel");
        Label number = Controls.label(vm.myNumberProperty(), "cardMyNumber");
        reveal = Controls.button(texts.bind("card.reveal"), texts.bind("card.reveal.a11y"), "cardReveal");
        reveal.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.revealProperty().set(true));
        reveal.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> vm.revealProperty().set(false));
        reveal.addEventFilter(MouseEvent.MOUSE_EXITED, e -> vm.revealProperty().set(false));
        reveal.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                vm.revealProperty().set(true);
                e.consume();
            }
        });
        reveal.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                vm.revealProperty().set(false);
                e.consume();
            }
        });
        reveal.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                vm.revealProperty().set(false);
            }
        });
        grid.addRow(row++, numberLabel, new HBox(10, number, reveal));
        Label source = Controls.label(vm.sourceProperty(), "cardSource");
        source.getStyleClass().add("hint");
        grid.add(source, 0, row, 2, 1);

        PasswordField pin = Controls.accessible(new PasswordField(), texts.bind("card.pinField.a11y"), "cardTextPin");
        pin.setPrefColumnCount(6);
        Button readWithPin = Controls.button(texts.bind("card.readWithPin"), texts.bind("card.readWithPin.a11y"), "cardReadWithPin");
        Runnable submit = () -> {
            char[] typed = pin.getText().toCharArray();
            pin.clear();
            vm.readWithCardTextPin(typed);
        };
        readWithPin.setOnAction(e -> submit.run());
        pin.setOnAction(e -> submit.run());
        Label pinLabel = Controls.label(texts.bind("card.pinField"), "cardTextPinLabel");
        pinLabel.setLabelFor(pin);
        HBox pinRow = new HBox(10, pinLabel, pin, readWithPin);

        PasswordField code = Controls.accessible(new PasswordField(), texts.bind("card.securityCode.a11y"), "cardSecurityCode");
        code.setPrefColumnCount(6);
        Button showPhoto = Controls.button(texts.bind("card.showPhoto"), texts.bind("card.showPhoto.a11y"), "cardShowPhoto");
        Runnable askPhoto = () -> {
            char[] typed = code.getText().toCharArray();
            code.clear();
            vm.showPhotoWithSecurityCode(typed);
        };
        showPhoto.setOnAction(e -> askPhoto.run());
        code.setOnAction(e -> askPhoto.run());
        Label codeLabel = Controls.label(texts.bind("card.securityCode"), "cardSecurityCodeLabel");
        codeLabel.setLabelFor(code);
        HBox codeRow = new HBox(10, codeLabel, code, showPhoto);

        ListView<String> certs = Controls.lines(vm.certificates(), texts.bind("card.certificates"), "cardCertificates");
        certs.setPrefHeight(120); // two certificates of up to two wrapped lines each, without a scroll bar
        ListView<String> pins = Controls.lines(vm.pins(), texts.bind("card.pins"), "cardPins");
        pins.setPrefHeight(128); // the four PINs, one line each, without a scroll bar
        Label certTitle = Controls.label(texts.bind("card.certificates"), "cardCertificatesTitle");
        Label pinTitle = Controls.label(texts.bind("card.pins"), "cardPinsTitle");
        certTitle.getStyleClass().add("screen-subtitle");
        pinTitle.getStyleClass().add("screen-subtitle");

        HBox top = new HBox(20, photoColumn, grid);
        HBox.setHgrow(grid, Priority.ALWAYS);
        root = new VBox(10, message, top, pinRow, codeRow, certTitle, certs, pinTitle, pins);
        VBox.setVgrow(pins, Priority.ALWAYS);
        root.setPadding(new Insets(8));
    }

    private static int addRow(GridPane grid, int row, ObservableValue<String> title, ObservableValue<String> value, String id) {
        Label t = Controls.label(title, id + "Label");
        Label v = Controls.label(value, id);
        t.getStyleClass().add("field-title");
        grid.addRow(row, t, v);
        return row + 1;
    }

    /** The decoded photo as an FX image (FX thread; 300×400 is a few milliseconds). */
    static WritableImage image(GreyImage grey) {
        int w = grey.width();
        int h = grey.height();
        byte[] luminance = grey.pixels();
        byte[] rgb = new byte[luminance.length * 3];
        for (int i = 0; i < luminance.length; i++) {
            rgb[3 * i] = luminance[i];
            rgb[3 * i + 1] = luminance[i];
            rgb[3 * i + 2] = luminance[i];
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getByteRgbInstance(), rgb, 0, w * 3);
        return image;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Node firstFocus() {
        return message;
    }

    @Override
    public void close() {
        vm.close();
    }
}
