package jp.madoguchi.app.counter.workflow;

import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.cache.OperationType;
import jp.madoguchi.card.CardRemovedException;
import jp.madoguchi.card.CardSnapshot;
import jp.madoguchi.card.CertificateInfo;
import jp.madoguchi.card.JpkiKey;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;

/**
 * What renewal and new issuance share: the kinds planned, the current PINs verified on the card, and
 * writing a certificate per kind. Per kind, in ONE counter-authenticated session (the card discards
 * the pending key at a reset, card-spec §7.8): key pair on the card → CSR signed by the pending key →
 * the CA → staged write + ACTIVATE → recorded. Anything failing before ACTIVATE leaves the old key and
 * certificate in use. A certificate the CA issued that did not reach the card is revoked through
 * {@code CERT_ISSUE_ABORTED} (PR-28) and the kind can be tried again; after a pull during ACTIVATE the
 * AUTH certificate read back decides, and for SIGN (its certificate needs the signing password to be
 * read) the workflow stops with MDG-FLOW-002 for a supervisor. One caller thread.
 *
 * @param <S> the workflow's step enum
 */
abstract class CertificateWork<S extends Enum<S>> extends CounterWorkflow<S> {

    /** Per kind: renewal ({@code CERT_RENEWED}) or new issuance ({@code CERT_ISSUED}). */
    final Map<CertKind, OperationType> plans = new EnumMap<>(CertKind.class);
    /** Verified in this session only: a card reset (pull, crash) forgets them too. */
    final Set<PinType> verified = EnumSet.noneOf(PinType.class);
    final List<RenewalWorkflow.Written> written = new ArrayList<>();
    /** A certificate issued by the CA whose write to the card ended in a pull; resolved at the next CARD. */
    private Map<String, String> unresolved = Map.of();

    CertificateWork(CounterStation station, String kind, String id, Operation operation, Class<S> steps, S first) {
        super(station, kind, id, operation, steps, first);
    }

    final void saveCertificates(Map<String, String> s) {
        plans.forEach((k, t) -> s.put("plan." + k, t.name()));
        for (RenewalWorkflow.Written w : written) {
            s.put("written." + w.kind(), String.join(",", w.type().name(), w.certSerialHex(), w.notAfter(), w.opId().toString(),
                    Long.toString(w.seq())));
        }
        unresolved.forEach((k, v) -> s.put("unresolved." + k, v));
    }

    final void restoreCertificates(Map<String, String> s) {
        for (CertKind k : CertKind.values()) {
            if (s.containsKey("plan." + k)) {
                plans.put(k, OperationType.valueOf(s.get("plan." + k)));
            }
            if (s.containsKey("written." + k)) {
                String[] f = s.get("written." + k).split(",");
                written.add(new RenewalWorkflow.Written(k, OperationType.valueOf(f[0]), f[1], f[2], UUID.fromString(f[3]),
                        Long.parseLong(f[4])));
            }
        }
        Map<String, String> u = new LinkedHashMap<>();
        s.forEach((k, v) -> {
            if (k.startsWith("unresolved.")) {
                u.put(k.substring("unresolved.".length()), v);
            }
        });
        unresolved = u;
    }

    /** Whether a pull during a write left a certificate to resolve at the next CARD step. */
    final boolean unresolved() {
        return !unresolved.isEmpty();
    }

    /** After a pull during a certificate write, what the card now holds decides (PR-28). */
    @Override
    final void presentedAgain(CardSnapshot snap) {
        if (unresolved()) {
            resolve(snap);
        }
    }

    /**
     * Writes every planned kind not yet written, one at a time, once any approval needed is given
     * (MDG-FLOW-007 otherwise, nothing written); false at the first failure (the old
     * certificate of that kind stays in use; call again to retry, or cancel), true when all are on the card.
     */
    final boolean writeCertificates() {
        if (unresolved()) {
            throw wrongStep();
        }
        if (!approved()) {
            return false;
        }
        for (Map.Entry<CertKind, OperationType> e : plans.entrySet()) {
            if (written.stream().anyMatch(w -> w.kind() == e.getKey())) {
                continue;
            }
            if (!issueOne(e.getKey(), e.getValue())) {
                return false;
            }
        }
        station.sync().wake();
        return true;
    }

