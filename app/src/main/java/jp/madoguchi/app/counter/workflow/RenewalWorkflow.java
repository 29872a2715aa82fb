package jp.madoguchi.app.counter.workflow;

import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.CertificateRules;
import jp.madoguchi.app.counter.rules.ConnectivityRules;
import jp.madoguchi.app.counter.rules.IdentityRules;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.PermissionMatrix;
import jp.madoguchi.app.counter.rules.Refusal;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.cache.CounterAct;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.CertificateInfo;
import jp.madoguchi.card.JpkiKey;
import jp.madoguchi.card.PinKind;
import jp.madoguchi.card.PinVerification;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * Certificate renewal (電子証明書の更新, counter-rules §2.3) for SIGN, AUTH or both, and new issuance
 * (§2.4) when a kind has no live certificate, as a state machine:
 *
 * <pre>
 *  start (online? else MDG-SYNC-001, card untouched) ─▶ CARD ─▶ CHOICE (kinds: age, window) ─▶ CURRENT_PINS
 *     ─▶ IDENTITY ─▶ ISSUE (per kind: key on card → CSR signed by the pending key → CA → staged write + ACTIVATE → recorded) ─▶ DONE
 *  any refusal ─▶ REFUSED          any step: cancel() ─▶ CANCELLED
 * </pre>
 *
 * The key generation, the CSR, the CA call and the write of one kind run in ONE counter-authenticated
 * session, because the card discards the pending key at a reset (card-spec §7.8). Anything failing
 * before ACTIVATE leaves the old key and certificate in use. A certificate the CA issued that did not
 * reach the card is revoked through {@code CERT_ISSUE_ABORTED} (PR-28) and the kind is tried again;
 * when the card was pulled during ACTIVATE, the AUTH certificate read back decides, and for SIGN (its
 * certificate needs the signing password to be read) the workflow stops with MDG-FLOW-002 for a
 * supervisor. One caller thread; calls block on the card, the CA and the disk.
 */
public final class RenewalWorkflow implements Workflow<RenewalWorkflow.Step> {

    public enum Step { CARD, CHOICE, CURRENT_PINS, IDENTITY, ISSUE, DONE, REFUSED, CANCELLED }

    /** One certificate written to the card (§6.3). */
    public record Written(CertKind kind, OperationType type, String certSerialHex, String notAfter, UUID opId, long seq) {
    }

    public record Receipt(String cardSerialLast4, List<Written> certificates, VisitorType visitorType, List<String> idMethod,
                          List<Notice> notices) {
    }

    private static final String KIND = "renewal-";

    private final CounterStation station;
    private final CardAccess card;
    private final Recording recording;
    private final WorkflowJournal journal;
    private final String id;
    private Step step = Step.CARD;
    private String serial;
    private CardRecord record;
    private boolean cardVerified;
    private VisitorType visitor;
    private List<String> idMethod = List.of();
    private final Map<CertKind, OperationType> plans = new EnumMap<>(CertKind.class);
    private final Set<PinType> verified = EnumSet.noneOf(PinType.class);
    private final List<Written> written = new ArrayList<>();
    private Receipt receipt;
    private MadoguchiException failure;
    private final List<Notice> notices = new ArrayList<>();
    /** A certificate issued by the CA whose write to the card ended in a pull; resolved at the next CARD. */
    private Map<String, String> unresolved = Map.of();

    private RenewalWorkflow(CounterStation station, String id) {
        this.station = station;
        this.card = new CardAccess(station);
        this.recording = new Recording(station.store(), station.stateDir());
        this.journal = new WorkflowJournal(station.stateDir());
        this.id = id;
    }

