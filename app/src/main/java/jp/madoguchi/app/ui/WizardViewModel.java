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
import jp.madoguchi.app.counter.domain.LegalRepresentative;
import jp.madoguchi.app.counter.domain.PersonName;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.app.counter.workflow.RenewalWorkflow;
import jp.madoguchi.app.counter.workflow.Workflow;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.common.MadoguchiException;
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

    /** The three acts of the counter. */
    public enum Act { DELIVERY, PIN_RESET, RENEWAL }

    /** The wizard's pages: CHOOSE and START before a workflow exists, then one per {@link Workflow.Input}. */
    public enum Page { CHOOSE, START, IDENTITY, CARD, COLLECTED_ITEMS, CHOICE, NEW_PIN, CURRENT_PIN, PROCEED, SUMMARY, REFUSED }

    /** The documents the identity page offers (class A first). */
    public static final List<DocumentType> DOCUMENTS = List.of(DocumentType.PASSPORT, DocumentType.DRIVERS_LICENSE,
            DocumentType.RESIDENCE_CARD, DocumentType.PHYSICAL_DISABILITY_HANDBOOK, DocumentType.HEALTH_INSURANCE_CERTIFICATE,
            DocumentType.PENSION_BOOK, DocumentType.STUDENT_ID);
    /** Who may stand at the counter in these wizards. */
    public static final List<VisitorType> VISITORS = List.of(VisitorType.HOLDER, VisitorType.HOLDER_WITH_LEGAL_REP);
    /** The items asked about at delivery. */
    public static final List<CollectedItem.Kind> ITEMS = List.of(CollectedItem.Kind.DELIVERY_NOTICE,
            CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Kind.JUKI_CARD);

    /** An interrupted workflow saved on disk, offered for resuming. */
    public record Resumable(Act act, String id) {
    }

    /** What the worker read from the workflow after a call. */
    record State(Page page, Optional<MadoguchiException> failure, List<Notice> notices, Optional<PinType> pin,
                 Map<PinType, Integer> triesLeft, Optional<LocalDate> birthDate, Object receipt) {
    }

    private final Texts texts;
    private final TaskExecutor executor;
    private final UiThread uiThread;
    private final DialogService dialogs;
    private final CounterStations stations;
    private final StaffAccount staff;
    private final PinPadViewModel pad;
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

    // Inputs, bound by the view.
    private final StringProperty serial = new SimpleStringProperty("");
    private final ObjectProperty<VisitorType> visitor = new SimpleObjectProperty<>(VisitorType.HOLDER);
    private final ObjectProperty<DocumentType> document = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> documentValidUntil = new SimpleObjectProperty<>();
    private final ObjectProperty<DocumentType> secondDocument = new SimpleObjectProperty<>();
    private final BooleanProperty cardShown = new SimpleBooleanProperty(true);
    private final BooleanProperty faceChecked = new SimpleBooleanProperty(false);
    private final StringProperty representativeName = new SimpleStringProperty("");
    private final ObjectProperty<DocumentType> representativeDocument = new SimpleObjectProperty<>();
    private final Map<CollectedItem.Kind, ObjectProperty<CollectedItem.Disposition>> items = new EnumMap<>(CollectedItem.Kind.class);
    private final Map<PinType, BooleanProperty> pinsChosen = new EnumMap<>(PinType.class);
    private final ObjectProperty<PinResetWorkflow.Reason> reason = new SimpleObjectProperty<>(PinResetWorkflow.Reason.FORGOTTEN);
    private final Map<CertKind, BooleanProperty> kindsChosen = new EnumMap<>(CertKind.class);
    private final BooleanProperty adultWard = new SimpleBooleanProperty(false);

    public WizardViewModel(Texts texts, TaskExecutor executor, UiThread uiThread, DialogService dialogs, CounterStations stations,
                           StaffAccount staff) {
        this.texts = texts;
        this.executor = executor;
        this.uiThread = uiThread;
        this.dialogs = dialogs;
        this.stations = stations;
        this.staff = staff;
        this.pad = new PinPadViewModel(texts, this::pinEntered);
        ITEMS.forEach(k -> items.put(k, new SimpleObjectProperty<>(k == CollectedItem.Kind.JUKI_CARD
                ? CollectedItem.Disposition.NOT_HELD : CollectedItem.Disposition.COLLECTED)));
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
        pageText = texts.bindComputed(this::renderPageText, page, act, state);
        texts.localeProperty().addListener(relabel);
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
            RenewalWorkflow.interrupted(s).forEach(id -> found.add(new Resumable(Act.RENEWAL, id)));
            return found;
        }, resumable::setAll);
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
        submit("wizard.busy.open", () -> {
            CounterStation s = station();
            Workflow<?> w = switch (saved.act()) {
                case DELIVERY -> DeliveryWorkflow.resume(s, saved.id());
                case PIN_RESET -> PinResetWorkflow.resume(s, saved.id());
                case RENEWAL -> RenewalWorkflow.resume(s, saved.id());
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
        if (busy.get()) {
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
                } else if (w instanceof RenewalWorkflow r) {
                    r.cardPresented();
                }
            });
            case COLLECTED_ITEMS -> {
                List<CollectedItem> collected = ITEMS.stream().map(k -> new CollectedItem(k, items.get(k).get(), Optional.empty(), false))
                        .toList();
                step("wizard.busy.check", w -> ((DeliveryWorkflow) w).collected(collected));
            }
            case CHOICE -> {
                if (act.get() == Act.PIN_RESET) {
                    Set<PinType> pins = chosenPins();
                    PinResetWorkflow.Reason why = reason.get();
                    step("wizard.busy.check", w -> ((PinResetWorkflow) w).choose(pins, why));
                } else {
                    Set<CertKind> kinds = chosenKinds();
                    boolean ward = adultWard.get();
                    step("wizard.busy.check", w -> ((RenewalWorkflow) w).choose(kinds, ward));
                }
            }
            case NEW_PIN, CURRENT_PIN -> { }
            case PROCEED -> step(act.get() == Act.RENEWAL ? "wizard.busy.issue" : "wizard.busy.write", w -> {
                if (w instanceof DeliveryWorkflow d) {
                    d.proceed();
                } else if (w instanceof PinResetWorkflow p) {
                    p.proceed();
                } else if (w instanceof RenewalWorkflow r) {
                    r.proceed();
                }
            });
            case SUMMARY, REFUSED -> backToChoice();
        }
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
            case START -> act.get() == Act.DELIVERY && !serial.get().trim().matches("[0-9A-Za-z]{4,32}")
                    ? Optional.of("wizard.problem.serial") : visitor.get() == null ? Optional.of("wizard.problem.visitor") : Optional.empty();
            case IDENTITY -> {
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
                yield Optional.empty();
            }
            case CHOICE -> act.get() == Act.PIN_RESET
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
        submit(chosen == Act.RENEWAL ? "wizard.busy.online" : "wizard.busy.open", () -> {
            CounterStation s = station();
            Workflow<?> w = switch (chosen) {
                case DELIVERY -> DeliveryWorkflow.start(s, cardSerial, who);
                case PIN_RESET -> PinResetWorkflow.start(s, who);
                case RENEWAL -> RenewalWorkflow.start(s, who);
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

    private static Consumer<IdentityCheck> identityOf(Workflow<?> w) {
        if (w instanceof DeliveryWorkflow d) {
            return d::identity;
        }
        if (w instanceof PinResetWorkflow p) {
            return p::identity;
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
                } else if (w instanceof RenewalWorkflow r) {
                    r.currentPin(type, entry);
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
        if (w instanceof DeliveryWorkflow d) {
            pin = d.pinToSet();
            birth = d.cardRecord().map(r -> r.birthDate());
            receipt = d.receipt().orElse(null);
        } else if (w instanceof PinResetWorkflow p) {
            pin = p.pinToSet();
            tries = p.triesLeft() == null ? Map.of() : Map.copyOf(p.triesLeft());
            receipt = p.receipt().orElse(null);
        } else if (w instanceof RenewalWorkflow r) {
            pin = r.expects() == Workflow.Input.CURRENT_PIN ? r.pinsToVerify().stream().findFirst() : Optional.empty();
            receipt = r.receipt().orElse(null);
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
        return new State(next, w.failure(), List.copyOf(w.notices()), pin, tries, birth, receipt);
    }

    private void show(State s) {
        state.set(s);
        failure.set(s.failure().orElse(null));
        if (s.page() == Page.CHOOSE) {
            backToChoice();
            return;
        }
        page.set(s.page());
        render();
        if (s.page() == Page.NEW_PIN || s.page() == Page.CURRENT_PIN) {
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
        act.set(null);
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
        if (visitor.get() != VisitorType.HOLDER_WITH_LEGAL_REP) {
            return IdentityCheck.holder(holder, proofs);
        }
        DocumentType repType = representativeDocument.get();
        IdentityDocument rep = repType.nominalClass() == DocumentClass.ID_A
                ? new IdentityDocument(repType, Optional.empty(), Optional.empty(), true, true) : IdentityDocument.classB(repType);
        return new IdentityCheck(VisitorType.HOLDER_WITH_LEGAL_REP, holder, List.of(rep), proofs,
                Optional.of(new LegalRepresentative(new PersonName(representativeName.get().trim()),
                        AuthorityProof.of(AuthorityProof.Kind.NOT_NEEDED_SAME_HOUSEHOLD), adultWard.get())),
                ProxyPaperwork.none());
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
        State s = state.get();
        notices.setAll(s == null ? List.of() : s.notices().stream().map(n -> n.message(texts.locale())).toList());
        summary.setAll(s == null || s.receipt() == null ? List.of() : summaryLines(s.receipt()));
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
        } else if (receipt instanceof RenewalWorkflow.Receipt r) {
            lines.add(texts.format("wizard.summary.card", Map.of("last4", r.cardSerialLast4())));
            for (RenewalWorkflow.Written c : r.certificates()) {
                lines.add(texts.format("wizard.summary.certificate", Map.of("kind", WizardTexts.kind(texts, c.kind()),
                        "type", WizardTexts.issueType(texts, c.type()), "serial", c.certSerialHex(), "notAfter", c.notAfter(),
                        "seq", c.seq())));
            }
            lines.add(texts.format("wizard.summary.visitor", Map.of("visitor", WizardTexts.visitor(texts, r.visitorType()))));
            lines.add(texts.format("wizard.summary.idMethod", Map.of("classes", documentClasses(r.idMethod()))));
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
            case START -> texts.format("wizard.page.start", Map.of("act", name));
            case IDENTITY -> texts.format("wizard.page.identity", Map.of("act", name));
            case CARD -> texts.format("wizard.page.card", Map.of("act", name));
            case COLLECTED_ITEMS -> texts.format("wizard.page.items", Map.of("act", name));
            case CHOICE -> texts.format(a == Act.RENEWAL ? "wizard.page.kinds" : "wizard.page.pins", Map.of("act", name));
            case NEW_PIN -> texts.format("wizard.page.newPin", Map.of("act", name));
            case CURRENT_PIN -> texts.format("wizard.page.currentPin", Map.of("act", name));
            case PROCEED -> texts.format("wizard.page.proceed", Map.of("act", name));
            case SUMMARY -> texts.format("wizard.page.summary", Map.of("act", name));
            case REFUSED -> texts.format("wizard.page.refused", Map.of("act", name));
        };
    }

    private String renderPageText() {
        State s = state.get();
        String pin = s == null ? "" : s.pin().map(t -> WizardTexts.pin(texts, t)).orElse("");
        return switch (page.get()) {
            case CHOOSE -> texts.get("wizard.text.choose");
            case START -> texts.get(act.get() == Act.DELIVERY ? "wizard.text.startDelivery"
                    : act.get() == Act.RENEWAL ? "wizard.text.startRenewal" : "wizard.text.start");
            case IDENTITY -> texts.get("wizard.text.identity");
            case CARD -> texts.get("wizard.text.card");
            case COLLECTED_ITEMS -> texts.get("wizard.text.items");
            case CHOICE -> texts.get(act.get() == Act.RENEWAL ? "wizard.text.kinds" : "wizard.text.pins");
            case NEW_PIN -> texts.format("wizard.text.newPin", Map.of("pin", pin));
            case CURRENT_PIN -> texts.format("wizard.text.currentPin", Map.of("pin", pin));
            case PROCEED -> texts.get(act.get() == Act.RENEWAL ? "wizard.text.issue"
                    : act.get() == Act.DELIVERY ? "wizard.text.activate" : "wizard.text.record");
            case SUMMARY -> texts.get("wizard.text.summary");
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
