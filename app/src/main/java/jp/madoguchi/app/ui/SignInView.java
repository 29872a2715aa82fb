package jp.madoguchi.app.ui;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The sign-in screen: staff id, password, Enter to sign in, Esc to clear. The password leaves the
 * field as a {@code char[]} handed to the ViewModel, and the field is cleared at once. (JavaFX's
 * PasswordField itself keeps its content in a String while typed; docs/ui.md says so.)
 */
final class SignInView {

    private final VBox root;
    private final TextField staffId = new TextField();
    private final PasswordField password = new PasswordField();

    SignInView(Texts texts, SignInViewModel vm, OfficeIdentity office, boolean trainingMode) {
        Label title = Controls.label(texts.bind("app.title"), "signInTitle");
        title.getStyleClass().add("screen-title");
        Label officeLine = Controls.label(texts.bindComputed(() -> office.render(texts)), "signInOffice");

        Label idLabel = Controls.label(texts.bind("signin.staffId"), "staffIdLabel");
        Controls.accessible(staffId, texts.bind("signin.staffId"), "staffId");
        staffId.textProperty().bindBidirectional(vm.staffIdProperty());
        idLabel.setLabelFor(staffId);
        Label pwLabel = Controls.label(texts.bind("signin.password"), "passwordLabel");
        Controls.accessible(password, texts.bind("signin.password"), "password");
        pwLabel.setLabelFor(password);
        staffId.setPrefColumnCount(16);
        password.setPrefColumnCount(16);

        Button signIn = Controls.button(texts.bind("signin.submit"), texts.bind("signin.submit.a11y"), "signIn");
        signIn.setDefaultButton(true);
        signIn.disableProperty().bind(vm.canSubmitProperty().not());
        signIn.setOnAction(e -> submit(vm));
        staffId.setOnAction(e -> password.requestFocus());
        password.setOnAction(e -> submit(vm));

        ProgressIndicator progress = new ProgressIndicator();
        Controls.accessible(progress, texts.bind("signin.checking"), "signInProgress");
        progress.visibleProperty().bind(vm.busyProperty());
        progress.setPrefSize(28, 28);

        Label message = Controls.label(vm.messageProperty(), "signInMessage");
        message.getStyleClass().add("failure");
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Label keys = Controls.label(texts.bind("signin.keys"), "signInKeys");
        keys.getStyleClass().add("hint");

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        form.addRow(0, idLabel, staffId);
        form.addRow(1, pwLabel, password);
        form.add(signIn, 1, 2);
        form.add(progress, 2, 2);
        form.setAlignment(Pos.CENTER_LEFT);

        root = new VBox(18);
        if (trainingMode) {
            root.getChildren().add(Controls.label(texts.bind("status.training"), "signInTraining"));
            root.getChildren().get(0).getStyleClass().add("training-banner");
        }
        root.getChildren().addAll(title, officeLine, form, message, keys);
        root.setPadding(new Insets(48));
        root.setMaxWidth(760);
        root.setAlignment(Pos.TOP_LEFT);
        root.getStyleClass().add("sign-in");
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                password.clear();
                if (!vm.autoLockedProperty().get()) {
                    staffId.clear();
                }
                staffId.requestFocus();
                e.consume();
            }
        });
    }

    private void submit(SignInViewModel vm) {
        char[] typed = password.getText().toCharArray();
        password.clear();
        vm.signIn(typed);
    }

    Node node() {
        return root;
    }

    /** Focus on the id, or on the password when the id is already there (after an auto-lock). */
    void focus() {
        Platform.runLater(() -> (staffId.getText().isEmpty() ? staffId : password).requestFocus());
    }
}
