package jp.madoguchi.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * The workflows screen (F2): the choice of act, then the wizard's pages, one at a time. Keys: Enter or
 * F9 advances (on a focused button, Enter presses that button), Esc cancels (the workflow only after
 * the clerk confirms). A progress indicator runs during every card, disk or network step; refusals
 * show their code and the clerk-facing reason; notices are listed plainly. The resident's PIN pad is
 * a window of its own ({@link PinPadWindow}), open while a PIN is asked for.
 */
final class WorkflowsView implements ScreenView {

    private final Texts texts;
    private final WizardViewModel vm;
    private final VBox root = new VBox(12);
    private final StackPane pageHolder = new StackPane();
    private final Map<WizardViewModel.Page, Node> pages = new java.util.EnumMap<>(WizardViewModel.Page.class);
    private final Map<WizardViewModel.Page, Node> firstFocus = new java.util.EnumMap<>(WizardViewModel.Page.class);
    private final List<Runnable> releases = new ArrayList<>();
    private final ValidationSupport validation = new ValidationSupport();
    private final Button next;
    private final PinPadWindow padWindow;
    private final Button chooseDelivery;
    private final VBox approvalPanel = new VBox(8);
    private final TextField approverId = new TextField();
    private final PasswordField approverPassword = new PasswordField();
    private final TextField approvalReason = new TextField();

    WorkflowsView(Texts texts, WizardViewModel vm, PinPadWindow padWindow) {
        this.texts = texts;
        this.vm = vm;
        this.padWindow = padWindow;
        validation.setValidationDecorator(new GraphicValidationDecoration() {
            @Override
            protected Node createDecorationNode(ValidationMessage message) {
                Node mark = super.createDecorationNode(message);
                mark.setAccessibleText(message.getText());
                return mark;
            }
        });

        Label title = Controls.label(vm.pageTitleProperty(), "wizardTitle");
        title.getStyleClass().add("screen-subtitle");
        Label text = Controls.label(vm.pageTextProperty(), "wizardText");
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(28, 28);
        Controls.accessible(progress, vm.busyTextProperty(), "wizardProgress");
        Label busyText = Controls.label(vm.busyTextProperty(), "wizardBusy");
        HBox busyRow = new HBox(10, progress, busyText);
        busyRow.visibleProperty().bind(vm.busyProperty());
        busyRow.managedProperty().bind(vm.busyProperty());
        Label failure = Controls.label(vm.failureTextProperty(), "wizardFailure");
        failure.getStyleClass().add("failure");
        bindShownWhenNotEmpty(failure);
        Label problem = Controls.label(vm.problemTextProperty(), "wizardProblem");
        problem.getStyleClass().add("failure");
        bindShownWhenNotEmpty(problem);
        ListView<String> notices = new ListView<>(vm.notices());
        Controls.accessible(notices, texts.bind("wizard.notices"), "wizardNotices");
        notices.setPrefHeight(90);
        notices.setCellFactory(v -> wrappingCell());
        notices.visibleProperty().bind(Bindings.isNotEmpty(vm.notices()));
        notices.managedProperty().bind(notices.visibleProperty());
        Label noticesTitle = Controls.label(texts.bind("wizard.notices"), "wizardNoticesTitle");
        noticesTitle.visibleProperty().bind(notices.visibleProperty());
        noticesTitle.managedProperty().bind(notices.visibleProperty());

        next = Controls.button(texts.bind("wizard.next"), texts.bind("wizard.next.a11y"), "wizardNext");
        next.setDefaultButton(false);
        next.setOnAction(e -> vm.advance());
        next.disableProperty().bind(vm.busyProperty());
        Button cancel = Controls.button(texts.bind("wizard.cancel"), texts.bind("wizard.cancel.a11y"), "wizardCancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label keys = Controls.label(texts.bind("wizard.keys"), "wizardKeys");
        keys.getStyleClass().add("hint");
        HBox buttons = new HBox(12, keys, spacer, cancel, next);

        buildApprovalPanel();
        chooseDelivery = buildChoosePage();
        buildStartPage();
        buildIdentityPage();
        buildSimplePage(WizardViewModel.Page.CARD);
        buildItemsPage();
        buildChoicePage();
        buildSimplePage(WizardViewModel.Page.NEW_PIN);
        buildSimplePage(WizardViewModel.Page.CURRENT_PIN);
        buildSimplePage(WizardViewModel.Page.PROCEED);
        buildSummaryPage();
        buildSimplePage(WizardViewModel.Page.REFUSED);

        VBox.setVgrow(pageHolder, Priority.ALWAYS);
        pageHolder.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        root.getChildren().addAll(title, text, busyRow, failure, problem, approvalPanel, pageHolder, noticesTitle, notices, buttons);
        root.setPadding(new Insets(8));
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

        ChangeListener<WizardViewModel.Page> onPage = (o, a, p) -> showPage(p);
        vm.pageProperty().addListener(onPage);
        releases.add(() -> vm.pageProperty().removeListener(onPage));
        buttons.visibleProperty().bind(vm.pageProperty().isNotEqualTo(WizardViewModel.Page.CHOOSE));
        buttons.managedProperty().bind(buttons.visibleProperty());
        ChangeListener<PinPadViewModel.Phase> onPad = (o, a, phase) -> {
            if (phase == PinPadViewModel.Phase.IDLE) {
                padWindow.hide();
            } else {
                padWindow.show();
            }
        };
        vm.pad().phaseProperty().addListener(onPad);
        releases.add(() -> vm.pad().phaseProperty().removeListener(onPad));
        showPage(vm.pageProperty().get());
        vm.findInterrupted();
    }

    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER && (e.getTarget() == approverId || e.getTarget() == approvalReason
                || e.getTarget() == approverPassword)) {
            // In the approval panel Enter moves from the id (to the reason of a self-approval) to the password, then approves.
            if (e.getTarget() == approverId && vm.selfApprovalProperty().get()) {
                approvalReason.requestFocus();
            } else if (e.getTarget() != approverPassword) {
                approverPassword.requestFocus();
            } else {
                approve();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            if (vm.cancel()) {
                e.consume();
            }
        } else if (e.getCode() == KeyCode.F9 || (e.getCode() == KeyCode.ENTER && !(e.getTarget() instanceof Button)
                && !(e.getTarget() instanceof ComboBox<?> box && box.isShowing())
                && !(e.getTarget() instanceof DatePicker picker && picker.isShowing()))) {
            if (vm.pageProperty().get() != WizardViewModel.Page.CHOOSE) {
                vm.advance();
                e.consume();
            }
        } else if (e.getCode() == KeyCode.ENTER && e.getTarget() instanceof Button b) {
            b.fire();
            e.consume();
        }
    }