    /**
     * Starts a renewal. The CA is needed (PR-23): without the link the workflow is REFUSED with
     * MDG-SYNC-001 before the card is read or written.
     */
    public static RenewalWorkflow start(CounterStation station, VisitorType visitor) {
        RenewalWorkflow w = new RenewalWorkflow(station, KIND + UUID.randomUUID());
        w.visitor = visitor;
        ConnectivityRules.Decision d = station.connectivity().decide(new ConnectivityRules.Situation(Operation.CERT_RENEWAL,
                station.office(), station.online(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(station.cache().refreshedAt()), station.clock().instant()), station.officeSettings(),
                station.calendar());
        if (d instanceof ConnectivityRules.Refused r) {
            w.refuse(r.refusal().toException());
        } else {
            w.save();
        }
        return w;
    }

    /**
     * Picks up a saved renewal after a crash. The PINs verified before are not remembered (a card reset
     * forgets them too): the workflow goes back to CURRENT_PINS if it had not reached ISSUE.
     */
    public static RenewalWorkflow resume(CounterStation station, String id) {
        Map<String, String> s = new WorkflowJournal(station.stateDir()).load(id)
                .orElseThrow(() -> new MadoguchiException(WorkflowFailure.STATE_UNREADABLE, Map.of()));
        RenewalWorkflow w = new RenewalWorkflow(station, id);
        w.step = Step.valueOf(s.get("step"));
        w.visitor = VisitorType.valueOf(s.get("visitor"));
        w.serial = s.get("serial");
        w.idMethod = s.getOrDefault("idMethod", "").isEmpty() ? List.of() : List.of(s.get("idMethod").split(","));
        for (CertKind k : CertKind.values()) {
            if (s.containsKey("plan." + k)) {
                w.plans.put(k, OperationType.valueOf(s.get("plan." + k)));
            }
            if (s.containsKey("written." + k)) {
                String[] f = s.get("written." + k).split(",");
                w.written.add(new Written(k, OperationType.valueOf(f[0]), f[1], f[2], UUID.fromString(f[3]), Long.parseLong(f[4])));
            }
        }
        if (s.containsKey("unresolved.kind")) {
            Map<String, String> u = new LinkedHashMap<>();
            s.forEach((k, v) -> {
                if (k.startsWith("unresolved.")) {
                    u.put(k.substring("unresolved.".length()), v);
                }
            });
            w.unresolved = u;
        }
        if (w.serial != null) {
            w.record = CardRecord.load(station.cache(), station.office().code(), w.serial);
        }
        if (w.step == Step.IDENTITY) {
            w.step = Step.CURRENT_PINS;
        }
        return w;
    }

    public static List<String> interrupted(CounterStation station) {
        return new WorkflowJournal(station.stateDir()).interrupted(KIND);
    }

    /** Step CARD (and after a pull or crash): reads the card; the first time, its record and the preconditions. */
    public void cardPresented() {
        if (finished()) {
            throw wrongStep();
        }
        try {
            CardSnapshot snap = card.read();
            if (serial != null && !snap.cardSerial().equals(serial)) {
                fail(new MadoguchiException(CounterFailure.CARD_NOT_SELECTED_PERSONS));
                return;
            }
            if (serial == null) {
                serial = snap.cardSerial();
                Instant now = station.clock().instant();
                Optional<CardRecord> cached = CardRecord.find(station.cache(), station.office().code(), serial);
                if (cached.isEmpty()) {
                    refuse(Refusal.of(CounterFailure.CARD_OTHER_OFFICE, "office", snap.common().municipalityCode()).toException());
                    return;
                }
                record = cached.get();
                Optional<Refusal> pre = station.preconditions().check(Operation.CERT_RENEWAL, record.card(), station.office(),
                        Optional.empty(), now);
                if (pre.isPresent()) {
                    refuse(pre.get().toException());
                    return;
                }
                station.preconditions().cardRenewalNotice(record.card(), now).ifPresent(notices::add);
                step = Step.CHOICE;
            }
            cardVerified = true;
            failure = null;
            if (!unresolved.isEmpty()) {
                resolve(snap);
            }
            save();
        } catch (MadoguchiException e) {
            fail(e);
        }
    }

    /**
     * Step CHOICE: the kinds to renew (PR-35 offers both; the clerk may deselect one). SIGN under 15 is
     * MDG-CERT-003, an adult ward MDG-CERT-004, a window not yet open MDG-CERT-001; an expired, revoked
     * or absent certificate becomes a new issuance (MDG-CERT-002 notice for the expired one).
     */
    public void choose(Set<CertKind> kinds, boolean adultWard) {
        expect(Step.CHOICE);
        if (kinds.isEmpty()) {
            throw wrongStep();
        }
        Instant now = station.clock().instant();
        LocalDate today = ValidityRules.today(now);
        Map<CertKind, OperationType> chosen = new EnumMap<>(CertKind.class);
        List<Notice> extra = new ArrayList<>();
        for (CertKind k : kinds) {
            CertificateRules rules = station.certificates();
            Optional<Refusal> allowed = rules.checkKindAllowed(k, record.birthDate(), adultWard, today);
            if (allowed.isPresent()) {
                fail(allowed.get().toException());
                return;
            }
            CertificateRules.Plan plan = rules.plan(Optional.ofNullable(record.certificates().get(k)), now);
            if (plan instanceof CertificateRules.Refused r) {
                fail(r.refusal().toException());
                return;
            }
            Operation op = plan instanceof CertificateRules.Renew ? Operation.CERT_RENEWAL : Operation.CERT_ISSUE;
            PermissionMatrix.Decision d = station.permissions().decide(new PermissionMatrix.Query(station.office(), station.staff(),
                    op, visitor, Optional.empty(), Optional.of(k), record.card().overseasCard(), false));
            if (d instanceof PermissionMatrix.Refused r) {
                fail(r.refusal().toException());
                return;
            }
            if (d instanceof PermissionMatrix.Allowed a && a.approvalRequired()) {
                fail(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED).toException());
                return;
            }
            if (plan instanceof CertificateRules.IssueNew issue) {
                extra.addAll(issue.notices());
            }
            chosen.put(k, op == Operation.CERT_RENEWAL ? OperationType.CERT_RENEWED : OperationType.CERT_ISSUED);
        }
        plans.clear();
        plans.putAll(chosen);
        notices.addAll(extra);
        failure = null;
        moveTo(Step.CURRENT_PINS);
    }

