package jp.madoguchi.app.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.app.counter.domain.AuthorityProof;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentClass;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.LegalRepresentative;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PersonName;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.app.counter.workflow.CardRecord;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.IssuanceWorkflow;
import jp.madoguchi.app.counter.workflow.OldCardCollectionWorkflow;
import jp.madoguchi.app.counter.workflow.PinChangeWorkflow;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.app.counter.workflow.ProxyInquiryWorkflow;
import jp.madoguchi.app.counter.workflow.RenewalWorkflow;
import jp.madoguchi.app.counter.workflow.SupervisorApproval;
import jp.madoguchi.app.counter.workflow.SuspensionLiftWorkflow;
import jp.madoguchi.app.counter.workflow.Workflow;
import jp.madoguchi.app.counter.workflow.WorkflowFailure;
import jp.madoguchi.app.forms.FormSource;
import jp.madoguchi.app.forms.InquirySheetForm;
import jp.madoguchi.app.forms.OperationForms;
import jp.madoguchi.app.forms.PrintableForm;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow wizards (F2): choose the act, then one page per {@link Workflow#expects()} until the
 * summary or a refusal. Every workflow call (card, disk, network) runs on the {@link TaskExecutor}
 * while {@link #busyProperty()} is set; the worker also reads the workflow's state into a
 * {@link State}, so the FX thread never touches the workflow itself. The resident's PINs go from the
 * {@link PinPadViewModel} straight to the worker as {@code char[]} and are cleared there.
 * FX-thread confined (except the tasks it submits, which run one at a time).
 */
public final class WizardViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WizardViewModel.class);
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd");

    /** The acts of the counter the wizards lead through. */
    public enum Act { DELIVERY, PIN_RESET, PIN_CHANGE, RENEWAL, ISSUANCE, SUSPENSION_LIFT, OLD_CARD_COLLECTION, PROXY_INQUIRY }

    /** The wizard's pages: CHOOSE and START before a workflow exists, then one per {@link Workflow.Input}. */
    public enum Page { CHOOSE, START, IDENTITY, CARD, COLLECTED_ITEMS, CHOICE, NEW_PIN, CURRENT_PIN, PROCEED, SUMMARY, REFUSED }

    /** The documents the identity page offers (class A first). */
    public static final List<DocumentType> DOCUMENTS = List.of(DocumentType.PASSPORT, DocumentType.DRIVERS_LICENSE,
            DocumentType.RESIDENCE_CARD, DocumentType.PHYSICAL_DISABILITY_HANDBOOK, DocumentType.HEALTH_INSURANCE_CERTIFICATE,
            DocumentType.PENSION_BOOK, DocumentType.STUDENT_ID);
    /**
     * Who may stand at the counter in these wizards. A voluntary proxy brings the §2.0 papers; what an
     * act does not allow a proxy (or allows only by the two-visit route) is refused with its code.
     */
    public static final List<VisitorType> VISITORS = List.of(VisitorType.HOLDER, VisitorType.HOLDER_WITH_LEGAL_REP,
            VisitorType.VOLUNTARY_PROXY);
    /** The reasons a voluntary proxy may collect a card for (counter-rules §2.0). */
    public static final List<ProxyReason> PROXY_REASONS = List.of(ProxyReason.values());
    /** The evidence of the reason the proxy may show. */
    public static final List<ProxyEvidence> PROXY_EVIDENCE = List.of(ProxyEvidence.values());
    /**
     * The operations a voluntary proxy may ask for by the two-visit route (照会書兼回答書, visit 1), in the
     * order the start page offers them ({@link ProxyInquiryWorkflow#ROUTED}).
     */
    public static final List<Operation> INQUIRY_OPERATIONS = List.of(Operation.PIN_RESET, Operation.PIN_CHANGE,
            Operation.SUSPENSION_LIFT, Operation.CERT_RENEWAL, Operation.CERT_ISSUE);
    /** The items asked about at delivery. */
    public static final List<CollectedItem.Kind> ITEMS = List.of(CollectedItem.Kind.DELIVERY_NOTICE,
            CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Kind.JUKI_CARD);
    /** The items asked about at an old-card collection (PR-58): cards only, the previous card first. */
    public static final List<CollectedItem.Kind> OLD_CARD_ITEMS = List.of(CollectedItem.Kind.PREVIOUS_MY_NUMBER_CARD,
            CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Kind.JUKI_CARD);
    /** What the clerk may record for each item. */
    public static final List<CollectedItem.Disposition> DISPOSITIONS = List.of(CollectedItem.Disposition.COLLECTED,
            CollectedItem.Disposition.DECLARED_LOST, CollectedItem.Disposition.NOT_HELD);

    /** An interrupted workflow saved on disk, offered for resuming. */
    public record Resumable(Act act, String id) {
    }

    /** What the worker read from the workflow after a call. */
    record State(Page page, Optional<MadoguchiException> failure, List<Notice> notices, Optional<PinType> pin,
                 Map<PinType, Integer> triesLeft, Optional<LocalDate> birthDate, Object receipt, Optional<CardRecord> before,
                 boolean signToIssue, boolean awaitingApproval, Optional<SupervisorApproval> approval) {
    }

    /** What the worker found on the choose page: interrupted work and whether the link answers now. */
    private record Found(List<Resumable> resumable, boolean online) {
    }

    private final Texts texts;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final DialogService dialogs;
    private final CounterStations stations;
    private final StaffAccount staff;
    private final StaffDirectory directory;
    private final PinPadViewModel pad;
    private final WizardPrinting printing;
    private volatile CounterStation station;
    private Workflow<?> workflow;
    private boolean closed;

    private final ReadOnlyObjectWrapper<Act> act = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.CHOOSE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<String> busyKey = new SimpleObjectProperty<>("wizard.busy.card");
    private final ObjectProperty<MadoguchiException> failure = new SimpleObjectProperty<>();
    private final ObjectProperty<String> problemKey = new SimpleObjectProperty<>();
    private final ObjectProperty<State> state = new SimpleObjectProperty<>();
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final ObservableList<String> summary = FXCollections.observableArrayList();
    private final ObservableList<Resumable> resumable = FXCollections.observableArrayList();
    private final StringBinding failureText;
    private final StringBinding problemText;
    private final StringBinding busyText;
    private final StringBinding pageTitle;
    private final StringBinding pageText;
    private final InvalidationListener relabel = o -> render();
    /** Not known to be offline until the worker has asked the link (the online-only workflows check again themselves). */
    private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(true);
    private final StringBinding suspensionOffline;
    private final ReadOnlyBooleanWrapper formBusy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Throwable> formFailure = new SimpleObjectProperty<>();
    private final ObjectProperty<String> formDone = new SimpleObjectProperty<>();
    private final ObjectProperty<java.nio.file.Path> formFile = new SimpleObjectProperty<>();
    private final ObservableList<GaijiFlag> formFlagList = FXCollections.observableArrayList();
    private final ObservableList<String> formFlags = FXCollections.observableArrayList();
    private final StringBinding formStatus;
    private final BooleanBinding formAvailable;

    // Inputs, bound by the view.
    private final StringProperty serial = new SimpleStringProperty("");
    private final ObjectProperty<VisitorType> visitor = new SimpleObjectProperty<>(VisitorType.HOLDER);
    private final ObjectProperty<DocumentType> document = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> documentValidUntil = new SimpleObjectProperty<>();
    private final ObjectProperty<DocumentType> secondDocument = new SimpleObjectProperty<>();
    private final BooleanProperty cardShown = new SimpleBooleanProperty(true);
    private final BooleanProperty faceChecked = new SimpleBooleanProperty(false);
    private final StringProperty representativeName = new SimpleStringProperty("");
    /** The voluntary proxy's name, for the forms (the identity rules do not need it). */
    private final StringProperty proxyName = new SimpleStringProperty("");
    private final ObjectProperty<DocumentType> representativeDocument = new SimpleObjectProperty<>();
    private final Map<CollectedItem.Kind, ObjectProperty<CollectedItem.Disposition>> items = new EnumMap<>(CollectedItem.Kind.class);
    private final Map<PinType, BooleanProperty> pinsChosen = new EnumMap<>(PinType.class);
    private final ObjectProperty<PinResetWorkflow.Reason> reason = new SimpleObjectProperty<>(PinResetWorkflow.Reason.FORGOTTEN);
    private final Map<CertKind, BooleanProperty> kindsChosen = new EnumMap<>(CertKind.class);
    private final BooleanProperty adultWard = new SimpleBooleanProperty(false);
    private final ObjectProperty<DocumentType> proxyDocument = new SimpleObjectProperty<>();
    private final ObjectProperty<DocumentType> proxySecondDocument = new SimpleObjectProperty<>();
    private final ObjectProperty<ProxyReason> proxyReason = new SimpleObjectProperty<>();
    private final ObjectProperty<ProxyEvidence> proxyEvidence = new SimpleObjectProperty<>();
    private final BooleanProperty noticeBackCompleted = new SimpleBooleanProperty(false);
    private final BooleanProperty pinsConcealed = new SimpleBooleanProperty(false);
    // The two-visit route: visit 1 asks for the operation; visit 2 brings the sheet and its sealed answer.
    private final ObjectProperty<Operation> inquiryOperation = new SimpleObjectProperty<>(Operation.PIN_RESET);
    private final StringProperty inquiryNumber = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> inquiryDate = new SimpleObjectProperty<>();
    private final BooleanProperty answerUnopened = new SimpleBooleanProperty(false);
    // The supervisor's approval (PR-03): typed at this window, checked on the worker.
    private final StringProperty approverId = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper awaitingApproval = new ReadOnlyBooleanWrapper(false);
    // PR-03 self-approval: the signed-in supervisor approving their own operation enters a reason.
    private final StringProperty approvalReason = new SimpleStringProperty("");
    private final BooleanBinding selfApproval;

    public WizardViewModel(Texts texts, TaskExecutor executor, UiThread uiThread, DialogService dialogs, CounterStations stations,
                           StaffAccount staff, StaffDirectory directory, WizardPrinting printing) {
        this.texts = texts;
        this.printing = printing;
        this.executor = executor;
        this.uiThread = uiThread;
        this.dialogs = dialogs;
        this.stations = stations;
        this.staff = staff;
        this.directory = directory;
        this.pad = new PinPadViewModel(texts, this::pinEntered);
        for (CollectedItem.Kind k : CollectedItem.Kind.values()) {
            items.put(k, new SimpleObjectProperty<>());
        }
        defaultItems(Act.DELIVERY);
        for (PinType t : PinType.values()) {
            pinsChosen.put(t, new SimpleBooleanProperty(false));
        }
        for (CertKind k : CertKind.values()) {
            kindsChosen.put(k, new SimpleBooleanProperty(k == CertKind.AUTH));
        }
        failureText = texts.bindComputed(() -> failure.get() == null ? ""
                : failure.get().code() + "　" + failure.get().clerkMessage(texts.locale()), failure);
        problemText = texts.bindComputed(() -> problemKey.get() == null ? "" : texts.get(problemKey.get()), problemKey);
        busyText = texts.bindComputed(() -> texts.get(busyKey.get()), busyKey);
        pageTitle = texts.bindComputed(this::renderTitle, page, act, state);
        pageText = texts.bindComputed(this::renderPageText, page, act, state, awaitingApproval, visitor);
        selfApproval = Bindings.createBooleanBinding(() -> awaitingApproval.get() && staff.role() == jp.madoguchi.app.staff.StaffRole.SUPERVISOR
                && approverId.get().trim().equals(staff.staffId()), awaitingApproval, approverId);
        suspensionOffline = texts.bindComputed(() -> {
            if (online.get()) {
                return "";
            }
            MadoguchiException m = Refusal.of(CounterFailure.SYNC_CENTRAL_NEEDED).toException();
            return texts.format("wizard.suspension.offline", Map.of("reason", m.code() + "　" + m.clerkMessage(texts.locale())));
        }, online);
        formStatus = texts.bindComputed(this::renderFormStatus, formBusy, formFailure, formDone, formFile);
        formAvailable = Bindings.createBooleanBinding(() -> page.get() == Page.SUMMARY && state.get() != null
                && hasForm(state.get().receipt()), page, state);
        texts.localeProperty().addListener(relabel);
    }

    /** The items and their defaults for {@code chosen}: at delivery the notice and 通知カード are handed in; at a collection the previous card. */
    private void defaultItems(Act chosen) {
        for (CollectedItem.Kind k : CollectedItem.Kind.values()) {
            boolean collected = chosen == Act.OLD_CARD_COLLECTION ? k == CollectedItem.Kind.PREVIOUS_MY_NUMBER_CARD
                    : k == CollectedItem.Kind.DELIVERY_NOTICE || k == CollectedItem.Kind.NOTIFICATION_CARD;
            items.get(k).set(collected ? CollectedItem.Disposition.COLLECTED : CollectedItem.Disposition.NOT_HELD);
        }
    }

    /** The items the collected-items page asks about for the current act. */
    public List<CollectedItem.Kind> itemsAsked() {
        return act.get() == Act.OLD_CARD_COLLECTION ? OLD_CARD_ITEMS : ITEMS;
    }

    // ---- properties -------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Act> actProperty() {
        return act.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public StringBinding busyTextProperty() {
        return busyText;
    }

    /** The last refusal: its code and the clerk-facing reason, in the current language; empty when none. */
    public StringBinding failureTextProperty() {
        return failureText;
    }

    /** What is missing on the page (the clerk's input, before the workflow is asked); empty when nothing. */
    public StringBinding problemTextProperty() {
        return problemText;
    }

    public StringBinding pageTitleProperty() {
        return pageTitle;
    }

    public StringBinding pageTextProperty() {
        return pageText;
    }

    public ObservableList<String> notices() {
        return FXCollections.unmodifiableObservableList(notices);
    }

    public ObservableList<String> summary() {
        return FXCollections.unmodifiableObservableList(summary);
    }

    public ObservableList<Resumable> resumable() {
        return FXCollections.unmodifiableObservableList(resumable);
    }

    public PinPadViewModel pad() {
        return pad;
    }

    /** Whether the link answered when the choose page was last shown (online-only acts are offered only then). */
    public ReadOnlyBooleanProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    /** Why the suspension lift is not offered now (MDG-SYNC-001 in words); empty while online. */
    public StringBinding suspensionOfflineProperty() {
        return suspensionOffline;
    }

    /** Whether the summary's act has a form to print or save (delivery, PIN reset, renewal, issuance, the proxy's 照会書兼回答書). */
    public BooleanBinding formAvailableProperty() {
        return formAvailable;
    }

    public ReadOnlyBooleanProperty formBusyProperty() {
        return formBusy.getReadOnlyProperty();
    }

    /** Printing, saved to a file, printed, or the failure with its code, message and action. */
    public StringBinding formStatusProperty() {
        return formStatus;
    }

    /** The 「外字要確認」 flags of the form last saved or printed, in words: the clerk checks these names by hand. */
    public ObservableList<String> formFlags() {
        return FXCollections.unmodifiableObservableList(formFlags);
    }

    public Optional<MadoguchiException> failure() {
        return Optional.ofNullable(failure.get());
    }

    public StringProperty serialProperty() {
        return serial;
    }

    public ObjectProperty<VisitorType> visitorProperty() {
        return visitor;
    }

    public ObjectProperty<DocumentType> documentProperty() {
        return document;
    }

    public ObjectProperty<LocalDate> documentValidUntilProperty() {
        return documentValidUntil;
    }

    public ObjectProperty<DocumentType> secondDocumentProperty() {
        return secondDocument;
    }

    public BooleanProperty cardShownProperty() {
        return cardShown;
    }

    public BooleanProperty faceCheckedProperty() {
        return faceChecked;
    }

    public StringProperty representativeNameProperty() {
        return representativeName;
    }

    public ObjectProperty<DocumentType> representativeDocumentProperty() {
        return representativeDocument;
    }

    public ObjectProperty<CollectedItem.Disposition> itemProperty(CollectedItem.Kind kind) {
        return items.get(kind);
    }

    public BooleanProperty pinChosenProperty(PinType type) {
        return pinsChosen.get(type);
    }

    public ObjectProperty<PinResetWorkflow.Reason> reasonProperty() {
        return reason;
    }

    public BooleanProperty kindChosenProperty(CertKind kind) {
        return kindsChosen.get(kind);
    }

    public BooleanProperty adultWardProperty() {
        return adultWard;
    }

    /** The voluntary proxy's photo document (class A) or first document. */
    public ObjectProperty<DocumentType> proxyDocumentProperty() {
        return proxyDocument;
    }

    /** The voluntary proxy's second document (class B), when the first is not enough alone. */
    public ObjectProperty<DocumentType> proxySecondDocumentProperty() {
        return proxySecondDocument;
    }

    public StringProperty proxyNameProperty() {
        return proxyName;
    }

    public ObjectProperty<ProxyReason> proxyReasonProperty() {
        return proxyReason;
    }

    public ObjectProperty<ProxyEvidence> proxyEvidenceProperty() {
        return proxyEvidence;
    }

    /** The back of the 交付通知書 (回答書・委任状) is filled in. */
    public BooleanProperty noticeBackCompletedProperty() {
        return noticeBackCompleted;
    }

    /** The holder's PINs come sealed (目隠しシール). */
    public BooleanProperty pinsConcealedProperty() {
        return pinsConcealed;
    }

    /** Visit 1 of the two-visit route: the operation the proxy asks for. */
    public ObjectProperty<Operation> inquiryOperationProperty() {
        return inquiryOperation;
    }

    /** Visit 2 of the two-visit route: the number printed on the 照会書兼回答書 the proxy brings (empty: no sheet). */
    public StringProperty inquiryNumberProperty() {
        return inquiryNumber;
    }

    /** Visit 2: the date printed on the sheet (the workflow judges the date this office registered). */
    public ObjectProperty<LocalDate> inquiryDateProperty() {
        return inquiryDate;
    }

    /** Visit 2: the holder's answer comes sealed and unopened. */
    public BooleanProperty answerUnopenedProperty() {
        return answerUnopened;
    }

    /** Whether the identity page is visit 2 of the two-visit route (a proxy for an act other than delivery and visit 1). */
    public static boolean secondVisit(Act a, VisitorType v) {
        return v == VisitorType.VOLUNTARY_PROXY && a != null && a != Act.DELIVERY && a != Act.PROXY_INQUIRY
                && a != Act.OLD_CARD_COLLECTION;
    }

    /** The approving supervisor's staff id, typed at this window. */
    public StringProperty approverIdProperty() {
        return approverId;
    }

    /** The reason of a self-approval (PR-03), typed at this window; recorded with the act and listed in the daily tally. */
    public StringProperty approvalReasonProperty() {
        return approvalReason;
    }

    /**
     * Whether the approver typed is the signed-in supervisor, who approves their own operation: the
     * approval panel then asks for a reason (PR-03; allowed only as the only supervisor on duty).
     */
    public BooleanBinding selfApprovalProperty() {
        return selfApproval;
    }

    /** Whether the workflow waits for a supervisor's approval (the wizard shows the approval panel). */
    public ReadOnlyBooleanProperty awaitingApprovalProperty() {
        return awaitingApproval.getReadOnlyProperty();
    }

    /** Tries left per PIN as the card said (PIN reset's choice page); empty before the card is read. */
    public Map<PinType, Integer> triesLeft() {
        return state.get() == null ? Map.of() : state.get().triesLeft();
    }

    // ---- actions ----------------------------------------------------------------------------------

    /** Looks for interrupted workflows on disk (the choose page offers to resume them). */
    public void findInterrupted() {
        submit("wizard.busy.open", () -> {
            CounterStation s = station();
            List<Resumable> found = new ArrayList<>();
            DeliveryWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.DELIVERY, id)));
            PinResetWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.PIN_RESET, id)));
            PinChangeWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.PIN_CHANGE, id)));
            RenewalWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.RENEWAL, id)));
            IssuanceWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.ISSUANCE, id)));
            SuspensionLiftWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.SUSPENSION_LIFT, id)));
            OldCardCollectionWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.OLD_CARD_COLLECTION, id)));
            ProxyInquiryWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.PROXY_INQUIRY, id)));
            return new Found(found, s.online());
        }, f -> {
            resumable.setAll(f.resumable());
            online.set(f.online());
        });
    }

    /** The clerk chose an act: its start page (who is at the counter; for delivery, which card). */
    public void choose(Act chosen) {
        if (busy.get()) {
            return;
        }
        act.set(chosen);
        failure.set(null);
        problemKey.set(null);
        notices.clear();
        summary.clear();
        clearForm();
        defaultItems(chosen);
        page.set(Page.START);
    }

    /** Continues a saved workflow: it asks for the card first. */
    public void resume(Resumable saved) {
        if (busy.get()) {
            return;
        }
        act.set(saved.act());
        failure.set(null);
        problemKey.set(null);
        clearForm();
        defaultItems(saved.act());
        submit("wizard.busy.open", () -> {
            CounterStation s = station();
            Workflow<?> w = switch (saved.act()) {
                case DELIVERY -> DeliveryWorkflow.resume(s, saved.id());
                case PIN_RESET -> PinResetWorkflow.resume(s, saved.id());
                case PIN_CHANGE -> PinChangeWorkflow.resume(s, saved.id());
                case RENEWAL -> RenewalWorkflow.resume(s, saved.id());
                case ISSUANCE -> IssuanceWorkflow.resume(s, saved.id());
                case SUSPENSION_LIFT -> SuspensionLiftWorkflow.resume(s, saved.id());
                case OLD_CARD_COLLECTION -> OldCardCollectionWorkflow.resume(s, saved.id());
                case PROXY_INQUIRY -> ProxyInquiryWorkflow.resume(s, saved.id());
            };
            workflow = w;
            return read(w);
        }, this::show);
    }

    /**
     * Enter / F9 / the page's main button: checks the page's inputs, then runs the step on the worker.
     * On the summary and refusal pages it goes back to the choice of act.
     */
    public void advance() {
        if (busy.get() || formBusy.get()) {
            return;
        }
        Optional<String> problem = problem();
        problemKey.set(problem.orElse(null));
        if (problem.isPresent()) {
            return;
        }
        switch (page.get()) {
            case CHOOSE -> { }
            case START -> start();
            case IDENTITY -> step("wizard.busy.check", w -> identityOf(w).accept(identityCheck()));
            case CARD -> step("wizard.busy.card", w -> {
                if (w instanceof DeliveryWorkflow d) {
                    d.cardPresented();
                } else if (w instanceof PinResetWorkflow p) {
                    p.cardPresented();
                } else if (w instanceof PinChangeWorkflow c) {
                    c.cardPresented();
                } else if (w instanceof RenewalWorkflow r) {
                    r.cardPresented();
                } else if (w instanceof IssuanceWorkflow i) {
                    i.cardPresented();
                } else if (w instanceof SuspensionLiftWorkflow l) {
                    l.cardPresented();
                }
            });
            case COLLECTED_ITEMS -> {
                // A loss declared at the counter is written and signed there (PR-18): choosing it records that.
                List<CollectedItem> collected = itemsAsked().stream().map(k -> new CollectedItem(k, items.get(k).get(), Optional.empty(),
                        items.get(k).get() == CollectedItem.Disposition.DECLARED_LOST)).toList();
                if (act.get() == Act.OLD_CARD_COLLECTION) {
                    step("wizard.busy.record", w -> ((OldCardCollectionWorkflow) w).collected(collected));
                } else {
                    step("wizard.busy.check", w -> ((DeliveryWorkflow) w).collected(collected));
                }
            }
            case CHOICE -> {
                if (act.get() == Act.PIN_RESET) {
                    Set<PinType> pins = chosenPins();
                    PinResetWorkflow.Reason why = reason.get();
                    step("wizard.busy.check", w -> ((PinResetWorkflow) w).choose(pins, why));
                } else if (act.get() == Act.PIN_CHANGE) {
                    Set<PinType> pins = chosenPins();
                    step("wizard.busy.check", w -> ((PinChangeWorkflow) w).choose(pins));
                } else {
                    Set<CertKind> kinds = chosenKinds();
                    boolean ward = adultWard.get();
                    step("wizard.busy.check", w -> {
                        if (w instanceof IssuanceWorkflow i) {
                            i.choose(kinds, ward);
                        } else {
                            ((RenewalWorkflow) w).choose(kinds, ward);
                        }
                    });
                }
            }
            case NEW_PIN, CURRENT_PIN -> { }
            case PROCEED -> step(act.get() == Act.RENEWAL || act.get() == Act.ISSUANCE ? "wizard.busy.issue"
                    : act.get() == Act.SUSPENSION_LIFT ? "wizard.busy.record" : "wizard.busy.write", w -> {
                if (w instanceof DeliveryWorkflow d) {
                    d.proceed();
                } else if (w instanceof PinResetWorkflow p) {
                    p.proceed();
                } else if (w instanceof PinChangeWorkflow c) {
                    c.proceed();
                } else if (w instanceof RenewalWorkflow r) {
                    r.proceed();
                } else if (w instanceof IssuanceWorkflow i) {
                    i.proceed();
                } else if (w instanceof SuspensionLiftWorkflow l) {
                    l.proceed();
                }
            });
            case SUMMARY, REFUSED -> backToChoice();
        }
    }

    /**
     * 「承認」: the supervisor's id and {@code password} are checked on the worker (the array is this
     * method's from now on and cleared there, or here when nothing is sent); the signed-in supervisor
     * approving their own operation sends the reason typed too. A refusal (MDG-FLOW-008, MDG-FLOW-009,
     * MDG-FLOW-010, MDG-FLOW-011, MDG-OFFICE-001) shows its code and keeps the page; after an approval a step that
     * had been refused for want of it (MDG-FLOW-007) is run again, and a PIN page opens the pad.
     */
    public void approve(char[] password) {
        if (busy.get() || !awaitingApproval.get() || workflow == null) {
            Arrays.fill(password, '\0');
            return;
        }
        String id = approverId.get().trim();
        if (id.isEmpty() || password.length == 0) {
            Arrays.fill(password, '\0');
            problemKey.set("wizard.problem.approver");
            return;
        }
        problemKey.set(null);
        boolean retry = page.get() == Page.PROCEED && failure.get() != null && failure.get().failure() == WorkflowFailure.APPROVAL_NEEDED;
        Workflow<?> w = workflow;
        Optional<String> reason = selfApproval.get() ? Optional.of(approvalReason.get()) : Optional.empty();
        submit("wizard.busy.approve", () -> {
            try {
                w.approve(directory, id, password, reason);
            } finally {
                Arrays.fill(password, '\0');
            }
            return read(w);
        }, s -> {
            show(s);
            if (s.approval().isPresent()) {
                approverId.set("");
                approvalReason.set("");
                if (retry) {
                    advance();
                }
            }
        });
    }

    /**
     * 「受領書を印刷」: the summary's form on the default printer, the way the Reports screen prints
     * (no dialog; MDG-REPORT-008 without a printer). Names the fonts cannot draw print as 〓 and are
     * listed in {@link #formFlags()}.
     */
    public void printForm() {
        if (!formAvailable.get() || formBusy.get()) {
            return;
        }
        State s = state.get();
        OperationForms.Visit visit = visit();
        String sheetSerial = sheetSerial();
        String proxy = proxyName.get();
        runForm(() -> form(s, visit, sheetSerial, proxy).print(printing.engine()), "wizard.form.printed", null);
    }

    /** 「PDFで保存」: asks where (nothing on cancel), then writes the summary's form there as a PDF. */
    public void saveForm() {
        if (!formAvailable.get() || formBusy.get()) {
            return;
        }
        State s = state.get();
        Optional<java.nio.file.Path> target = printing.saveDialog().choose(texts.get("wizard.form.save.title"),
                s.receipt() instanceof ProxyInquiryWorkflow.Sheet sheet ? InquirySheetForm.suggestedFileName(sheet)
                        : OperationForms.suggestedFileName(s.receipt()));
        if (target.isEmpty()) {
            return;
        }
        java.nio.file.Path file = target.get();
        OperationForms.Visit visit = visit();
        String sheetSerial = sheetSerial();
        String proxy = proxyName.get();
        runForm(() -> form(s, visit, sheetSerial, proxy).saveTo(printing.service(), file), "wizard.form.saved", file);
    }

    /** A recorded act's form, or visit 1's 照会書兼回答書 (not an act in the queue: it has its own mapping). */
    private static boolean hasForm(Object receipt) {
        return receipt instanceof ProxyInquiryWorkflow.Sheet || OperationForms.hasForm(receipt);
    }

    /** On the FX thread: the card serial of the completed visit 1 whose sheet is on the summary, else null. */
    private String sheetSerial() {
        return workflow instanceof ProxyInquiryWorkflow q ? q.cardSerial() : null;
    }

    /**
     * On the worker: the act read back from the store, its card and holder from the cache, mapped to the
     * form; for visit 1 the registered sheet with the holder from the cache and the proxy's name as typed.
     */
    private PrintableForm<?> form(State s, OperationForms.Visit visit, String sheetSerial, String proxy) {
        if (s.receipt() instanceof ProxyInquiryWorkflow.Sheet sheet) {
            return InquirySheetForm.of(sheet, sheetSerial, station(), printing.workstationId(), printing.training(),
                    FormSource.StaffNames.of(directory), s.approval(), proxy);
        }
        FormSource source = FormSource.load(station(), OperationForms.seqOf(s.receipt()), printing.workstationId(), printing.training(),
                FormSource.StaffNames.of(directory));
        return OperationForms.of(s.receipt(), source, visit, s.before()).orElseThrow();
    }

    /**
     * What the clerk entered that the form prints and the receipt does not carry: the identity check the
     * workflow was given and the proxy's name. Nothing when the identity page is not complete here (a
     * resumed workflow took its identity check before the crash).
     */
    private OperationForms.Visit visit() {
        boolean complete = document.get() != null
                && (visitor.get() != VisitorType.VOLUNTARY_PROXY || proxyDocument.get() != null)
                && (visitor.get() != VisitorType.HOLDER_WITH_LEGAL_REP
                        || (!representativeName.get().isBlank() && representativeDocument.get() != null));
        return complete ? OperationForms.Visit.of(identityCheck(), proxyName.get()) : OperationForms.Visit.none();
    }

    private void runForm(Callable<List<GaijiFlag>> work, String doneKey, java.nio.file.Path file) {
        clearForm();
        formBusy.set(true);
        executor.submit(work).whenCompleteAsync((flags, error) -> {
            if (closed) {
                return;
            }
            formBusy.set(false);
            if (error != null) {
                LOG.warn("form printing failed", error);
                formFailure.set(error);
                return;
            }
            formFlagList.setAll(flags);
            renderFormFlags();
            formFile.set(file);
            formDone.set(doneKey);
        }, uiThread);
    }

    private void clearForm() {
        formFailure.set(null);
        formDone.set(null);
        formFile.set(null);
        formFlagList.clear();
        formFlags.clear();
    }

    private void renderFormFlags() {
        formFlags.setAll(formFlagList.stream().map(f -> texts.format("wizard.form.gaiji",
                Map.of("field", f.field(), "codePoint", f.codePoint(), "record", f.recordId()))).toList());
    }

    private String renderFormStatus() {
        if (formBusy.get()) {
            return texts.get("wizard.form.busy");
        }
        if (formFailure.get() != null) {
            return FailureText.of(texts, formFailure.get());
        }
        return formDone.get() == null ? "" : texts.format(formDone.get(), Map.of("file", formFile.get() == null ? "" : formFile.get()));
    }

    /**
     * Esc: before a workflow exists, back to the choice; during one, cancel after the clerk confirms
     * (nothing more is written or recorded). Returns whether the wizard left the workflow.
     */
    public boolean cancel() {
        if (busy.get() || page.get() == Page.CHOOSE) {
            return false;
        }
        if (workflow == null || page.get() == Page.SUMMARY || page.get() == Page.REFUSED) {
            backToChoice();
            return true;
        }
        if (!dialogs.confirm(texts.get("wizard.cancel.title"), texts.get("wizard.cancel.question"))) {
            return false;
        }
        pad.stop();
        Workflow<?> w = workflow;
        submit("wizard.busy.cancel", () -> {
            w.cancel();
            return w;
        }, done -> backToChoice());
        return true;
    }

    /** What the current page still lacks, as a text key; empty when the page can go on. */
    Optional<String> problem() {
        return switch (page.get()) {
            case START -> asksSerial(act.get()) && !serial.get().trim().matches("[0-9A-Za-z]{4,32}")
                    ? Optional.of("wizard.problem.serial") : visitor.get() == null ? Optional.of("wizard.problem.visitor") : Optional.empty();
            case IDENTITY -> {
                if (act.get() == Act.PROXY_INQUIRY) {
                    yield proxyDocument.get() == null ? Optional.of("wizard.problem.proxyDocument") : Optional.empty();
                }
                if (secondVisit(act.get(), visitor.get())) {
                    yield proxyDocument.get() == null ? Optional.of("wizard.problem.proxyDocument")
                            : inquiryNumber.get().isBlank() || inquiryDate.get() == null ? Optional.of("wizard.problem.inquirySheet")
                            : Optional.empty();
                }
                if (document.get() == null) {
                    yield Optional.of("wizard.problem.document");
                }
                if (document.get().nominalClass() == DocumentClass.ID_A && documentValidUntil.get() == null) {
                    yield Optional.of("wizard.problem.validUntil");
                }
                if (visitor.get() == VisitorType.HOLDER_WITH_LEGAL_REP
                        && (representativeName.get().isBlank() || representativeDocument.get() == null)) {
                    yield Optional.of("wizard.problem.representative");
                }
                if (visitor.get() == VisitorType.VOLUNTARY_PROXY && (proxyDocument.get() == null || proxyReason.get() == null)) {
                    yield Optional.of("wizard.problem.proxy");
                }
                yield Optional.empty();
            }
            case CHOICE -> act.get() == Act.PIN_RESET || act.get() == Act.PIN_CHANGE
                    ? (chosenPins().isEmpty() ? Optional.of("wizard.problem.pins") : Optional.empty())
                    : (chosenKinds().isEmpty() ? Optional.of("wizard.problem.kinds") : Optional.empty());
            default -> Optional.empty();
        };
    }

    // ---- workflow plumbing ------------------------------------------------------------------------

    private void start() {
        Act chosen = act.get();
        VisitorType who = visitor.get();
        String cardSerial = serial.get().trim();
        Operation operation = inquiryOperation.get();
        boolean onlineOnly = chosen == Act.RENEWAL || chosen == Act.ISSUANCE || chosen == Act.SUSPENSION_LIFT;
        submit(onlineOnly ? "wizard.busy.online" : "wizard.busy.open", () -> {
            CounterStation s = station();
            Workflow<?> w = switch (chosen) {
                case DELIVERY -> DeliveryWorkflow.start(s, cardSerial, who);
                case PIN_RESET -> PinResetWorkflow.start(s, who);
                case PIN_CHANGE -> PinChangeWorkflow.start(s, who);
                case RENEWAL -> RenewalWorkflow.start(s, who);
                case ISSUANCE -> IssuanceWorkflow.start(s, who);
                case SUSPENSION_LIFT -> SuspensionLiftWorkflow.start(s, who);
                case OLD_CARD_COLLECTION -> OldCardCollectionWorkflow.start(s, cardSerial, who);
                case PROXY_INQUIRY -> ProxyInquiryWorkflow.start(s, cardSerial, operation);
            };
            workflow = w;
            return read(w);
        }, this::show);
    }

    /** A step: {@code call} on the worker with the workflow, then its state shown. */
    private void step(String key, Consumer<Workflow<?>> call) {
        Workflow<?> w = workflow;
        submit(key, () -> {
            call.accept(w);
            return read(w);
        }, this::show);
    }

    /**
     * Whether the start page asks for a card serial: delivery (from the notice), collection and the proxy's
     * first visit (the holder's current card, which is not read).
     */
    static boolean asksSerial(Act a) {
        return a == Act.DELIVERY || a == Act.OLD_CARD_COLLECTION || a == Act.PROXY_INQUIRY;
    }

    private static Consumer<IdentityCheck> identityOf(Workflow<?> w) {
        if (w instanceof DeliveryWorkflow d) {
            return d::identity;
        }
        if (w instanceof PinResetWorkflow p) {
            return p::identity;
        }
        if (w instanceof PinChangeWorkflow c) {
            return c::identity;
        }
        if (w instanceof IssuanceWorkflow i) {
            return i::identity;
        }
        if (w instanceof SuspensionLiftWorkflow l) {
            return l::identity;
        }
        if (w instanceof OldCardCollectionWorkflow o) {
            return o::identity;
        }
        if (w instanceof ProxyInquiryWorkflow q) {
            return q::identity;
        }
        return ((RenewalWorkflow) w)::identity;
    }

    /** From the pad, on the FX thread: the entries are handed to the worker and cleared there. */
    private void pinEntered(PinType type, char[] entry, char[] confirmation) {
        Workflow<?> w = workflow;
        submit("wizard.busy.pin", () -> {
            try {
                if (w instanceof DeliveryWorkflow d) {
                    d.newPin(entry, confirmation);
                } else if (w instanceof PinResetWorkflow p) {
                    p.newPin(entry, confirmation);
                } else if (w instanceof PinChangeWorkflow c && confirmation == null) {
                    c.currentPin(entry);
                } else if (w instanceof PinChangeWorkflow c) {
                    c.newPin(entry, confirmation);
                } else if (w instanceof RenewalWorkflow r) {
                    r.currentPin(type, entry);
                } else if (w instanceof IssuanceWorkflow i && confirmation == null) {
                    i.jukiPin(entry);
                } else if (w instanceof IssuanceWorkflow i) {
                    i.newPin(entry, confirmation);
                } else if (w instanceof SuspensionLiftWorkflow l) {
                    l.jukiPin(entry);
                }
            } finally {
                Arrays.fill(entry, '\0');
                if (confirmation != null) {
                    Arrays.fill(confirmation, '\0');
                }
            }
            return read(w);
        }, this::show);
    }

    /** On the worker: the workflow's state as the screens need it. */
    private static State read(Workflow<?> w) {
        Optional<PinType> pin = Optional.empty();
        Map<PinType, Integer> tries = Map.of();
        Optional<LocalDate> birth = Optional.empty();
        Object receipt = null;
        Optional<CardRecord> before = Optional.empty();
        boolean signToIssue = false;
        if (w instanceof DeliveryWorkflow d) {
            pin = d.pinToSet();
            birth = d.cardRecord().map(r -> r.birthDate());
            receipt = d.receipt().orElse(null);
        } else if (w instanceof PinResetWorkflow p) {
            pin = p.pinToSet();
            tries = p.triesLeft() == null ? Map.of() : Map.copyOf(p.triesLeft());
            receipt = p.receipt().orElse(null);
        } else if (w instanceof PinChangeWorkflow c) {
            pin = c.pinInHand();
            receipt = c.receipt().orElse(null);
        } else if (w instanceof RenewalWorkflow r) {
            pin = r.expects() == Workflow.Input.CURRENT_PIN ? r.pinsToVerify().stream().findFirst() : Optional.empty();
            receipt = r.receipt().orElse(null);
            before = r.cardRecord();
        } else if (w instanceof IssuanceWorkflow i) {
            pin = i.expects() == Workflow.Input.CURRENT_PIN ? Optional.of(PinType.JUKI) : i.pinToSet();
            receipt = i.receipt().orElse(null);
        } else if (w instanceof SuspensionLiftWorkflow l) {
            pin = l.expects() == Workflow.Input.CURRENT_PIN ? Optional.of(PinType.JUKI) : Optional.empty();
            receipt = l.receipt().orElse(null);
            signToIssue = l.signToIssue();
        } else if (w instanceof OldCardCollectionWorkflow o) {
            receipt = o.receipt().orElse(null);
        } else if (w instanceof ProxyInquiryWorkflow q) {
            receipt = q.sheet().orElse(null);
        }
        Page next = switch (w.expects()) {
            case CARD -> Page.CARD;
            case IDENTITY -> Page.IDENTITY;
            case COLLECTED_ITEMS -> Page.COLLECTED_ITEMS;
            case CHOICE -> Page.CHOICE;
            case NEW_PIN -> Page.NEW_PIN;
            case CURRENT_PIN -> Page.CURRENT_PIN;
            case PROCEED -> Page.PROCEED;
            case NONE -> receipt != null ? Page.SUMMARY : w.failure().isPresent() ? Page.REFUSED : Page.CHOOSE;
        };
        return new State(next, w.failure(), List.copyOf(w.notices()), pin, tries, birth, receipt, before, signToIssue,
                w.awaitingApproval(), w.approval());
    }

    private void show(State s) {
        state.set(s);
        failure.set(s.failure().orElse(null));
        if (s.page() == Page.CHOOSE) {
            backToChoice();
            return;
        }
        page.set(s.page());
        // The panel comes with the step that needs the approval (a new PIN, the write), or its refusal.
        awaitingApproval.set(s.awaitingApproval() && (s.page() == Page.NEW_PIN || s.page() == Page.PROCEED
                || s.failure().map(f -> f.failure() == WorkflowFailure.APPROVAL_NEEDED).orElse(false)));
        render();
        // A new PIN is the delivery's first write: the pad opens once the supervisor has approved.
        if (s.page() == Page.NEW_PIN && s.awaitingApproval()) {
            pad.stop();
        } else if (s.page() == Page.NEW_PIN || s.page() == Page.CURRENT_PIN) {
            pad.request(s.pin().orElseThrow(), s.page() == Page.NEW_PIN, s.birthDate(), s.failure());
        } else {
            pad.stop();
        }
    }

    private void backToChoice() {
        pad.stop();
        workflow = null;
        state.set(null);
        failure.set(null);
        problemKey.set(null);
        notices.clear();
        summary.clear();
        clearForm();
        act.set(null);
        awaitingApproval.set(false);
        approverId.set("");
        approvalReason.set("");
        page.set(Page.CHOOSE);
        findInterrupted();
    }

    private <T> void submit(String key, Callable<T> task, Consumer<T> then) {
        busyKey.set(key);
        busy.set(true);
        executor.submit(task).whenCompleteAsync((result, error) -> {
            if (closed) {
                return;
            }
            busy.set(false);
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                LOG.warn("workflow step failed", cause);
                failure.set(cause instanceof MadoguchiException m ? m
                        : new MadoguchiException(UiFailure.COUNTER_UNAVAILABLE, Map.of(), cause));
                if (workflow == null && page.get() != Page.START) {
                    page.set(Page.CHOOSE);
                }
                return;
            }
            then.accept(result);
        }, uiThread);
    }

    private CounterStation station() {
        CounterStation s = station;
        if (s == null) {
            s = stations.forStaff(staff);
            station = s;
        }
        return s;
    }

    private IdentityCheck identityCheck() {
        if (act.get() == Act.PROXY_INQUIRY || secondVisit(act.get(), visitor.get())) {
            return twoVisitCheck();
        }
        DocumentType type = document.get();
        IdentityDocument shown = new IdentityDocument(type, Optional.empty(), Optional.ofNullable(documentValidUntil.get()),
                type.nominalClass() == DocumentClass.ID_A, true);
        List<IdentityDocument> holder = new ArrayList<>(List.of(shown));
        if (secondDocument.get() != null) {
            holder.add(IdentityDocument.classB(secondDocument.get()));
        }
        Set<PossessionProof> proofs = EnumSet.noneOf(PossessionProof.class);
        if (cardShown.get()) {
            proofs.add(PossessionProof.CARD_PRESENTED);
        }
        if (faceChecked.get()) {
            proofs.add(PossessionProof.FACE_CHECKED);
        }
        if (visitor.get() == VisitorType.VOLUNTARY_PROXY) {
            List<IdentityDocument> proxy = new ArrayList<>(List.of(document(proxyDocument.get())));
            if (proxySecondDocument.get() != null) {
                proxy.add(IdentityDocument.classB(proxySecondDocument.get()));
            }
            return new IdentityCheck(VisitorType.VOLUNTARY_PROXY, holder, proxy, proofs, Optional.empty(),
                    new ProxyPaperwork(Optional.ofNullable(proxyReason.get()),
                            proxyEvidence.get() == null ? Set.of() : Set.of(proxyEvidence.get()), noticeBackCompleted.get(),
                            pinsConcealed.get(), false, Optional.empty(), Optional.empty()));
        }
        if (visitor.get() != VisitorType.HOLDER_WITH_LEGAL_REP) {
            return IdentityCheck.holder(holder, proofs);
        }
        IdentityDocument rep = document(representativeDocument.get());
        return new IdentityCheck(VisitorType.HOLDER_WITH_LEGAL_REP, holder, List.of(rep), proofs,
                Optional.of(new LegalRepresentative(new PersonName(representativeName.get().trim()),
                        AuthorityProof.of(AuthorityProof.Kind.NOT_NEEDED_SAME_HOUSEHOLD), adultWard.get())),
                ProxyPaperwork.none());
    }

    /**
     * The proxy of the two-visit route: their own documents (A×2 or A+B, each counted by its type); at
     * visit 2 also the card shown, the sheet and whether its answer arrived sealed and unopened.
     */
    private IdentityCheck twoVisitCheck() {
        List<IdentityDocument> proxy = new ArrayList<>(List.of(document(proxyDocument.get())));
        if (proxySecondDocument.get() != null) {
            proxy.add(document(proxySecondDocument.get()));
        }
        if (act.get() == Act.PROXY_INQUIRY) {
            return new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(), proxy, Set.of(), Optional.empty(), ProxyPaperwork.none());
        }
        Set<PossessionProof> proofs = cardShown.get() ? EnumSet.of(PossessionProof.CARD_PRESENTED) : EnumSet.noneOf(PossessionProof.class);
        return new IdentityCheck(VisitorType.VOLUNTARY_PROXY, List.of(), proxy, proofs, Optional.empty(),
                new ProxyPaperwork(Optional.empty(), Set.of(), false, false, false,
                        Optional.of(new InquirySheet(inquiryNumber.get().trim().toUpperCase(java.util.Locale.ROOT), inquiryDate.get())),
                        Optional.of(new ProxyPaperwork.SealedAnswer(ProxyPaperwork.SealedAnswer.Source.INQUIRY_SHEET,
                                answerUnopened.get()))));
    }

    /** A companion's document as seen (a class A document with its photo checked, no expiry typed). */
    private static IdentityDocument document(DocumentType type) {
        return type.nominalClass() == DocumentClass.ID_A
                ? new IdentityDocument(type, Optional.empty(), Optional.empty(), true, true) : IdentityDocument.classB(type);
    }

    private Set<PinType> chosenPins() {
        Set<PinType> out = EnumSet.noneOf(PinType.class);
        pinsChosen.forEach((t, p) -> {
            if (p.get()) {
                out.add(t);
            }
        });
        return out;
    }

    private Set<CertKind> chosenKinds() {
        Set<CertKind> out = EnumSet.noneOf(CertKind.class);
        kindsChosen.forEach((k, p) -> {
            if (p.get()) {
                out.add(k);
            }
        });
        return out;
    }

    // ---- texts ------------------------------------------------------------------------------------

    private void render() {
        renderFormFlags();
        State s = state.get();
        notices.setAll(s == null ? List.of() : s.notices().stream().map(n -> n.message(texts.locale())).toList());
        summary.setAll(s == null || s.receipt() == null ? List.of() : summaryLines(s.receipt()));
        if (s != null && s.signToIssue()) {
            summary.add(texts.get("wizard.summary.signToIssue"));
        }
        if (s != null && s.receipt() != null && s.approval().isPresent()) {
            SupervisorApproval a = s.approval().get();
            summary.add(texts.format("wizard.summary.approval", Map.of("name", a.supervisorName(), "id", a.supervisorId(),
                    "at", TIME.format(a.at().atZone(JST)))));
        }
    }

    private List<String> summaryLines(Object receipt) {
        List<String> lines = new ArrayList<>();
        if (receipt instanceof DeliveryWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            lines.add(texts.format("wizard.summary.deliveredAt", Map.of("at", TIME.format(r.deliveredAt().atZone(JST)))));
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
            lines.add(texts.format("wizard.summary.pins", Map.of("pins", pins(r.pinTypesSet()))));
            lines.add(texts.format("wizard.summary.items", Map.of("items", r.collected().stream()
                    .map(i -> WizardTexts.item(texts, i.kind()) + "（" + WizardTexts.disposition(texts, i.disposition()) + "）")
                    .collect(Collectors.joining("、")))));
            lines.add(recorded(r.seq(), r.queuedOffline()));
        } else if (receipt instanceof PinResetWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            lines.add(texts.format("wizard.summary.pins", Map.of("pins", pins(r.pinTypes()))));
            lines.add(texts.format("wizard.summary.reason", Map.of("reason", WizardTexts.reason(texts, r.reason()))));
            lines.add(texts.format("wizard.summary.triesBefore", Map.of("tries", r.triesLeftBefore().entrySet().stream()
                    .map(e -> WizardTexts.pin(texts, e.getKey()) + " " + e.getValue()).collect(Collectors.joining("、")))));
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
            lines.add(recorded(r.seq(), r.queuedOffline()));
        } else if (receipt instanceof PinChangeWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            lines.add(texts.format("wizard.summary.pinsChanged", Map.of("pins", pins(r.pinTypes()))));
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
            lines.add(recorded(r.seq(), r.queuedOffline()));
        } else if (receipt instanceof RenewalWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            for (RenewalWorkflow.Written c : r.certificates()) {
                lines.add(texts.format("wizard.summary.certificate", Map.of("kind", WizardTexts.kind(texts, c.kind()),
                        "type", WizardTexts.issueType(texts, c.type()), "serial", c.certSerialHex(), "notAfter", c.notAfter(),
                        "seq", c.seq())));
            }
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
        } else if (receipt instanceof IssuanceWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            for (RenewalWorkflow.Written c : r.certificates()) {
                lines.add(texts.format("wizard.summary.certificate", Map.of("kind", WizardTexts.kind(texts, c.kind()),
                        "type", WizardTexts.issueType(texts, c.type()), "serial", c.certSerialHex(), "notAfter", c.notAfter(),
                        "seq", c.seq())));
            }
            if (!r.pinsSet().isEmpty()) {
                lines.add(texts.format("wizard.summary.pins", Map.of("pins", pins(r.pinsSet()))));
            }
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
        } else if (receipt instanceof SuspensionLiftWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            lines.add(texts.format("wizard.summary.liftedAt", Map.of("at", TIME.format(r.at().atZone(JST)))));
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
            lines.add(recorded(r.seq(), false));
        } else if (receipt instanceof ProxyInquiryWorkflow.Sheet q) {
            lines.add(texts.format("wizard.summary.sheetNumber", Map.of("number", q.sheet().number())));
            lines.add(texts.format("wizard.summary.sheetSent", Map.of("date", DAY.format(q.sheet().issuedOn()))));
            lines.add(texts.format("wizard.summary.sheetDeadline", Map.of("date", DAY.format(q.validUntil()),
                    "next", DAY.format(q.sheet().issuedOn().plusDays(1)))));
            lines.add(texts.format("wizard.summary.sheetOperation", Map.of("operation", WizardTexts.operation(texts, q.operation()))));
            lines.add(texts.format("wizard.summary.card", Map.of("last4", q.cardSerialLast4())));
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, VisitorType.VOLUNTARY_PROXY))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(q.proxyIdMethod()))));
        } else if (receipt instanceof OldCardCollectionWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            lines.add(texts.format("wizard.summary.items", Map.of("items", r.collected().stream()
                    .map(i -> WizardTexts.item(texts, i.kind()) + "（" + WizardTexts.disposition(texts, i.disposition()) + "）")
                    .collect(Collectors.joining("、")))));
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
            lines.add(recorded(r.seq(), r.queuedOffline()));
        }
        return lines;
    }


    private String pins(Set<PinType> types) {
        return types.stream().sorted().map(t -> WizardTexts.pin(texts, t)).collect(Collectors.joining("、"));
    }

    private String documentClasses(java.util.List<String> classes) {
        return classes.stream().map(c -> WizardTexts.documentClass(texts, c)).collect(Collectors.joining("・"));
    }

    private String recorded(long seq, boolean queued) {
        return texts.format(queued ? "wizard.summary.queued" : "wizard.summary.sent", Map.of("seq", seq));
    }

    private String renderTitle() {
        Act a = act.get();
        String name = a == null ? "" : WizardTexts.act(texts, a);
        return switch (page.get()) {
            case CHOOSE -> texts.get("wizard.page.choose");
            case START -> texts.format(a == Act.PROXY_INQUIRY ? "wizard.page.startInquiry" : "wizard.page.start", Map.of("act", name));
            case IDENTITY -> texts.format("wizard.page.identity", Map.of("act", name));
            case CARD -> texts.format("wizard.page.card", Map.of("act", name));
            case COLLECTED_ITEMS -> texts.format("wizard.page.items", Map.of("act", name));
            case CHOICE -> texts.format(a == Act.PIN_RESET ? "wizard.page.pins" : a == Act.PIN_CHANGE ? "wizard.page.pinsToChange"
                    : a == Act.ISSUANCE ? "wizard.page.issueKinds" : "wizard.page.kinds", Map.of("act", name));
            case NEW_PIN -> texts.format("wizard.page.newPin", Map.of("act", name));
            case CURRENT_PIN -> texts.format("wizard.page.currentPin", Map.of("act", name));
            case PROCEED -> texts.format(a == Act.SUSPENSION_LIFT ? "wizard.page.record" : "wizard.page.proceed", Map.of("act", name));
            case SUMMARY -> texts.format("wizard.page.summary", Map.of("act", name));
            case REFUSED -> texts.format("wizard.page.refused", Map.of("act", name));
        };
    }

    private String renderPageText() {
        State s = state.get();
        String pin = s == null ? "" : s.pin().map(t -> WizardTexts.pin(texts, t)).orElse("");
        return switch (page.get()) {
            case CHOOSE -> texts.get("wizard.text.choose");
            case START -> texts.get(switch (act.get()) {
                case DELIVERY -> "wizard.text.startDelivery";
                case RENEWAL, ISSUANCE -> "wizard.text.startRenewal";
                case SUSPENSION_LIFT -> "wizard.text.startSuspension";
                case OLD_CARD_COLLECTION -> "wizard.text.startOldCard";
                case PIN_RESET, PIN_CHANGE -> "wizard.text.start";
                case PROXY_INQUIRY -> "wizard.text.startInquiry";
            });
            case IDENTITY -> texts.get(act.get() == Act.PROXY_INQUIRY ? "wizard.text.identityInquiry"
                    : secondVisit(act.get(), visitor.get()) ? "wizard.text.identitySecondVisit" : "wizard.text.identity");
            case CARD -> texts.get("wizard.text.card");
            case COLLECTED_ITEMS -> texts.get(act.get() == Act.OLD_CARD_COLLECTION ? "wizard.text.oldCardItems" : "wizard.text.items");
            case CHOICE -> texts.get(act.get() == Act.PIN_RESET ? "wizard.text.pins" : act.get() == Act.PIN_CHANGE ? "wizard.text.pinsToChange"
                    : act.get() == Act.ISSUANCE ? "wizard.text.issueKinds" : "wizard.text.kinds");
            case NEW_PIN -> texts.format(awaitingApproval.get() ? "wizard.text.newPinAfterApproval" : "wizard.text.newPin",
                    Map.of("pin", pin));
            case CURRENT_PIN -> texts.format("wizard.text.currentPin", Map.of("pin", pin));
            case PROCEED -> texts.get(act.get() == Act.RENEWAL || act.get() == Act.ISSUANCE ? "wizard.text.issue"
                    : act.get() == Act.DELIVERY ? "wizard.text.activate"
                    : act.get() == Act.SUSPENSION_LIFT ? "wizard.text.recordLift" : "wizard.text.record");
            case SUMMARY -> texts.get(state.get() != null && state.get().receipt() instanceof ProxyInquiryWorkflow.Sheet
                    ? "wizard.text.summaryInquiry"
                    : state.get() != null && hasForm(state.get().receipt()) ? "wizard.text.summaryForm"
                    : "wizard.text.summary");
            case REFUSED -> texts.get("wizard.text.refused");
        };
    }

    /** The screen closed: stop following the language, close the pad; a running workflow stays saved on disk. */
    @Override
    public void close() {
        closed = true;
        texts.localeProperty().removeListener(relabel);
        pad.stop();
    }
}
