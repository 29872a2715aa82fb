package jp.madoguchi.app.counter.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.Staff;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.ConnectivityRules;
import jp.madoguchi.app.counter.rules.IdentityRules;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.PermissionMatrix;
import jp.madoguchi.app.counter.rules.PinRules;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.staff.SignInOutcome;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.cache.RecordedAct;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinVerification;
import jp.madoguchi.card.ReaderFailure;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * The plumbing every counter workflow shares, so that each workflow's file holds only its own steps
 * and rules: the current step and its three ends ({@code DONE}, {@code REFUSED}, {@code CANCELLED},
 * which every step enum declares), the last failure and the local tally of refused attempts (PR-19),
 * the notices, the journal (saved after every step, never a PIN), the card the visit is about and how
 * it was admitted (connectivity, cached record, preconditions, permission, identity), PIN entry on the
 * PIN pad, and recording an act exactly once across a crash.
 *
 * <p>Not thread-safe: one caller thread per workflow, as {@link Workflow} says; every call blocks on the
 * card thread, the store and the disk.
 *
 * <p>Conventions of the step enums: {@code DONE}, {@code REFUSED} and {@code CANCELLED} end the
 * workflow; a step named {@code CARD}, where there is one, is where the card is presented, and every
 * later step needs it in the reader (after a pull {@link #expects()} asks for it again).
 *
 * @param <S> the workflow's step enum
 */
abstract class CounterWorkflow<S extends Enum<S>> implements Workflow<S> {

    final CounterStation station;
    final CardAccess card;
    final Recording recording;
    private final WorkflowJournal journal;
    private final String id;
    private final Operation operation;
    private final S done;
    private final S refused;
    private final S cancelled;
    /** The step named CARD, if the workflow has one: from there on the card must be in the reader. */
    private final S cardStep;
    private S step;
    private MadoguchiException failure;
    private final List<Notice> notices = new ArrayList<>();

    /** The card the visit is about, once known (given at start, or read at the first CARD step). */
    String serial;
    /** Its record in the read cache, as the workflow judged it. */
    CardRecord record;
    VisitorType visitor;
    List<String> idMethod = List.of();
    /** Whether the card in the reader has been read and found to be {@link #serial} since the last pull. */
    boolean cardVerified;
    /** Offline when admitted: the act is queued and the notices say so. */
    boolean queuedOffline;
    /** The store's last seq before the act is recorded (see {@link #recordOnce}). */
    long seqBefore = -1;
    /** The permission matrix asked for a supervisor's approval (the work of an A row, whoever does it: PR-03). */
    private boolean approvalRequired;
    private SupervisorApproval approval;
    /** The 照会書兼回答書 accepted at visit 2 of the proxy route; spent when the workflow is DONE. */
    private String inquirySheet;

    /**
     * @param kind      the journal id prefix, e.g. {@code "delivery-"}
     * @param id        the id, or null for a fresh one
     * @param operation what the refused attempts are tallied as
     */
    CounterWorkflow(CounterStation station, String kind, String id, Operation operation, Class<S> steps, S first) {
        this.station = station;
        this.card = new CardAccess(station);
        this.recording = new Recording(station.store(), station.stateDir());
        this.journal = new WorkflowJournal(station.stateDir());
        this.id = id != null ? id : kind + UUID.randomUUID();
        this.operation = operation;
        this.done = Enum.valueOf(steps, "DONE");
        this.refused = Enum.valueOf(steps, "REFUSED");
        this.cancelled = Enum.valueOf(steps, "CANCELLED");
        this.cardStep = java.util.Arrays.stream(steps.getEnumConstants()).filter(c -> c.name().equals("CARD")).findFirst()
                .orElse(null);
        this.step = first;
    }

    // ---- the journal ---------------------------------------------------------------------------

    private static Map<String, String> saved(CounterStation station, String id) {
        return new WorkflowJournal(station.stateDir()).load(id)
                .orElseThrow(() -> new MadoguchiException(WorkflowFailure.STATE_UNREADABLE, Map.of()));
    }

    static List<String> interrupted(CounterStation station, String kind) {
        return new WorkflowJournal(station.stateDir()).interrupted(kind);
    }

    /**
     * Restores the saved state of {@link #id()}: what every workflow saves (step, card, visitor,
     * documents, offline flag, seq; the card's record is read again from the cache), the queued notice,
     * then the workflow's own fields ({@link #restoreState}). The card itself must be presented again.
     * MDG-FLOW-003 when there is no readable state.
     */
    final void restore(Class<S> steps) {
        Map<String, String> s = saved(station, id);
        step = resumedAt(Enum.valueOf(steps, s.get("step")));
        visitor = s.containsKey("visitor") ? VisitorType.valueOf(s.get("visitor")) : null;
        serial = s.get("serial");
        idMethod = split(s.get("idMethod"));
        queuedOffline = Boolean.parseBoolean(s.get("queuedOffline"));
        seqBefore = Long.parseLong(s.getOrDefault("seqBefore", "-1"));
        approvalRequired = Boolean.parseBoolean(s.get("approvalRequired"));
        inquirySheet = s.get("inquirySheet");
        if (s.containsKey("approvedBy")) {
            approval = new SupervisorApproval(s.get("approvedBy"), s.get("approvedByName"), Instant.parse(s.get("approvedAt")),
                    s.get("approvalReason"));
        }
        if (serial != null) {
            record = CardRecord.load(station.cache(), station.office().code(), serial);
        }
        if (queuedOffline) {
            notices.add(Notice.of(Notice.Kind.QUEUED_UNTIL_SYNC));
        }
        restoreState(s);
    }

    /** Reads back the workflow's own fields, as {@link #saveState} wrote them. */
    abstract void restoreState(Map<String, String> state);

    /**
     * Where a resumed workflow continues when it was saved at {@code saved}: the same step, unless what
     * the step relied on (a PIN verified on the card) did not survive the crash.
     */
    S resumedAt(S saved) {
        return saved;
    }

    /** Adds the workflow's own fields to the state about to be saved. */
    abstract void saveState(Map<String, String> state);

    /** Saves the state durably (nothing once finished: an ended workflow has no journal entry). */
    final void save() {
        if (finished()) {
            return;
        }
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("step", step.name());
        if (visitor != null) {
            s.put("visitor", visitor.name());
        }
        if (serial != null) {
            s.put("serial", serial);
        }
        s.put("idMethod", String.join(",", idMethod));
        s.put("queuedOffline", Boolean.toString(queuedOffline));
        s.put("seqBefore", Long.toString(seqBefore));
        s.put("approvalRequired", Boolean.toString(approvalRequired));
        if (inquirySheet != null) {
            s.put("inquirySheet", inquirySheet);
        }
        if (approval != null) {
            s.put("approvedBy", approval.supervisorId());
            s.put("approvedByName", approval.supervisorName());
            s.put("approvedAt", approval.at().toString());
            approval.reason().ifPresent(r -> s.put("approvalReason", r));
        }
        saveState(s);
        journal.save(id, s);
    }

    static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    static String join(java.util.Collection<? extends Enum<?>> values) {
        return String.join(",", values.stream().map(Enum::name).toList());
    }

    // ---- steps, failures, ends -----------------------------------------------------------------

    /** Moves on to {@code next} after a successful step: the last failure is cleared and the state saved. */
    final void moveTo(S next) {
        step = next;
        failure = null;
        save();
    }

    /** The step succeeded but stays where it is (e.g. one PIN of several): failure cleared, state saved. */
    final void stay() {
        failure = null;
        save();
    }

    final void expect(S s) {
        if (step != s) {
            throw wrongStep();
        }
    }

    /** For steps that work on the card: it must have been presented (again) since the last pull. */
    final void expectCard(S s) {
        expect(s);
        if (!cardVerified) {
            throw wrongStep();
        }
    }

    final MadoguchiException wrongStep() {
        return new MadoguchiException(WorkflowFailure.WRONG_STEP, Map.of());
    }

    /** A failure the clerk can correct: the step stays; the attempt is tallied. */
    final void fail(MadoguchiException e) {
        failure = e;
        recording.refused(operation.code(), e.code(), station.clock().instant());
    }

    /** The card was pulled: the same card is asked for again, the step stays (PR-28). */
    final void cardPulled(MadoguchiException e) {
        cardVerified = false;
        fail(e);
    }

    /**
     * A failure of a card command: the reader finding no card (taken out between two steps, before
     * anything was sent) is a pull like {@link CardRemovedException}; anything else stays at the step.
     */
    final void failOnCard(MadoguchiException e) {
        if (e.failure() == ReaderFailure.NO_CARD) {
            cardPulled(e);
        } else {
            fail(e);
        }
    }

    final void refuse(Refusal r) {
        refuse(r.toException());
    }

    /** Refused for good: REFUSED with its code, tallied, the journal entry removed. */
    final void refuse(MadoguchiException e) {
        stop(e);
        journal.remove(id);
    }

    /** REFUSED but the saved state kept, for a supervisor to check what the card holds (MDG-FLOW-002). */
    final void stop(MadoguchiException e) {
        failure = e;
        step = refused;
        recording.refused(operation.code(), e.code(), station.clock().instant());
    }

    /** DONE: the act is on disk; the journal entry goes. */
    final void finish() {
        if (inquirySheet != null) {
            // Visit 2 done: the sheet has served its one operation (before the journal entry goes, so a crash repeats this).
            new InquiryRegister(station.stateDir()).markUsed(inquirySheet, ValidityRules.today(station.clock().instant()));
        }
        failure = null;
        step = done;
        journal.remove(id);
    }

    // ---- admission: link, cached record, preconditions, permission, identity ---------------------

    /** A start that asks for the card first: the visitor noted, the state saved. */
    final void begin(VisitorType who) {
        visitor = who;
        save();
    }

    /**
     * A start for online-only work (PR-23): the visitor noted and, without the link, REFUSED with
     * MDG-SYNC-001 before the card is read or written; otherwise the state saved.
     */
    final void beginOnline(VisitorType who) {
        visitor = who;
        if (linkAllows(operation)) {
            save();
        }
    }

    /** For online-only work, before the card is touched: false (and REFUSED, MDG-SYNC-001…) without the link. */
    final boolean linkAllows(Operation op) {
        ConnectivityRules.Decision d = station.connectivity().decide(new ConnectivityRules.Situation(op, station.office(),
                station.online(), Optional.empty(), Optional.empty(), Optional.ofNullable(station.cache().refreshedAt()),
                station.clock().instant()), station.officeSettings(), station.calendar());
        if (d instanceof ConnectivityRules.Refused r) {
            refuse(r.refusal());
            return false;
        }
        return true;
    }

    /**
     * Admits {@link #serial} for {@code op}: connectivity with its cached record (offline: PR-24), the
     * record itself (absent: another office's card, {@code otherOffice} named), then the card
     * preconditions (an overseas card only for a Japanese national, §2.8). Sets {@link #record}, {@link #queuedOffline} and the link's notices; false and
     * REFUSED otherwise.
     */
    final boolean admit(Operation op, String otherOffice) {
        Instant now = station.clock().instant();
        Optional<CardRecord> cached = CardRecord.find(station.cache(), station.office().code(), serial);
        ConnectivityRules.Decision link = station.connectivity().decide(new ConnectivityRules.Situation(op, station.office(),
                station.online(), cached.map(CardRecord::card), Optional.empty(),
                Optional.ofNullable(station.cache().refreshedAt()), now), station.officeSettings(), station.calendar());
        if (link instanceof ConnectivityRules.Refused r) {
            refuse(r.refusal());
            return false;
        }
        if (cached.isEmpty()) {
            refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", otherOffice));
            return false;
        }
        record = cached.get();
        Optional<Refusal> pre = station.preconditions().check(op, record.card(), station.office(), Optional.empty(), now)
                .or(() -> station.overseasCards().checkHolder(record.card(), record.japaneseNational()));
        if (pre.isPresent()) {
            refuse(pre.get());
            return false;
        }
        ConnectivityRules.Allowed allowed = (ConnectivityRules.Allowed) link;
        queuedOffline = allowed.queuedOffline();
        notices.addAll(allowed.notices());
        return true;
    }

    /**
     * The permission matrix for {@code op} (and the PIN or certificate kind it concerns); refused at a
     * mission, the notices say where the resident is sent instead (§2.8). A cell that
     * needs a supervisor's approval is allowed, and the workflow then awaits the approval
     * ({@link #awaitingApproval()}) before its first step that cannot be undone ({@link #approved()}).
     */
    final Optional<Refusal> permission(Operation op, Optional<PinType> pin, Optional<CertKind> kind) {
        return permission(op, pin, kind, true);
    }

    /**
     * The permission matrix alone, for work that prepares {@code op} without doing any of it (visit 1
     * of the proxy route): refused as {@link #permission}, but an A cell asks for no approval here.
     */
    final Optional<Refusal> permittedHere(Operation op, Optional<PinType> pin, Optional<CertKind> kind) {
        return permission(op, pin, kind, false);
    }

    private Optional<Refusal> permission(Operation op, Optional<PinType> pin, Optional<CertKind> kind, boolean noteApproval) {
        // Footnote ¹ needs the card: a workflow that asks before admitting it (delivery) looks it up.
        CardRecord known = record != null || serial == null ? record
                : CardRecord.find(station.cache(), station.office().code(), serial).orElse(null);
        boolean overseas = known != null && known.card().overseasCard();
        PermissionMatrix.Decision d = station.permissions().decide(new PermissionMatrix.Query(station.office(), station.staff(),
                op, visitor, pin, kind, overseas, false));
        if (d instanceof PermissionMatrix.Refused r) {
            station.overseasCards().missionGuidance(station.office(), op).ifPresent(notices::add);
            return Optional.of(r.refusal());
        }
        if (noteApproval && d instanceof PermissionMatrix.Allowed a && a.approvalRequired()) {
            approvalRequired = true;
        }
        return Optional.empty();
    }

    // ---- supervisor approval (PR-03) -------------------------------------------------------------

    @Override
    public final boolean awaitingApproval() {
        return approvalRequired && approval == null && !finished();
    }

    @Override
    public final Optional<SupervisorApproval> approval() {
        return Optional.ofNullable(approval);
    }

    @Override
    public final void approve(StaffDirectory staff, String supervisorId, char[] password, Optional<String> selfApprovalReason) {
        try {
            if (!awaitingApproval()) {
                fail(wrongStep());
                return;
            }
            StaffDirectory.Reauthentication answer = staff.reauthenticate(supervisorId, password);
            if (answer instanceof StaffDirectory.Reauthentication.Refused r) {
                fail(r.why() instanceof SignInOutcome.Locked l
                        ? new MadoguchiException(WorkflowFailure.APPROVER_LOCKED, Map.of("until", l.until().toString()))
                        : new MadoguchiException(WorkflowFailure.APPROVER_NOT_CONFIRMED, Map.of()));
                return;
            }
            StaffAccount account = ((StaffDirectory.Reauthentication.Confirmed) answer).account();
            // The directory holds this workstation's accounts, so the approver works at this office.
            Staff approver = new Staff(account.staffId(), account.displayName(),
                    account.role() == jp.madoguchi.app.staff.StaffRole.SUPERVISOR ? StaffRole.SUPERVISOR : StaffRole.CLERK,
                    station.office().code());
            boolean self = approver.staffId().equals(station.staff().staffId());
            Optional<String> reason = selfApprovalReason.map(String::strip).filter(r -> !r.isEmpty());
            boolean alone = onlySupervisorOnDuty(staff);
            if (self && approver.isSupervisor() && !alone) {
                fail(new MadoguchiException(WorkflowFailure.SELF_APPROVAL_NOT_ALONE, Map.of()));
                return;
            }
            if (self && approver.isSupervisor() && reason.isEmpty()) {
                fail(new MadoguchiException(WorkflowFailure.SELF_APPROVAL_REASON_NEEDED, Map.of()));
                return;
            }
            Optional<Refusal> refused = station.permissions().checkApproval(station.office(), station.staff(), approver, alone,
                    self ? reason : Optional.empty());
            if (refused.isPresent()) {
                fail(refused.get().toException());
                return;
            }
            approval = new SupervisorApproval(account.staffId(), account.displayName(), station.clock().instant(),
                    self ? reason.get() : null);
            stay();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * PR-03's "only one supervisor on duty": no supervisor of this office other than the signed-in
     * staff member signed in or re-authenticated at this workstation since the start of the business
     * day (JST, as the daily tally's day). See docs/workflows.md for why the workstation's own record.
     */
    private boolean onlySupervisorOnDuty(StaffDirectory staff) {
        Instant dayStart = ValidityRules.today(station.clock().instant()).atStartOfDay(ValidityRules.JST).toInstant();
        return staff.supervisorsSeenSince(dayStart).stream().allMatch(a -> a.staffId().equals(station.staff().staffId()));
    }

    /**
     * For the first step that cannot be undone: true when no approval is outstanding; otherwise the
     * failure is MDG-FLOW-007 (tallied), the step stays, and false is returned.
     */
    final boolean approved() {
        if (awaitingApproval()) {
            fail(new MadoguchiException(WorkflowFailure.APPROVAL_NEEDED, Map.of()));
            return false;
        }
        return true;
    }

    /**
     * The identity rules of §2.0 for the workflow's operation; on success the visitor and the document
     * classes are kept for the record, otherwise the failure is set and false returned. An inquiry
     * sheet in the check (visit 2 of the proxy route) must be in this workstation's register for this
     * card and operation and not yet spent by an earlier visit 2 (MDG-PROXY-001), and its registered
     * date is the one judged; it is spent when the workflow is DONE.
     */
    final boolean identityChecked(IdentityCheck shown, boolean photoOnCard, boolean pinsEntered) {
        IdentityCheck check = shown;
        Optional<InquirySheet> typed = shown.proxy().inquirySheet();
        if (typed.isPresent()) {
            // Visit 2: only a sheet this workstation issued for this card and operation counts, with its registered date.
            Optional<InquirySheet> registered = new InquiryRegister(station.stateDir()).find(typed.get().number(), serial, operation);
            if (registered.isEmpty() || new InquiryRegister(station.stateDir()).used(typed.get().number())) {
                fail(Refusal.of(CounterFailure.PROXY_REQUIREMENTS).toException());
                return false;
            }
            ProxyPaperwork p = shown.proxy();
            check = new IdentityCheck(shown.visitorType(), shown.holderDocuments(), shown.visitorDocuments(), shown.proofs(),
                    shown.legalRepresentative(), new ProxyPaperwork(p.reason(), p.evidence(), p.noticeBackCompleted(),
                            p.pinsConcealed(), p.powerOfAttorney(), registered, p.sealedAnswer()));
        }
        Optional<Refusal> r = station.identity().check(new IdentityRules.Situation(operation, check, record.birthDate(),
                ValidityRules.today(station.clock().instant()), photoOnCard, pinsEntered));
        if (r.isPresent()) {
            fail(r.get().toException());
            return false;
        }
        visitor = check.visitorType();
        idMethod = check.idMethod().stream().map(Enum::name).toList();
        inquirySheet = typed.map(InquirySheet::number).orElse(null);
        return true;
    }

    /** {@code check} with the possession proofs the workflow itself established (PINs verified on the card). */
    static IdentityCheck withProofs(IdentityCheck check, PossessionProof... established) {
        Set<PossessionProof> proofs = EnumSet.noneOf(PossessionProof.class);
        proofs.addAll(check.proofs());
        proofs.addAll(List.of(established));
        return new IdentityCheck(check.visitorType(), check.holderDocuments(), check.visitorDocuments(), proofs,
                check.legalRepresentative(), check.proxy());
    }

    /** Whether the card carries a photo (none for a holder under 1 on its issue date, N20). */
    final boolean photoOnCard() {
        return ValidityRules.ageOn(record.birthDate(), record.card().issuedOn()) >= 1;
    }

    // ---- the card --------------------------------------------------------------------------------

    /**
     * Reads the card in the reader without a PIN. When the workflow already knows its card, the one read
     * must be it (MDG-CARD-001, nothing written). Empty, with the failure set, when it is not or the read
     * failed; otherwise {@link #cardVerified}.
     */
    final Optional<CardSnapshot> readCard() {
        try {
            CardSnapshot snap = card.read();
            if (serial != null && !snap.cardSerial().equals(serial)) {
                fail(new MadoguchiException(CounterFailure.CARD_NOT_SELECTED_PERSONS));
                return Optional.empty();
            }
            cardVerified = true;
            return Optional.of(snap);
        } catch (MadoguchiException e) {
            fail(e);
            return Optional.empty();
        }
    }

    /**
     * The CARD step of a workflow that learns its card from the reader. The first time: the card read
     * becomes the workflow's card and is admitted for {@code op} ({@link #admit}); the snapshot is
     * returned for the workflow's own first look. Afterwards (a pull, a crash): the same card must be
     * back, {@link #presentedAgain} runs, the state is saved, and empty is returned, as it is on any
     * failure or refusal.
     */
    final Optional<CardSnapshot> presentCard(Operation op) {
        if (finished()) {
            throw wrongStep();
        }
        boolean first = serial == null;
        Optional<CardSnapshot> snap = readCard();
        if (snap.isEmpty()) {
            return Optional.empty();
        }
        if (!first) {
            presentedAgain(snap.get());
            if (!finished()) {
                stay();
            }
            return Optional.empty();
        }
        serial = snap.get().cardSerial();
        return admit(op, snap.get().common().municipalityCode()) ? snap : Optional.empty();
    }

    /** What a workflow checks when its card comes back after a pull (nothing by default). */
    void presentedAgain(CardSnapshot snap) {
    }

    /**
     * At step {@code at}, with the card in place: one current PIN verified on the card (MDG-PIN-005
     * with tries left, MDG-PIN-004 locked); true when it verified. At another step MDG-FLOW-004 is the
     * failure. {@code pin} is cleared whatever happens.
     */
    final boolean verifiedAt(S at, PinType type, char[] pin) {
        try {
            if (step != at || !cardVerified) {
                fail(wrongStep());
                return false;
            }
            PinVerification v = card.run(c -> c.verifyPin(PinKind.valueOf(type.name()), pin.clone()));
            if (!v.ok()) {
                fail(v.failure());
                return false;
            }
            return true;
        } catch (CardRemovedException e) {
            cardPulled(e);
            return false;
        } catch (MadoguchiException e) {
            failOnCard(e);
            return false;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * What every new PIN passes before the card sees it: the approval (PR-03), the format and the
     * confirmation (MDG-PIN-001/002/003). A weak PIN is accepted with a notice. False with the failure
     * set; the arrays are left to the caller to clear.
     */
    final boolean newPinAccepted(PinType type, char[] entry, char[] confirmation) {
        if (!approved()) {
            return false;
        }
        Optional<Refusal> r = PinRules.checkFormat(type, entry).or(() -> PinRules.checkConfirmation(entry, confirmation));
        if (r.isPresent()) {
            fail(r.get().toException());
            return false;
        }
        PinRules.weakPinNotice(type, entry, record.birthDate()).ifPresent(notices::add);
        return true;
    }

    /**
     * A new PIN on the PIN pad, written to the card: at step {@code at}, with the card verified, for the
     * PIN {@code next} names, once any approval needed is given (MDG-FLOW-007 otherwise). Format (MDG-PIN-001/002) and confirmation (MDG-PIN-003) first; a weak PIN
     * adds a notice and is accepted; then RESET RETRY COUNTER in its own counter-authenticated session.
     * The PIN written, or empty with the failure set (a pull: the card is asked for again). Both arrays
     * are cleared before this returns, whatever happens.
     */
    final Optional<PinType> writeNewPin(S at, Supplier<Optional<PinType>> next, String what, char[] entry, char[] confirmation) {
        try {
            expectCard(at);
            PinType type = next.get().orElseThrow(this::wrongStep);
            if (!newPinAccepted(type, entry, confirmation)) {
                return Optional.empty();
            }
            char[] copy = entry.clone();
            try {
                card.administer(what + " " + type, admin -> {
                    admin.resetPin(PinKind.valueOf(type.name()), copy);
                    return null;
                });
            } finally {
                Arrays.fill(copy, '\0');
            }
            return Optional.of(type);
        } catch (CardRemovedException e) {
            cardPulled(e);
            return Optional.empty();
        } catch (MadoguchiException e) {
            failOnCard(e);
            return Optional.empty();
        } finally {
            Arrays.fill(entry, '\0');
            Arrays.fill(confirmation, '\0');
        }
    }

    // ---- recording -------------------------------------------------------------------------------

    /**
     * An act about {@link #serial}, based on the cached status version it relied on. With an approval
     * the approver is the act's {@code supervisorId} (act row, outbox, the operation sent to central)
     * and is added to the payload as {@code approval} (with {@code selfApprovalReason} for a PR-03
     * self-approval), so the audit row's content hash covers it too, and central keeps it in the body.
     */
    final CounterAct act(OperationType type, Map<String, Object> payload) {
        Map<String, Object> p = payload;
        if (approval != null) {
            p = new java.util.LinkedHashMap<>(payload);
            p.put("approval", approval.reason()
                    .map(r -> Recording.payload("supervisorId", approval.supervisorId(), "approvedAt", approval.at().toString(),
                            "selfApprovalReason", r))
                    .orElseGet(() -> Recording.payload("supervisorId", approval.supervisorId(), "approvedAt", approval.at().toString())));
        }
        return new CounterAct(type, station.staff().staffId(), approval == null ? null : approval.supervisorId(), serial,
                record.card().statusVersion(), p);
    }

    /** What was recorded (or found recorded before a crash). */
    record Recorded(UUID opId, long seq, Instant at) {
    }

    /** Notes the store's last seq, durably, before {@link #recordOnce} (call it before the step that records). */
    final void markBeforeRecord() {
        seqBefore = recording.lastSeq();
        save();
    }

    /**
     * Records {@code acts} (in one store transaction; the first is the one of {@code type}) unless an act
     * of {@code type} for this card was already recorded after {@link #seqBefore} (a crash between the
     * commit and the journal), then wakes the sync engine. Blocks until the acts are on disk.
     */
    final Recorded recordOnce(OperationType type, Supplier<List<CounterAct>> acts) {
        Optional<OutboxEntry> earlier = recording.findRecorded(seqBefore, type.name(), serial, null, null);
        Recorded done;
        if (earlier.isPresent()) {
            done = new Recorded(earlier.get().opId(), earlier.get().seq(), earlier.get().occurredAt());
        } else {
            RecordedAct first = recording.record(acts.get()).get(0);
            done = new Recorded(first.opId(), first.seq(), first.occurredAt());
        }
        station.sync().wake();
        return done;
    }

    /** Whether the act of {@code type} already reached the store (then the workflow can no longer be cancelled). */
    final boolean alreadyRecorded(OperationType type) {
        return seqBefore >= 0 && recording.findRecorded(seqBefore, type.name(), serial, null, null).isPresent();
    }

    // ---- Workflow --------------------------------------------------------------------------------

    final void notice(Notice n) {
        notices.add(n);
    }

    final void notices(List<Notice> ns) {
        notices.addAll(ns);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final S step() {
        return step;
    }

    @Override
    public final Optional<MadoguchiException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public final List<Notice> notices() {
        return List.copyOf(notices);
    }

    /**
     * {@inheritDoc} Ended: NONE. At the CARD step, or at a later one after a pull: CARD. Otherwise what
     * the step itself takes ({@link #input}).
     */
    @Override
    public Input expects() {
        if (finished()) {
            return Input.NONE;
        }
        if (cardStep != null && step.compareTo(cardStep) >= 0 && (step == cardStep || !cardVerified)) {
            return Input.CARD;
        }
        return input(step);
    }

    /** What the clerk provides at {@code s} (a step not ended, with the card in place where one is needed). */
    abstract Input input(S s);

    @Override
    public final boolean finished() {
        return step == done || step == refused || step == cancelled;
    }

    /** {@inheritDoc} The cancelled attempt is tallied locally (PR-19). */
    @Override
    public void cancel() {
        if (finished()) {
            return;
        }
        recording.refused(operation.code(), "CANCELLED", station.clock().instant());
        step = cancelled;
        journal.remove(id);
    }
}