    private boolean issueOne(CertKind kind, OperationType type) {
        JpkiKey key = JpkiKey.valueOf(kind.name());
        UUID requestId = UUID.randomUUID();
        CertificateAuthority.Issued[] issued = new CertificateAuthority.Issued[1];
        try {
            card.administer("certificate " + kind, admin -> {
                RSAPublicKey pending = admin.generateKeyPair(key);
                byte[] csr = admin.certificationRequest(key, pending, new X500Principal("CN=" + serial));
                issued[0] = station.ca().issue(requestId, serial, kind.name(), csr);
                markUnresolved(kind, type, issued[0]);
                admin.writeCertificate(key, issued[0].certificate());
                return null;
            });
        } catch (CardRemovedException e) {
            cardPulled(e);
            if (issued[0] != null && e.change() == CardRemovedException.CardChange.CHANGED) {
                unresolved = Map.of();
                recordWritten(kind, type, certSerial(issued[0]), issued[0].notAfter());
            } else if (issued[0] != null && e.change() == CardRemovedException.CardChange.UNCHANGED) {
                // Pulled before ACTIVATE: the old certificate stays; the new one is revoked (PR-28).
                abort(kind, certSerial(issued[0]));
                unresolved = Map.of();
            }
            save();
            return false;
        } catch (MadoguchiException e) {
            if (issued[0] != null) {
                // The CA issued it but the card refused it: have it revoked, keep the old one (PR-28).
                abort(kind, certSerial(issued[0]));
                unresolved = Map.of();
            }
            if (e.failure() == CounterFailure.SYNC_CENTRAL_NEEDED || issued[0] != null) {
                fail(e);
                save();
            } else {
                refuse(e);
            }
            return false;
        }
        unresolved = Map.of();
        recordWritten(kind, type, certSerial(issued[0]), issued[0].notAfter());
        save();
        return true;
    }

    private void markUnresolved(CertKind kind, OperationType type, CertificateAuthority.Issued issued) {
        Map<String, String> u = new LinkedHashMap<>();
        u.put("kind", kind.name());
        u.put("type", type.name());
        u.put("certSerial", certSerial(issued));
        u.put("notAfter", issued.notAfter());
        u.put("sha256", sha256(issued.certificate()));
        unresolved = u;
        save();
    }

    private void resolve(CardSnapshot snap) {
        CertKind kind = CertKind.valueOf(unresolved.get("kind"));
        OperationType type = OperationType.valueOf(unresolved.get("type"));
        String certSerial = unresolved.get("certSerial");
        if (kind == CertKind.AUTH && snap.authCertificate().isPresent()) {
            if (sha256(snap.authCertificate().get().derBytes()).equals(unresolved.get("sha256"))) {
                recordWritten(kind, type, certSerial, unresolved.get("notAfter"));
            } else {
                abort(kind, certSerial);
            }
            unresolved = Map.of();
            return;
        }
        stop(new MadoguchiException(WorkflowFailure.NEEDS_CHECK, Map.of()));
    }

    private void abort(CertKind kind, String certSerial) {
        recording.record(act(OperationType.CERT_ISSUE_ABORTED, Recording.payload("cardSerial", serial, "kind", kind.name(),
                "certSerial", certSerial)));
        station.sync().wake();
    }

    private void recordWritten(CertKind kind, OperationType type, String certSerial, String notAfter) {
        var act = recording.record(act(type, Recording.payload("cardSerial", serial, "kind", kind.name(), "certSerial", certSerial,
                "notAfter", notAfter, "visitorType", visitor.name(), "idMethod", idMethod)));
        written.add(new RenewalWorkflow.Written(kind, type, certSerial, notAfter, act.opId(), act.seq()));
    }

    private static String certSerial(CertificateAuthority.Issued issued) {
        return CertificateInfo.parse(issued.certificate()).serialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