    /** The PINs still to verify: 住基用 and each chosen kind's current PIN (a kind being issued anew has none to verify). */
    public List<PinType> pinsToVerify() {
        List<PinType> out = new ArrayList<>();
        if (!verified.contains(PinType.JUKI)) {
            out.add(PinType.JUKI);
        }
        plans.forEach((k, type) -> {
            if (type == OperationType.CERT_RENEWED && !verified.contains(k.pin())) {
                out.add(k.pin());
            }
        });
        return out;
    }

    /** Step CURRENT_PINS: one current PIN, verified on the card (MDG-PIN-005 with tries left, MDG-PIN-004 locked). */
    public void currentPin(PinType type, char[] pin) {
        try {
            expect(Step.CURRENT_PINS);
            if (!cardVerified || !pinsToVerify().contains(type)) {
                throw wrongStep();
            }
            PinVerification v = card.run(c -> c.verifyPin(PinKind.valueOf(type.name()), pin.clone()));
            if (!v.ok()) {
                fail(v.failure());
                return;
            }
            verified.add(type);
            failure = null;
            if (pinsToVerify().isEmpty()) {
                moveTo(Step.IDENTITY);
            }
        } catch (CardRemovedException e) {
            cardVerified = false;
            fail(e);
        } catch (MadoguchiException e) {
            fail(e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    /** Step IDENTITY (§2.0 certRenewal row); the PINs verified here count as the PIN proofs. */
    public void identity(IdentityCheck check) {
        expect(Step.IDENTITY);
        Set<PossessionProof> proofs = EnumSet.noneOf(PossessionProof.class);
        proofs.addAll(check.proofs());
        proofs.add(PossessionProof.JUKI_PIN_VERIFIED);
        proofs.add(PossessionProof.CERT_PINS_VERIFIED);
        IdentityCheck withPins = new IdentityCheck(check.visitorType(), check.holderDocuments(), check.visitorDocuments(), proofs,
                check.legalRepresentative(), check.proxy());
        Optional<Refusal> r = station.identity().check(new IdentityRules.Situation(Operation.CERT_RENEWAL, withPins,
                record.birthDate(), ValidityRules.today(station.clock().instant()), true, true));
        if (r.isPresent()) {
            fail(r.get().toException());
            return;
        }
        visitor = check.visitorType();
        idMethod = check.idMethod().stream().map(Enum::name).toList();
        failure = null;
        moveTo(Step.ISSUE);
    }

    /**
     * Step ISSUE: writes every chosen kind not yet written, one at a time. Stops at the first failure
     * (the old certificate of that kind stays in use); call again to retry, or cancel. DONE after the last.
     */
    public void proceed() {
        expect(Step.ISSUE);
        if (!cardVerified) {
            throw wrongStep();
        }
        if (!unresolved.isEmpty()) {
            throw wrongStep();
        }
        for (Map.Entry<CertKind, OperationType> e : plans.entrySet()) {
            if (written.stream().anyMatch(w -> w.kind() == e.getKey())) {
                continue;
            }
            if (!issueOne(e.getKey(), e.getValue())) {
                return;
            }
        }
        station.sync().wake();
        receipt = new Receipt(record.card().serialLast4(), List.copyOf(written), visitor, idMethod, List.copyOf(notices));
        step = Step.DONE;
        failure = null;
        journal.remove(id);
    }

    private boolean issueOne(CertKind kind, OperationType type) {
        JpkiKey key = JpkiKey.valueOf(kind.name());
        UUID requestId = UUID.randomUUID();
        CertificateAuthority.Issued[] issued = new CertificateAuthority.Issued[1];
        try {
            card.administer("renewal " + kind, admin -> {
                RSAPublicKey pending = admin.generateKeyPair(key);
                byte[] csr = admin.certificationRequest(key, pending, new X500Principal("CN=" + serial));
                issued[0] = station.ca().issue(requestId, serial, kind.name(), csr);
                markUnresolved(kind, type, issued[0]);
                admin.writeCertificate(key, issued[0].certificate());
                return null;
            });
        } catch (CardRemovedException e) {
            cardVerified = false;
            fail(e);
            if (issued[0] != null && e.change() == CardRemovedException.CardChange.CHANGED) {
                unresolved = Map.of();
                recordWritten(kind, type, issued[0]);
            } else if (issued[0] != null && e.change() == CardRemovedException.CardChange.UNCHANGED) {
                // Pulled before ACTIVATE: the old certificate stays; the new one is revoked (PR-28).
                abort(kind, issued[0]);
                unresolved = Map.of();
            }
            save();
            return false;
        } catch (MadoguchiException e) {
            if (issued[0] != null) {
                // The CA issued it but the card refused it: have it revoked, keep the old one (PR-28).
                abort(kind, issued[0]);
                unresolved = Map.of();
            }
            boolean retryable = e.failure() == CounterFailure.SYNC_CENTRAL_NEEDED || issued[0] != null;
            if (retryable) {
                fail(e);
                save();
            } else {
                refuse(e);
            }
            return false;
        }
        unresolved = Map.of();
        recordWritten(kind, type, issued[0]);
        save();
        return true;
    }

    private void markUnresolved(CertKind kind, OperationType type, CertificateAuthority.Issued issued) {
        CertificateInfo info = CertificateInfo.parse(issued.certificate());
        Map<String, String> u = new LinkedHashMap<>();
        u.put("kind", kind.name());
        u.put("type", type.name());
        u.put("certSerial", info.serialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
        u.put("notAfter", issued.notAfter());
        u.put("sha256", sha256(issued.certificate()));
        unresolved = u;
        save();
    }

    /** After a pull during the write: what the card now holds decides (PR-28). */
    private void resolve(CardSnapshot snap) {
        CertKind kind = CertKind.valueOf(unresolved.get("kind"));
        OperationType type = OperationType.valueOf(unresolved.get("type"));
        String certSerial = unresolved.get("certSerial");
        if (kind == CertKind.AUTH && snap.authCertificate().isPresent()) {
            boolean onCard = sha256(snap.authCertificate().get().derBytes()).equals(unresolved.get("sha256"));
            if (onCard) {
                recordWritten(kind, type, certSerial, unresolved.get("notAfter"));
            } else {
                abort(kind, certSerial);
            }
            unresolved = Map.of();
            return;
        }
        failure = new MadoguchiException(WorkflowFailure.NEEDS_CHECK, Map.of());
        step = Step.REFUSED;
        recording.refused(Operation.CERT_RENEWAL.code(), failure.code(), station.clock().instant());
    }

    private void abort(CertKind kind, CertificateAuthority.Issued issued) {
        abort(kind, CertificateInfo.parse(issued.certificate()).serialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
    }

    private void abort(CertKind kind, String certSerial) {
        recording.record(new CounterAct(OperationType.CERT_ISSUE_ABORTED, station.staff().staffId(), null, serial,
                record.card().statusVersion(), Recording.payload("cardSerial", serial, "kind", kind.name(), "certSerial", certSerial)));
        station.sync().wake();
    }

    private void recordWritten(CertKind kind, OperationType type, CertificateAuthority.Issued issued) {
        recordWritten(kind, type, CertificateInfo.parse(issued.certificate()).serialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
                issued.notAfter());
    }

    private void recordWritten(CertKind kind, OperationType type, String certSerial, String notAfter) {
        var act = recording.record(new CounterAct(type, station.staff().staffId(), null, serial, record.card().statusVersion(),
                Recording.payload("cardSerial", serial, "kind", kind.name(), "certSerial", certSerial, "notAfter", notAfter,
                        "visitorType", visitor.name(), "idMethod", idMethod)));
        written.add(new Written(kind, type, certSerial, notAfter, act.opId(), act.seq()));
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    /** The kinds chosen and whether each is a renewal or a new issuance. */
    public Map<CertKind, OperationType> plans() {
        return Map.copyOf(plans);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public Input expects() {
        if (finished()) {
            return Input.NONE;
        }
        if (step == Step.CARD || !cardVerified) {
            return Input.CARD;
        }
        return switch (step) {
            case CHOICE -> Input.CHOICE;
            case CURRENT_PINS -> Input.CURRENT_PIN;
            case IDENTITY -> Input.IDENTITY;
            case ISSUE -> Input.PROCEED;
            default -> Input.NONE;
        };
    }

    @Override
    public Optional<MadoguchiException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public List<Notice> notices() {
        return List.copyOf(notices);
    }

    @Override
    public boolean finished() {
        return step == Step.DONE || step == Step.REFUSED || step == Step.CANCELLED;
    }

    @Override
    public void cancel() {
        if (finished()) {
            return;
        }
        recording.refused(Operation.CERT_RENEWAL.code(), "CANCELLED", station.clock().instant());
        step = Step.CANCELLED;
        journal.remove(id);
    }

    private void refuse(MadoguchiException e) {
        failure = e;
        step = Step.REFUSED;
        recording.refused(Operation.CERT_RENEWAL.code(), e.code(), station.clock().instant());
        journal.remove(id);
    }

    private void fail(MadoguchiException e) {
        failure = e;
        recording.refused(Operation.CERT_RENEWAL.code(), e.code(), station.clock().instant());
    }

    private void expect(Step s) {
        if (step != s) {
            throw wrongStep();
        }
    }

    private MadoguchiException wrongStep() {
        return new MadoguchiException(WorkflowFailure.WRONG_STEP, Map.of());
    }

    private void moveTo(Step next) {
        step = next;
        save();
    }

    private void save() {
        if (finished()) {
            return;
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("step", step.name());
        s.put("visitor", visitor.name());
        if (serial != null) {
            s.put("serial", serial);
        }
        s.put("idMethod", String.join(",", idMethod));
        plans.forEach((k, t) -> s.put("plan." + k, t.name()));
        for (Written w : written) {
            s.put("written." + w.kind(), String.join(",", w.type().name(), w.certSerialHex(), w.notAfter(), w.opId().toString(),
                    Long.toString(w.seq())));
        }
        unresolved.forEach((k, v) -> s.put("unresolved." + k, v));
        journal.save(id, s);
    }
}
