package jp.madoguchi.app.counter.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.CertHoldReason;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.Certificate;
import jp.madoguchi.common.CounterFailure;

/**
 * Certificate work (counter-rules §2.3, §2.4, N12–N19, PR-36, PR-37): whether a kind may be issued to
 * this holder at all, and whether a certificate is renewed, issued anew or refused today. Immutable and
 * thread-safe.
 */
public final class CertificateRules {

    private final ValidityRules validity;

    public CertificateRules(ValidityRules validity) {
        this.validity = validity;
    }

    /**
     * {@code SIGN} is never issued to a holder under 15 on the day ({@code MDG-CERT-003}, N18/PR-48) or to
     * an adult ward ({@code MDG-CERT-004}, N19/PR-16); under 15 is reported first. {@code AUTH} is
     * allowed at any age. A holder who has turned 15 may be issued {@code SIGN} (PR-37).
     */
    public Optional<Refusal> checkKindAllowed(CertKind kind, LocalDate birthDate, boolean adultWard, LocalDate today) {
        if (kind != CertKind.SIGN) {
            return Optional.empty();
        }
        if (ValidityRules.isUnder15(birthDate, today)) {
            return Optional.of(Refusal.of(CounterFailure.CERT_SIGN_UNDER_15));
        }
        if (adultWard) {
            return Optional.of(Refusal.of(CounterFailure.CERT_SIGN_ADULT_WARD));
        }
        return Optional.empty();
    }

    /** What to do for one kind today. */
    public sealed interface Plan permits Renew, IssueNew, Refused {
    }

    /** Renew the valid certificate inside its window (§2.3). */
    public record Renew(Certificate current, RenewalWindow window) implements Plan {
    }

    /**
     * Issue a new certificate (§2.4): there is none, it was revoked, or it expired (then with the
     * {@code MDG-CERT-002} notice).
     */
    public record IssueNew(Reason reason, List<Notice> notices) implements Plan {
        public enum Reason {
            NO_CERTIFICATE, REVOKED, EXPIRED
        }

        public IssueNew {
            Objects.requireNonNull(reason, "reason");
            notices = List.copyOf(notices);
        }
    }

    public record Refused(Refusal refusal) implements Plan {
    }

    /**
     * The plan for one kind: a VALID certificate before its window is refused
     * ({@code MDG-CERT-001 {opensOn} {expiry}}, PR-36: no early renewal), inside it renewed; an expired
     * one (by status or by its notAfter) or a revoked one is issued anew; one on hold for a suspended card
     * is refused with {@code MDG-CARD-004}. A certificate still on hold pending delivery belongs to a card
     * not yet delivered, which has no counter code of its own: {@code MDG-OFFICE-001}.
     */
    public Plan plan(Optional<Certificate> current, Instant now) {
        if (current.isEmpty()) {
            return new IssueNew(IssueNew.Reason.NO_CERTIFICATE, List.of());
        }
        Certificate cert = current.get();
        return switch (cert.status()) {
            case REVOKED -> new IssueNew(IssueNew.Reason.REVOKED, List.of());
            case EXPIRED -> expired();
            case ON_HOLD -> new Refused(Refusal.of(cert.holdReason().orElseThrow() == CertHoldReason.CARD_SUSPENDED
                    ? CounterFailure.CARD_SUSPENDED : CounterFailure.OFFICE_NOT_PERMITTED));
            case VALID -> validPlan(cert, now);
        };
    }

    private Plan validPlan(Certificate cert, Instant now) {
        RenewalWindow window = validity.certificateRenewalWindow(cert.notAfter());
        return switch (window.phaseAt(now)) {
            case BEFORE_WINDOW -> new Refused(Refusal.of(CounterFailure.CERT_WINDOW_NOT_OPEN,
                    "opensOn", window.opensOn(), "expiry", window.expiresOn()));
            case OPEN -> new Renew(cert, window);
            case EXPIRED -> expired();
        };
    }

    private static IssueNew expired() {
        return new IssueNew(IssueNew.Reason.EXPIRED, List.of(Notice.of(Notice.Kind.SWITCH_TO_ISSUE)));
    }
}