    private void showPage(WizardViewModel.Page page) {
        pageHolder.getChildren().setAll(pages.get(page));
        // The marks depend on the act and the visitor, which change while a field keeps its value.
        validation.revalidate();
        boolean needsNext = page != WizardViewModel.Page.CHOOSE && page != WizardViewModel.Page.NEW_PIN
                && page != WizardViewModel.Page.CURRENT_PIN;
        next.setVisible(needsNext);
        Node focus = vm.awaitingApprovalProperty().get() ? approverId : firstFocus.getOrDefault(page, next);
        javafx.application.Platform.runLater(() -> {
            if (focus.getScene() != null) {
                focus.requestFocus();
            }
        });
    }

    // ---- the supervisor's approval (PR-03) ---------------------------------------------------------

    /**
     * Shown above the page while the workflow waits for an approval: the supervisor types their id and
     * password at this window. The password leaves the field as a char[] (the field is cleared at once)
     * and the ViewModel clears the array after the check.
     */
    private void buildApprovalPanel() {
        Label title = Controls.label(texts.bind("wizard.approval.title"), "approvalTitle");
        title.getStyleClass().add("screen-subtitle");
        Label text = Controls.label(texts.bind("wizard.approval.text"), "approvalText");
        text.setWrapText(true);
        Controls.accessible(approverId, texts.bind("wizard.approval.id"), "approverId");
        approverId.setPrefColumnCount(12);
        approverId.textProperty().bindBidirectional(vm.approverIdProperty());
        releases.add(() -> approverId.textProperty().unbindBidirectional(vm.approverIdProperty()));
        Controls.accessible(approverPassword, texts.bind("wizard.approval.password"), "approverPassword");
        approverPassword.setPrefColumnCount(16);
        // PR-03: the signed-in supervisor approving their own operation (only one on duty) gives a reason.
        Controls.accessible(approvalReason, texts.bind("wizard.approval.reason"), "approvalReason");
        approvalReason.setPrefColumnCount(24);
        approvalReason.textProperty().bindBidirectional(vm.approvalReasonProperty());
        releases.add(() -> approvalReason.textProperty().unbindBidirectional(vm.approvalReasonProperty()));
        Label reasonLabel = fieldLabel("wizard.approval.reason", approvalReason, "approvalReasonLabel");
        for (Node n : List.of(reasonLabel, approvalReason)) {
            n.visibleProperty().bind(vm.selfApprovalProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        Button approve = Controls.button(texts.bind("wizard.approval.approve"), texts.bind("wizard.approval.approve.a11y"), "approve");
        approve.setOnAction(e -> approve());
        for (Node n : List.of(approverId, approverPassword, approvalReason, approve)) {
            n.disableProperty().bind(vm.busyProperty());
        }
        GridPane form = grid();
        form.addRow(0, fieldLabel("wizard.approval.id", approverId, "approverIdLabel"), approverId);
        form.addRow(1, reasonLabel, approvalReason);
        form.addRow(2, fieldLabel("wizard.approval.password", approverPassword, "approverPasswordLabel"), approverPassword, approve);
        approvalPanel.getChildren().addAll(title, text, form);
        approvalPanel.setId("approvalPanel");
        approvalPanel.getStyleClass().add("approval-panel");
        approvalPanel.setPadding(new Insets(8));
        approvalPanel.setStyle("-fx-border-color: -fx-accent; -fx-border-width: 2; -fx-border-radius: 4;");
        approvalPanel.visibleProperty().bind(vm.awaitingApprovalProperty());
        approvalPanel.managedProperty().bind(approvalPanel.visibleProperty());
        ChangeListener<Boolean> onAwaiting = (o, a, awaiting) -> {
            if (awaiting) {
                javafx.application.Platform.runLater(approverId::requestFocus);
            } else {
                approverPassword.clear();
            }
        };
        vm.awaitingApprovalProperty().addListener(onAwaiting);
        releases.add(() -> vm.awaitingApprovalProperty().removeListener(onAwaiting));
    }

    private void approve() {
        char[] typed = approverPassword.getText().toCharArray();
        approverPassword.clear();
        vm.approve(typed);
        approverPassword.requestFocus();
    }

    // ---- pages ------------------------------------------------------------------------------------

    private Button buildChoosePage() {
        VBox box = new VBox(10);
        Button delivery = actButton(WizardViewModel.Act.DELIVERY, "wizard.act.DELIVERY", "wizard.act.DELIVERY.a11y", "actDelivery");
        Button reset = actButton(WizardViewModel.Act.PIN_RESET, "wizard.act.PIN_RESET", "wizard.act.PIN_RESET.a11y", "actPinReset");
        Button change = actButton(WizardViewModel.Act.PIN_CHANGE, "wizard.act.PIN_CHANGE", "wizard.act.PIN_CHANGE.a11y", "actPinChange");
        Button renewal = actButton(WizardViewModel.Act.RENEWAL, "wizard.act.RENEWAL", "wizard.act.RENEWAL.a11y", "actRenewal");
        Button issuance = actButton(WizardViewModel.Act.ISSUANCE, "wizard.act.ISSUANCE", "wizard.act.ISSUANCE.a11y", "actIssuance");
        Button lift = actButton(WizardViewModel.Act.SUSPENSION_LIFT, "wizard.act.SUSPENSION_LIFT", "wizard.act.SUSPENSION_LIFT.a11y",
                "actSuspensionLift");
        // Online only (PR-23): offered while the link answers; otherwise the reason is said next to it.
        lift.disableProperty().bind(vm.onlineProperty().not());
        Label liftOffline = Controls.label(vm.suspensionOfflineProperty(), "suspensionOffline");
        liftOffline.getStyleClass().add("failure");
        liftOffline.setWrapText(true);
        bindShownWhenNotEmpty(liftOffline);
        Button oldCard = actButton(WizardViewModel.Act.OLD_CARD_COLLECTION, "wizard.act.OLD_CARD_COLLECTION",
                "wizard.act.OLD_CARD_COLLECTION.a11y", "actOldCard");
        Button inquiry = actButton(WizardViewModel.Act.PROXY_INQUIRY, "wizard.act.PROXY_INQUIRY", "wizard.act.PROXY_INQUIRY.a11y",
                "actProxyInquiry");
        VBox resumeBox = new VBox(6);
        Label resumeTitle = Controls.label(texts.bind("wizard.resume.title"), "resumeTitle");
        resumeTitle.getStyleClass().add("screen-subtitle");
        ListChangeListener<WizardViewModel.Resumable> onResumable = c -> fillResume(resumeBox, resumeTitle);
        vm.resumable().addListener(onResumable);
        releases.add(() -> vm.resumable().removeListener(onResumable));
        InvalidationListener relabel = o -> fillResume(resumeBox, resumeTitle);
        texts.localeProperty().addListener(relabel);
        releases.add(() -> texts.localeProperty().removeListener(relabel));
        fillResume(resumeBox, resumeTitle);
        box.getChildren().addAll(delivery, reset, change, renewal, issuance, lift, liftOffline, oldCard, inquiry, resumeBox);
        pages.put(WizardViewModel.Page.CHOOSE, box);
        firstFocus.put(WizardViewModel.Page.CHOOSE, delivery);
        return delivery;
    }

    private Button actButton(WizardViewModel.Act act, String key, String a11y, String id) {
        Button b = Controls.button(texts.bind(key), texts.bind(a11y), id);
        b.getStyleClass().add("act-button");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> vm.choose(act));
        return b;
    }

    private void fillResume(VBox box, Label title) {
        box.getChildren().clear();
        if (vm.resumable().isEmpty()) {
            return;
        }
        box.getChildren().add(title);
        int i = 0;
        for (WizardViewModel.Resumable r : vm.resumable()) {
            String label = texts.format("wizard.resume.item", Map.of("act", WizardTexts.act(texts, r.act()), "id", r.id()));
            Button b = new Button(label);
            b.setAccessibleText(label);
            b.setId("resume-" + i++);
            b.setOnAction(e -> vm.resume(r));
            box.getChildren().add(b);
        }
    }

    private void buildStartPage() {
        TextField serial = Controls.accessible(new TextField(), texts.bind("wizard.serial"), "wizardSerial");
        serial.textProperty().bindBidirectional(vm.serialProperty());
        releases.add(() -> serial.textProperty().unbindBidirectional(vm.serialProperty()));
        validation.registerValidator(serial, false, (javafx.scene.control.Control c, String v) ->
                ValidationResult.fromErrorIf(c, texts.get("wizard.problem.serial"),
                        WizardViewModel.asksSerial(vm.actProperty().get()) && (v == null || !v.trim().matches("[0-9A-Za-z]{4,32}"))));
        ComboBox<VisitorType> visitor = combo(WizardViewModel.VISITORS, t -> WizardTexts.visitor(texts, t), "wizard.visitor", "wizardVisitor");
        visitor.valueProperty().bindBidirectional(vm.visitorProperty());
        releases.add(() -> visitor.valueProperty().unbindBidirectional(vm.visitorProperty()));
        // Visit 1 of the two-visit route: the visitor is the proxy; the clerk chooses the operation asked for.
        ComboBox<jp.madoguchi.app.counter.domain.Operation> operation = combo(WizardViewModel.INQUIRY_OPERATIONS,
                o -> WizardTexts.operation(texts, o), "wizard.inquiryOperation", "wizardInquiryOperation");
        operation.valueProperty().bindBidirectional(vm.inquiryOperationProperty());
        releases.add(() -> operation.valueProperty().unbindBidirectional(vm.inquiryOperationProperty()));
        Label operationLabel = fieldLabel("wizard.inquiryOperation", operation, "wizardInquiryOperationLabel");
        javafx.beans.binding.BooleanBinding inquiry = vm.actProperty().isEqualTo(WizardViewModel.Act.PROXY_INQUIRY);
        Label visitorLabel = fieldLabel("wizard.visitor", visitor, "wizardVisitorLabel");
        for (Node n : List.of(visitorLabel, visitor)) {
            n.visibleProperty().bind(inquiry.not());
            n.managedProperty().bind(n.visibleProperty());
        }
        for (Node n : List.of(operationLabel, operation)) {
            n.visibleProperty().bind(inquiry);
            n.managedProperty().bind(n.visibleProperty());
        }
        GridPane grid = grid();
        Label serialLabel = Controls.label(texts.bindComputed(() -> texts.get(vm.actProperty().get() == WizardViewModel.Act.OLD_CARD_COLLECTION
                || vm.actProperty().get() == WizardViewModel.Act.PROXY_INQUIRY ? "wizard.serial.current" : "wizard.serial"),
                vm.actProperty()), "wizardSerialLabel");
        serialLabel.setLabelFor(serial);
        serial.accessibleTextProperty().bind(serialLabel.textProperty());
        serialLabel.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> WizardViewModel.asksSerial(vm.actProperty().get()), vm.actProperty()));
        serial.visibleProperty().bind(serialLabel.visibleProperty());
        grid.addRow(0, visitorLabel, visitor);
        grid.addRow(1, operationLabel, operation);
        grid.addRow(2, serialLabel, serial);
        pages.put(WizardViewModel.Page.START, grid);
        firstFocus.put(WizardViewModel.Page.START, visitor);
        ChangeListener<WizardViewModel.Act> focusSerial = (o, a, act) -> firstFocus.put(WizardViewModel.Page.START,
                act == WizardViewModel.Act.PROXY_INQUIRY ? operation : WizardViewModel.asksSerial(act) ? serial : visitor);
        vm.actProperty().addListener(focusSerial);
        releases.add(() -> vm.actProperty().removeListener(focusSerial));
    }

    private void buildIdentityPage() {
        ComboBox<DocumentType> document = combo(WizardViewModel.DOCUMENTS, t -> WizardTexts.document(texts, t), "wizard.document",
                "wizardDocument");
        document.valueProperty().bindBidirectional(vm.documentProperty());
        releases.add(() -> document.valueProperty().unbindBidirectional(vm.documentProperty()));
        validation.registerValidator(document, false, (javafx.scene.control.Control c, DocumentType v) ->
                ValidationResult.fromErrorIf(c, texts.get("wizard.problem.document"), v == null && holderAsked()));
        DatePicker validUntil = Controls.datePicker(texts.bind("wizard.validUntil"), "wizardValidUntil");
        validUntil.valueProperty().bindBidirectional(vm.documentValidUntilProperty());
        releases.add(() -> validUntil.valueProperty().unbindBidirectional(vm.documentValidUntilProperty()));
        validation.registerValidator(validUntil, false, (javafx.scene.control.Control c, java.time.LocalDate v) ->
                ValidationResult.fromErrorIf(c, texts.get("wizard.problem.validUntil"), v == null && vm.documentProperty().get() != null
                        && vm.documentProperty().get().nominalClass() == jp.madoguchi.app.counter.domain.DocumentClass.ID_A));
        ComboBox<DocumentType> second = combo(WizardViewModel.DOCUMENTS, t -> WizardTexts.document(texts, t), "wizard.secondDocument",
                "wizardSecondDocument");
        second.valueProperty().bindBidirectional(vm.secondDocumentProperty());
        releases.add(() -> second.valueProperty().unbindBidirectional(vm.secondDocumentProperty()));
        CheckBox card = check("wizard.proof.card", "wizardProofCard");
        card.selectedProperty().bindBidirectional(vm.cardShownProperty());
        releases.add(() -> card.selectedProperty().unbindBidirectional(vm.cardShownProperty()));
        CheckBox face = check("wizard.proof.face", "wizardProofFace");
        face.selectedProperty().bindBidirectional(vm.faceCheckedProperty());
        releases.add(() -> face.selectedProperty().unbindBidirectional(vm.faceCheckedProperty()));
        TextField repName = Controls.accessible(new TextField(), texts.bind("wizard.representative"), "wizardRepName");
        repName.textProperty().bindBidirectional(vm.representativeNameProperty());
        releases.add(() -> repName.textProperty().unbindBidirectional(vm.representativeNameProperty()));
        ComboBox<DocumentType> repDoc = combo(WizardViewModel.DOCUMENTS, t -> WizardTexts.document(texts, t),
                "wizard.representativeDocument", "wizardRepDocument");
        repDoc.valueProperty().bindBidirectional(vm.representativeDocumentProperty());
        releases.add(() -> repDoc.valueProperty().unbindBidirectional(vm.representativeDocumentProperty()));
        CheckBox ward = check("wizard.adultWard", "wizardAdultWard");
        ward.selectedProperty().bindBidirectional(vm.adultWardProperty());
        releases.add(() -> ward.selectedProperty().unbindBidirectional(vm.adultWardProperty()));
        validation.registerValidator(repName, false, (javafx.scene.control.Control c, String v) ->
                ValidationResult.fromErrorIf(c, texts.get("wizard.problem.representative"),
                        vm.visitorProperty().get() == VisitorType.HOLDER_WITH_LEGAL_REP && (v == null || v.isBlank())));
        GridPane grid = grid();
        Label documentLabel = fieldLabel("wizard.document", document, "wizardDocumentLabel");
        Label validUntilLabel = fieldLabel("wizard.validUntil", validUntil, "wizardValidUntilLabel");
        Label secondLabel = fieldLabel("wizard.secondDocument", second, "wizardSecondDocumentLabel");
        Region cardGap = new Region();
        Region faceGap = new Region();
        grid.addRow(0, documentLabel, document);
        grid.addRow(1, validUntilLabel, validUntil);
        grid.addRow(2, secondLabel, second);
        grid.addRow(3, cardGap, card);
        grid.addRow(4, faceGap, face);
        Label repLabel = fieldLabel("wizard.representative", repName, "wizardRepNameLabel");
        Label repDocLabel = fieldLabel("wizard.representativeDocument", repDoc, "wizardRepDocumentLabel");
        grid.addRow(5, repLabel, repName);
        grid.addRow(6, repDocLabel, repDoc);
        grid.addRow(7, new Region(), ward);
        List<Node> repNodes = List.of(repLabel, repName, repDocLabel, repDoc, ward);
        javafx.beans.binding.BooleanBinding holderAsked = Bindings.createBooleanBinding(this::holderAsked, vm.actProperty(),
                vm.visitorProperty());
        javafx.beans.binding.BooleanBinding inquiry = vm.actProperty().isEqualTo(WizardViewModel.Act.PROXY_INQUIRY);
        for (Node n : repNodes) {
            n.visibleProperty().bind(vm.visitorProperty().isEqualTo(VisitorType.HOLDER_WITH_LEGAL_REP).and(inquiry.not()));
            n.managedProperty().bind(n.visibleProperty());
        }
        // The holder's documents and the face check; at either visit of the two-visit route the holder is absent.
        for (Node n : List.of(documentLabel, document, validUntilLabel, validUntil, secondLabel, second, faceGap, face)) {
            n.visibleProperty().bind(holderAsked);
            n.managedProperty().bind(n.visibleProperty());
        }
        for (Node n : List.of(cardGap, card)) {
            n.visibleProperty().bind(inquiry.not());
            n.managedProperty().bind(n.visibleProperty());
        }
        List<Node[]> proxy = proxyRows();
        javafx.beans.binding.BooleanBinding proxyDocuments = vm.visitorProperty().isEqualTo(VisitorType.VOLUNTARY_PROXY).or(inquiry);
        javafx.beans.binding.BooleanBinding delivery = vm.visitorProperty().isEqualTo(VisitorType.VOLUNTARY_PROXY).and(holderAsked);
        int row = 8;
        for (int i = 0; i < proxy.size(); i++) {
            grid.addRow(row++, proxy.get(i));
            for (Node n : proxy.get(i)) {
                // The proxy's own documents and name at every proxy visit; the reason and the notice's papers at delivery only.
                n.visibleProperty().bind(i < PROXY_ROWS_AT_EVERY_VISIT ? proxyDocuments : delivery);
                n.managedProperty().bind(n.visibleProperty());
            }
        }
        for (Node[] pair : sheetRows()) {
            grid.addRow(row++, pair);
            for (Node n : pair) {
                n.visibleProperty().bind(Bindings.createBooleanBinding(
                        () -> WizardViewModel.secondVisit(vm.actProperty().get(), vm.visitorProperty().get()),
                        vm.actProperty(), vm.visitorProperty()));
                n.managedProperty().bind(n.visibleProperty());
            }
        }
        pages.put(WizardViewModel.Page.IDENTITY, grid);
        Node proxyDocument = proxy.get(0)[1];
        firstFocus.put(WizardViewModel.Page.IDENTITY, document);
        InvalidationListener focus = o -> firstFocus.put(WizardViewModel.Page.IDENTITY, holderAsked() ? document : proxyDocument);
        vm.actProperty().addListener(focus);
        vm.visitorProperty().addListener(focus);
        releases.add(() -> {
            vm.actProperty().removeListener(focus);
            vm.visitorProperty().removeListener(focus);
        });
    }

    /** Whether the identity page asks for the holder's documents: not at either visit of the voluntary proxy's two-visit route. */
    private boolean holderAsked() {
        return vm.actProperty().get() != WizardViewModel.Act.PROXY_INQUIRY
                && !WizardViewModel.secondVisit(vm.actProperty().get(), vm.visitorProperty().get());
    }

    /** Visit 2 of the two-visit route: the 照会書兼回答書 the proxy brings, its date, and whether the answer is unopened. */
    private List<Node[]> sheetRows() {
        TextField number = Controls.accessible(new TextField(), texts.bind("wizard.inquiryNumber"), "wizardInquiryNumber");
        number.setPromptText("Q20261126-0A1B2C");
        number.textProperty().bindBidirectional(vm.inquiryNumberProperty());
        releases.add(() -> number.textProperty().unbindBidirectional(vm.inquiryNumberProperty()));
        validation.registerValidator(number, false, (javafx.scene.control.Control c, String v) ->
                ValidationResult.fromErrorIf(c, texts.get("wizard.problem.inquirySheet"),
                        WizardViewModel.secondVisit(vm.actProperty().get(), vm.visitorProperty().get()) && (v == null || v.isBlank())));
        DatePicker date = Controls.datePicker(texts.bind("wizard.inquiryDate"), "wizardInquiryDate");
        date.valueProperty().bindBidirectional(vm.inquiryDateProperty());
        releases.add(() -> date.valueProperty().unbindBidirectional(vm.inquiryDateProperty()));
        CheckBox unopened = check("wizard.answerUnopened", "wizardAnswerUnopened");
        unopened.selectedProperty().bindBidirectional(vm.answerUnopenedProperty());
        releases.add(() -> unopened.selectedProperty().unbindBidirectional(vm.answerUnopenedProperty()));
        return List.of(new Node[] {fieldLabel("wizard.inquiryNumber", number, "wizardInquiryNumberLabel"), number},
                new Node[] {fieldLabel("wizard.inquiryDate", date, "wizardInquiryDateLabel"), date},
                new Node[] {new Region(), unopened});
    }

    /** How many of {@link #proxyRows()} every proxy visit asks for (the rest are delivery's). */
    private static final int PROXY_ROWS_AT_EVERY_VISIT = 3;

    /**
     * The voluntary proxy's rows, one each (label, field): first what every proxy visit asks for (the
     * proxy's documents, then their name for the forms), then delivery's reason and §2.0 papers.
     */
    private List<Node[]> proxyRows() {
        TextField name = Controls.accessible(new TextField(), texts.bind("wizard.proxyName"), "wizardProxyName");
        name.textProperty().bindBidirectional(vm.proxyNameProperty());
        releases.add(() -> name.textProperty().unbindBidirectional(vm.proxyNameProperty()));
        ComboBox<DocumentType> doc = combo(WizardViewModel.DOCUMENTS, t -> WizardTexts.document(texts, t), "wizard.proxyDocument",
                "wizardProxyDocument");
        doc.valueProperty().bindBidirectional(vm.proxyDocumentProperty());
        validation.registerValidator(doc, false, (javafx.scene.control.Control c, DocumentType v) ->
                ValidationResult.fromErrorIf(c, texts.get("wizard.problem.proxyDocument"), v == null && !holderAsked()));
        releases.add(() -> doc.valueProperty().unbindBidirectional(vm.proxyDocumentProperty()));
        ComboBox<DocumentType> second = combo(WizardViewModel.DOCUMENTS, t -> WizardTexts.document(texts, t),
                "wizard.proxySecondDocument", "wizardProxySecondDocument");
        second.valueProperty().bindBidirectional(vm.proxySecondDocumentProperty());
        releases.add(() -> second.valueProperty().unbindBidirectional(vm.proxySecondDocumentProperty()));
        ComboBox<ProxyReason> reason = combo(WizardViewModel.PROXY_REASONS, r -> WizardTexts.proxyReason(texts, r), "wizard.proxyReason",
                "wizardProxyReason");
        reason.valueProperty().bindBidirectional(vm.proxyReasonProperty());
        releases.add(() -> reason.valueProperty().unbindBidirectional(vm.proxyReasonProperty()));
        ComboBox<ProxyEvidence> evidence = combo(WizardViewModel.PROXY_EVIDENCE, v -> WizardTexts.proxyEvidence(texts, v),
                "wizard.proxyEvidence", "wizardProxyEvidence");
        evidence.valueProperty().bindBidirectional(vm.proxyEvidenceProperty());
        releases.add(() -> evidence.valueProperty().unbindBidirectional(vm.proxyEvidenceProperty()));
        CheckBox back = check("wizard.proxyNoticeBack", "wizardProxyNoticeBack");
        back.selectedProperty().bindBidirectional(vm.noticeBackCompletedProperty());
        releases.add(() -> back.selectedProperty().unbindBidirectional(vm.noticeBackCompletedProperty()));
        CheckBox sealed = check("wizard.proxyPinsConcealed", "wizardProxyPinsConcealed");
        sealed.selectedProperty().bindBidirectional(vm.pinsConcealedProperty());
        releases.add(() -> sealed.selectedProperty().unbindBidirectional(vm.pinsConcealedProperty()));
        return List.of(new Node[] {fieldLabel("wizard.proxyDocument", doc, "wizardProxyDocumentLabel"), doc},
                new Node[] {fieldLabel("wizard.proxySecondDocument", second, "wizardProxySecondDocumentLabel"), second},
                new Node[] {fieldLabel("wizard.proxyName", name, "wizardProxyNameLabel"), name},
                new Node[] {fieldLabel("wizard.proxyReason", reason, "wizardProxyReasonLabel"), reason},
                new Node[] {fieldLabel("wizard.proxyEvidence", evidence, "wizardProxyEvidenceLabel"), evidence},
                new Node[] {new Region(), back},
                new Node[] {new Region(), sealed});
    }

    private void buildItemsPage() {
        GridPane grid = grid();
        int row = 0;
        Map<CollectedItem.Kind, Node> boxes = new java.util.EnumMap<>(CollectedItem.Kind.class);
        // The notice first at delivery, the previous card first at a collection (each act hides the other's).
        for (CollectedItem.Kind kind : List.of(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Kind.PREVIOUS_MY_NUMBER_CARD,
                CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Kind.JUKI_CARD)) {
            ComboBox<CollectedItem.Disposition> box = combo(WizardViewModel.DISPOSITIONS,
                    d -> WizardTexts.disposition(texts, d), null, "wizardItem-" + kind.name());
            box.accessibleTextProperty().bind(texts.bindComputed(() -> WizardTexts.item(texts, kind)));
            box.valueProperty().bindBidirectional(vm.itemProperty(kind));
            releases.add(() -> box.valueProperty().unbindBidirectional(vm.itemProperty(kind)));
            Label label = Controls.label(texts.bindComputed(() -> WizardTexts.item(texts, kind)), "wizardItemLabel-" + kind.name());
            label.setLabelFor(box);
            grid.addRow(row++, label, box);
            // Each act asks about its own items: the notice at delivery, the previous card at a collection.
            javafx.beans.binding.BooleanBinding asked = javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> vm.itemsAsked().contains(kind), vm.actProperty());
            for (Node n : List.of(label, box)) {
                n.visibleProperty().bind(asked);
                n.managedProperty().bind(asked);
            }
            boxes.put(kind, box);
        }
        pages.put(WizardViewModel.Page.COLLECTED_ITEMS, grid);
        firstFocus.put(WizardViewModel.Page.COLLECTED_ITEMS, boxes.get(WizardViewModel.ITEMS.get(0)));
        ChangeListener<WizardViewModel.Act> focus = (o, a, act) -> firstFocus.put(WizardViewModel.Page.COLLECTED_ITEMS,
                boxes.get(vm.itemsAsked().get(0)));
        vm.actProperty().addListener(focus);
        releases.add(() -> vm.actProperty().removeListener(focus));
    }

    private void buildChoicePage() {
        VBox pins = new VBox(8);
        CheckBox firstPin = null;
        for (PinType t : PinType.values()) {
            CheckBox c = new CheckBox();
            c.textProperty().bind(texts.bindComputed(() -> tries(t), vm.pageProperty()));
            Controls.accessible(c, c.textProperty(), "wizardPin-" + t.name());
            c.selectedProperty().bindBidirectional(vm.pinChosenProperty(t));
            releases.add(() -> c.selectedProperty().unbindBidirectional(vm.pinChosenProperty(t)));
            pins.getChildren().add(c);
            if (firstPin == null) {
                firstPin = c;
            }
        }
        ComboBox<PinResetWorkflow.Reason> reason = combo(List.of(PinResetWorkflow.Reason.values()), r -> WizardTexts.reason(texts, r),
                "wizard.reason", "wizardReason");
        reason.valueProperty().bindBidirectional(vm.reasonProperty());
        releases.add(() -> reason.valueProperty().unbindBidirectional(vm.reasonProperty()));
        HBox reasonRow = new HBox(10, fieldLabel("wizard.reason", reason, "wizardReasonLabel"), reason);
        // A change has no reason to give: the holder knows the PIN.
        reasonRow.visibleProperty().bind(vm.actProperty().isEqualTo(WizardViewModel.Act.PIN_RESET));
        reasonRow.managedProperty().bind(reasonRow.visibleProperty());
        pins.getChildren().add(reasonRow);
        VBox kinds = new VBox(8);
        CheckBox firstKind = null;
        for (CertKind k : List.of(CertKind.AUTH, CertKind.SIGN)) {
            CheckBox c = check(k == CertKind.AUTH ? "wizard.kind.AUTH" : "wizard.kind.SIGN", "wizardKind-" + k.name());
            c.selectedProperty().bindBidirectional(vm.kindChosenProperty(k));
            releases.add(() -> c.selectedProperty().unbindBidirectional(vm.kindChosenProperty(k)));
            kinds.getChildren().add(c);
            if (firstKind == null) {
                firstKind = c;
            }
        }
        CheckBox ward = check("wizard.adultWard", "wizardKindsAdultWard");
        ward.selectedProperty().bindBidirectional(vm.adultWardProperty());
        releases.add(() -> ward.selectedProperty().unbindBidirectional(vm.adultWardProperty()));
        kinds.getChildren().add(ward);
        StackPane holder = new StackPane(pins, kinds);
        holder.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        pins.visibleProperty().bind(vm.actProperty().isEqualTo(WizardViewModel.Act.PIN_RESET)
                .or(vm.actProperty().isEqualTo(WizardViewModel.Act.PIN_CHANGE)));
        kinds.visibleProperty().bind(pins.visibleProperty().not());
        pages.put(WizardViewModel.Page.CHOICE, holder);
        CheckBox fp = firstPin;
        CheckBox fk = firstKind;
        ChangeListener<WizardViewModel.Act> focus = (o, a, act) -> firstFocus.put(WizardViewModel.Page.CHOICE,
                act == WizardViewModel.Act.PIN_RESET || act == WizardViewModel.Act.PIN_CHANGE ? fp : fk);
        vm.actProperty().addListener(focus);
        releases.add(() -> vm.actProperty().removeListener(focus));
    }

    private String tries(PinType t) {
        Integer left = vm.triesLeft().get(t);
        String name = WizardTexts.pin(texts, t);
        if (left == null) {
            return name;
        }
        return left == 0 ? texts.format("wizard.pinLocked", Map.of("pin", name))
                : texts.format("wizard.pinTries", Map.of("pin", name, "n", left));
    }

    private void buildSummaryPage() {
        ListView<String> lines = new ListView<>(vm.summary());
        Controls.accessible(lines, texts.bind("wizard.summary"), "wizardSummary");
        lines.setCellFactory(v -> wrappingCell());
        lines.setPrefHeight(220);
        Button print = Controls.button(texts.bindComputed(() -> texts.get(vm.actProperty().get() == WizardViewModel.Act.DELIVERY
                ? "wizard.form.print.receipt" : vm.actProperty().get() == WizardViewModel.Act.PROXY_INQUIRY
                ? "wizard.form.print.sheet" : "wizard.form.print.record"), vm.actProperty()),
                texts.bind("wizard.form.print.a11y"), "wizardFormPrint");
        print.setOnAction(e -> vm.printForm());
        Button save = Controls.button(texts.bind("wizard.form.save"), texts.bind("wizard.form.save.a11y"), "wizardFormSave");
        save.setOnAction(e -> vm.saveForm());
        for (Button b : List.of(print, save)) {
            b.disableProperty().bind(vm.formBusyProperty());
        }
        HBox formButtons = new HBox(12, print, save);
        formButtons.setId("wizardFormButtons");
        formButtons.visibleProperty().bind(vm.formAvailableProperty());
        formButtons.managedProperty().bind(formButtons.visibleProperty());
        Label status = Controls.label(vm.formStatusProperty(), "wizardFormStatus");
        status.setWrapText(true);
        bindShownWhenNotEmpty(status);
        ListView<String> flags = new ListView<>(vm.formFlags());
        Controls.accessible(flags, texts.bind("wizard.form.gaiji.title"), "wizardFormFlags");
        flags.setCellFactory(v -> wrappingCell());
        flags.setPrefHeight(70);
        Label flagsTitle = Controls.label(texts.bind("wizard.form.gaiji.title"), "wizardFormFlagsTitle");
        flagsTitle.getStyleClass().add("failure");
        for (Node n : List.of(flags, flagsTitle)) {
            n.visibleProperty().bind(Bindings.isNotEmpty(vm.formFlags()));
            n.managedProperty().bind(n.visibleProperty());
        }
        VBox box = new VBox(10, lines, formButtons, status, flagsTitle, flags);
        pages.put(WizardViewModel.Page.SUMMARY, box);
        firstFocus.put(WizardViewModel.Page.SUMMARY, next);
    }

    private void buildSimplePage(WizardViewModel.Page page) {
        Region empty = new Region();
        pages.put(page, empty);
    }

    // ---- small builders ---------------------------------------------------------------------------

    private <T> ComboBox<T> combo(List<T> items, Function<T, String> name, String a11yKey, String id) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().setAll(items);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                return items.stream().filter(t -> name.apply(t).equals(s)).findFirst().orElse(null);
            }
        });
        box.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : name.apply(item));
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
        InvalidationListener relabel = o -> box.setButtonCell(box.getCellFactory().call(null));
        texts.localeProperty().addListener(relabel);
        releases.add(() -> texts.localeProperty().removeListener(relabel));
        if (a11yKey != null) {
            Controls.accessible(box, texts.bind(a11yKey), id);
        } else {
            box.setId(id);
        }
        return box;
    }

    private CheckBox check(String key, String id) {
        CheckBox c = new CheckBox();
        c.textProperty().bind(texts.bind(key));
        return Controls.accessible(c, texts.bind(key), id);
    }

    private Label fieldLabel(String key, Node field, String id) {
        Label l = Controls.label(texts.bind(key), id);
        l.setLabelFor(field);
        return l;
    }

    /** Half the gap between two form rows, above and below each cell. */
    private static final Insets ROW_SPACING = new Insets(6, 0, 6, 0);

    /**
     * A form grid. Its rows are spaced by margins on the cells rather than by a vertical gap: the pages
     * hide whole rows for some visitors and operations, and GridPane keeps the gap of an empty row, so a
     * vertical gap left a blank band for every hidden row.
     */
    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.getChildren().addListener((ListChangeListener<Node>) change -> {
            while (change.next()) {
                for (Node n : change.getAddedSubList()) {
                    if (GridPane.getMargin(n) == null) {
                        GridPane.setMargin(n, ROW_SPACING);
                    }
                }
            }
        });
        return grid;
    }

    private static void bindShownWhenNotEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private static ListCell<String> wrappingCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setAccessibleText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
            }
        };
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Node firstFocus() {
        return chooseDelivery;
    }

    @Override
    public void close() {
        validation.setErrorDecorationEnabled(false);
        releases.forEach(Runnable::run);
        releases.clear();
        vm.close();
        padWindow.close();
    }
}
