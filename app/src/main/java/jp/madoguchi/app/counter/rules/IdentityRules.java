package jp.madoguchi.app.counter.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.AuthorityProof;
import jp.madoguchi.app.counter.domain.DocumentClass;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.LegalRepresentative;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.common.CounterFailure;

/**
 * Identity checks by operation and visitor type (counter-rules §2.0, PR-12 to PR-17, PR-34, N31):
 * which documents, proofs and proxy papers suffice. Refusals: missing documents, proofs, legal
 * representative or authority → {@code MDG-ID-001 {rule}}; proxy papers missing or out of date →
 * {@code MDG-PROXY-001}; an opened answer envelope → {@code MDG-PROXY-002}. Stateless and thread-safe.
 */
public final class IdentityRules {

    /** 運転経歴証明書 counts as class A only when issued on or after this day (§2.0). */
    public static final LocalDate DRIVING_HISTORY_CLASS_A_FROM = LocalDate.of(2012, 4, 1);

    /** PR-34: an inquiry sheet is valid this many days after visit 1. */
    public static final int INQUIRY_SHEET_VALID_DAYS = 30;

    /** N31: a 戸籍 certificate proves authority for this many months after issue. */
    public static final int KOSEKI_VALID_MONTHS = 3;

    /** The operation groups of the §2.0 identity table (plus PR-58's old-card collection). */
    public enum Route {
        DELIVERY, PIN_AND_SUSPENSION, CERTIFICATE, LOSS, ANNOTATION, OLD_CARD_COLLECTION
    }

    /** What is missing, named in {@code MDG-ID-001}'s {@code {rule}}. */
    public enum Requirement implements CounterTexts.Labelled {
        A1_OR_B2, ONE_DOCUMENT, A2_OR_AB, A2_OR_AB_OR_B3_WITH_PHOTO, PHOTO_ID, CARD, FACE_CHECK, JUKI_PIN, CERT_PINS,
        AUTHORITY_PROOF, LEGAL_REPRESENTATIVE;

        @Override
        public String labelKey() {
            return "requirement." + name();
        }
    }

    /**
     * The case to judge.
     *
     * @param operation             the operation
     * @param check                 what the clerk recorded
     * @param holderBirthDate       the holder's birth date (under 15: a legal representative acts, N18)
     * @param today                 the JST day of the visit
     * @param cardHasPhoto          whether the card has a photo (infants' cards have none: documents only)
     * @param certificateStillValid for a renewal by proxy with the expiry envelope: the certificate is still valid
     */
    public record Situation(Operation operation, IdentityCheck check, LocalDate holderBirthDate, LocalDate today,
                            boolean cardHasPhoto, boolean certificateStillValid) {
        public Situation {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(holderBirthDate, "holderBirthDate");
            Objects.requireNonNull(today, "today");
        }
    }

    /** Documents that count on the day, by class. */
    public record DocumentCount(int classA, int classB, int classBWithPhoto) {

        boolean meets(Requirement requirement) {
            return switch (requirement) {
                case A1_OR_B2 -> classA >= 1 || classB >= 2;
                case ONE_DOCUMENT -> classA + classB >= 1;
                case A2_OR_AB -> classA >= 2 || (classA >= 1 && classB >= 1);
                case A2_OR_AB_OR_B3_WITH_PHOTO -> meets(Requirement.A2_OR_AB) || (classB >= 3 && classBWithPhoto >= 1);
                case PHOTO_ID -> classA >= 1;
                default -> throw new IllegalArgumentException(requirement + " is not a document requirement");
            };
        }
    }

    /** The §2.0 row an operation uses; empty for operations counter-rules gives no identity rule (intake, return, supervisory work). */
    public static Optional<Route> routeOf(Operation operation) {
        return Optional.ofNullable(switch (operation) {
            case DELIVERY -> Route.DELIVERY;
            case PIN_RESET, PIN_CHANGE, SUSPENSION_LIFT -> Route.PIN_AND_SUSPENSION;
            case CERT_RENEWAL, CERT_ISSUE -> Route.CERTIFICATE;
            case LOSS_REVOCATION -> Route.LOSS;
            case ANNOTATION, CONTINUED_USE, OVERSEAS_CONVERSION -> Route.ANNOTATION;
            case OLD_CARD_COLLECTION -> Route.OLD_CARD_COLLECTION;
            default -> null;
        });
    }

    /**
     * The class a document counts as on {@code today}, or empty when it does not count: expired
     * (PR-12), a class-B document showing only the name, or a 運転経歴証明書 from before 2012-04-01
     * (which then counts as class B, since it shows name and birth date).
     */
    public static Optional<DocumentClass> countsAs(IdentityDocument document, LocalDate today) {
        if (document.validUntil().filter(until -> until.isBefore(today)).isPresent()) {
            return Optional.empty();
        }
        DocumentClass nominal = document.type().nominalClass();
        if (document.type() == DocumentType.DRIVING_HISTORY_CERTIFICATE
                && document.issuedOn().filter(d -> !d.isBefore(DRIVING_HISTORY_CLASS_A_FROM)).isEmpty()) {
            nominal = DocumentClass.ID_B;
        }
        if (nominal == DocumentClass.ID_B && !document.showsBirthDateOrAddress()) {
            return Optional.empty();
        }
        return Optional.of(nominal);
    }

    public static DocumentCount count(List<IdentityDocument> documents, LocalDate today) {
        int a = 0;
        int b = 0;
        int bPhoto = 0;
        for (IdentityDocument d : documents) {
            Optional<DocumentClass> cls = countsAs(d, today);
            if (cls.isEmpty()) {
                continue;
            }
            if (cls.get() == DocumentClass.ID_A) {
                a++;
            } else {
                b++;
                if (d.hasPhoto()) {
                    bPhoto++;
                }
            }
        }
        return new DocumentCount(a, b, bPhoto);
    }

    /**
     * Judges the identity check for the operation. Throws {@link IllegalArgumentException} for an
     * operation without a §2.0 rule ({@link #routeOf} is empty): the caller never asks for those.
     *
     * @return the first refusal, or empty when the check suffices
     */
    /**
     * Visit 1 of the two-visit proxy route (§2.0 table, §2.2): a voluntary proxy (MDG-PROXY-001
     * otherwise) with their own A×2 or A+B (MDG-ID-001); the card and the sealed answer come at visit 2.
     */
    public Optional<Refusal> checkInquiryVisit(IdentityCheck check, LocalDate today) {
        if (check.visitorType() != VisitorType.VOLUNTARY_PROXY) {
            return proxyRefusal();
        }
        return docs(count(check.visitorDocuments(), today), Requirement.A2_OR_AB);
    }

    public Optional<Refusal> check(Situation s) {
        Route route = routeOf(s.operation())
                .orElseThrow(() -> new IllegalArgumentException("counter-rules §2.0 has no identity rule for " + s.operation()));
        IdentityCheck c = s.check();
        boolean under15 = ValidityRules.isUnder15(s.holderBirthDate(), s.today());
        return switch (c.visitorType()) {
            case HOLDER -> holder(route, s, under15);
            case HOLDER_WITH_LEGAL_REP, LEGAL_REP -> legalRep(route, s);
            case SAME_HOUSEHOLD -> sameHousehold(route, s);
            case VOLUNTARY_PROXY -> voluntaryProxy(route, s);
        };
    }

    private Optional<Refusal> holder(Route route, Situation s, boolean under15) {
        IdentityCheck c = s.check();
        if (under15 && route != Route.OLD_CARD_COLLECTION) {
            return missing(Requirement.LEGAL_REPRESENTATIVE);
        }
        DocumentCount docs = count(c.holderDocuments(), s.today());
        return switch (route) {
            case DELIVERY -> first(docs(docs, Requirement.A1_OR_B2), faceCheck(s));
            case PIN_AND_SUSPENSION -> first(proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD),
                    docs(docs, Requirement.ONE_DOCUMENT), faceCheck(s), suspensionPin(s));
            case CERTIFICATE -> first(proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD), faceCheck(s),
                    proof(c, PossessionProof.JUKI_PIN_VERIFIED, Requirement.JUKI_PIN), renewalPins(s));
            case LOSS -> docs(docs, Requirement.A1_OR_B2);
            case ANNOTATION -> first(proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD),
                    proof(c, PossessionProof.JUKI_PIN_VERIFIED, Requirement.JUKI_PIN), docs(docs, Requirement.A1_OR_B2));
            case OLD_CARD_COLLECTION -> docs(docs, Requirement.ONE_DOCUMENT);
        };
    }

    private Optional<Refusal> legalRep(Route route, Situation s) {
        IdentityCheck c = s.check();
        boolean holderAbsent = c.visitorType() == VisitorType.LEGAL_REP;
        if (route == Route.DELIVERY && holderAbsent) {
            // PR-17: without the holder, a legal representative collects by the voluntary-proxy route.
            return deliveryByProxy(s);
        }
        if (c.legalRepresentative().isEmpty()) {
            return missing(Requirement.LEGAL_REPRESENTATIVE);
        }
        Optional<Refusal> authority = authority(c.legalRepresentative().get(), s.today());
        if (authority.isPresent()) {
            return authority;
        }
        DocumentCount rep = count(c.visitorDocuments(), s.today());
        DocumentCount holder = count(c.holderDocuments(), s.today());
        return switch (route) {
            case DELIVERY -> first(docs(rep, Requirement.A1_OR_B2), faceCheck(s));
            case PIN_AND_SUSPENSION -> first(proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD),
                    docs(holder, Requirement.ONE_DOCUMENT), docs(rep, Requirement.A2_OR_AB), suspensionPin(s));
            case CERTIFICATE -> first(proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD), docs(rep, Requirement.PHOTO_ID));
            case LOSS -> docs(rep, Requirement.A1_OR_B2);
            case ANNOTATION -> first(proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD),
                    proof(c, PossessionProof.JUKI_PIN_VERIFIED, Requirement.JUKI_PIN), docs(rep, Requirement.A1_OR_B2));
            case OLD_CARD_COLLECTION -> docs(rep, Requirement.ONE_DOCUMENT);
        };
    }

    private Optional<Refusal> sameHousehold(Route route, Situation s) {
        IdentityCheck c = s.check();
        DocumentCount member = count(c.visitorDocuments(), s.today());
        if (route == Route.ANNOTATION) {
            return first(proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD),
                    proof(c, PossessionProof.JUKI_PIN_VERIFIED, Requirement.JUKI_PIN), docs(member, Requirement.A1_OR_B2));
        }
        if (route == Route.CERTIFICATE && s.operation() == Operation.CERT_ISSUE) {
            // §2.4: same day during the address procedure, with a sealed 委任状.
            return first(paper(c.proxy().powerOfAttorney() && c.proxy().pinsConcealed()),
                    proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD), docs(member, Requirement.A2_OR_AB));
        }
        // Elsewhere a household member who is not the legal representative acts as a voluntary proxy.
        return voluntaryProxy(route, s);
    }

    private Optional<Refusal> voluntaryProxy(Route route, Situation s) {
        IdentityCheck c = s.check();
        DocumentCount proxy = count(c.visitorDocuments(), s.today());
        return switch (route) {
            case DELIVERY -> deliveryByProxy(s);
            case PIN_AND_SUSPENSION -> first(twoVisitAnswer(c.proxy(), s.today()),
                    proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD), docs(proxy, Requirement.A2_OR_AB));
            case CERTIFICATE -> first(certificateAnswer(s), proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD),
                    docs(proxy, Requirement.A2_OR_AB));
            case LOSS -> first(paper(c.proxy().powerOfAttorney()), docs(proxy, Requirement.A1_OR_B2));
            case ANNOTATION -> first(paper(c.proxy().powerOfAttorney() && c.proxy().pinsConcealed()),
                    proof(c, PossessionProof.CARD_PRESENTED, Requirement.CARD),
                    proof(c, PossessionProof.JUKI_PIN_VERIFIED, Requirement.JUKI_PIN), docs(proxy, Requirement.A1_OR_B2));
            case OLD_CARD_COLLECTION -> docs(proxy, Requirement.ONE_DOCUMENT);
        };
    }

    private Optional<Refusal> deliveryByProxy(Situation s) {
        IdentityCheck c = s.check();
        ProxyPaperwork p = c.proxy();
        return first(reason(p, s), paper(p.noticeBackCompleted() && p.pinsConcealed()),
                docs(count(c.holderDocuments(), s.today()), Requirement.A2_OR_AB_OR_B3_WITH_PHOTO),
                docs(count(c.visitorDocuments(), s.today()), Requirement.A2_OR_AB));
    }

    /**
     * A proxy reason from the §2.0 list with its evidence; {@code AGE_75_PLUS} is proved by the holder's
     * birth date instead (N21).
     */
    private static Optional<Refusal> reason(ProxyPaperwork p, Situation s) {
        if (p.reason().isEmpty()) {
            return proxyRefusal();
        }
        if (p.reason().get() == ProxyReason.AGE_75_PLUS) {
            return ValidityRules.ageOn(s.holderBirthDate(), s.today()) >= 75 ? Optional.empty() : proxyRefusal();
        }
        return p.evidence().isEmpty() ? proxyRefusal() : Optional.empty();
    }

    /** Visit 2 of the two-visit route: an answer to a sheet from an earlier day, within 30 days, unopened. */
    private static Optional<Refusal> twoVisitAnswer(ProxyPaperwork p, LocalDate today) {
        if (p.inquirySheet().isEmpty() || p.sealedAnswer().isEmpty()
                || p.sealedAnswer().get().source() != ProxyPaperwork.SealedAnswer.Source.INQUIRY_SHEET) {
            return proxyRefusal();
        }
        LocalDate visit1 = p.inquirySheet().get().issuedOn();
        if (!visit1.isBefore(today) || today.isAfter(visit1.plusDays(INQUIRY_SHEET_VALID_DAYS))) {
            return proxyRefusal();
        }
        return unopened(p);
    }

    /**
     * Certificate work by proxy: the expiry envelope's sealed answer on a day the certificate is still
     * valid (renewal only), otherwise the two-visit route.
     */
    private static Optional<Refusal> certificateAnswer(Situation s) {
        ProxyPaperwork p = s.check().proxy();
        boolean envelope = p.sealedAnswer().map(a -> a.source() == ProxyPaperwork.SealedAnswer.Source.EXPIRY_ENVELOPE)
                .orElse(false);
        if (envelope) {
            if (s.operation() != Operation.CERT_RENEWAL || !s.certificateStillValid()) {
                return proxyRefusal();
            }
            return unopened(p);
        }
        return twoVisitAnswer(p, s.today());
    }

    private static Optional<Refusal> unopened(ProxyPaperwork p) {
        return p.sealedAnswer().orElseThrow().unopened()
                ? Optional.empty() : Optional.of(Refusal.of(CounterFailure.PROXY_ENVELOPE_OPENED));
    }

    /** Proof of authority: 戸籍 within 3 months (N31), 成年後見登記事項証明書, or a ground for none. */
    static Optional<Refusal> authority(LegalRepresentative rep, LocalDate today) {
        AuthorityProof proof = rep.proof();
        boolean ok = switch (proof.kind()) {
            case KOSEKI_CERTIFICATE -> !proof.issuedOn().orElseThrow().plusMonths(KOSEKI_VALID_MONTHS).isBefore(today);
            case GUARDIANSHIP_REGISTRY_CERTIFICATE, NOT_NEEDED_SAME_HOUSEHOLD, NOT_NEEDED_DOMICILE_HERE -> true;
            case NONE -> false;
        };
        return ok ? Optional.empty() : missing(Requirement.AUTHORITY_PROOF);
    }

    private static Optional<Refusal> faceCheck(Situation s) {
        return s.cardHasPhoto() ? proof(s.check(), PossessionProof.FACE_CHECKED, Requirement.FACE_CHECK) : Optional.empty();
    }

    /** PR-14: entry of the 住基用 PIN proves possession at a suspension lift. */
    private static Optional<Refusal> suspensionPin(Situation s) {
        return s.operation() == Operation.SUSPENSION_LIFT
                ? proof(s.check(), PossessionProof.JUKI_PIN_VERIFIED, Requirement.JUKI_PIN) : Optional.empty();
    }

    /** §2.3 step 2: a renewal also verifies the current certificate PINs (a new issuance has none). */
    private static Optional<Refusal> renewalPins(Situation s) {
        return s.operation() == Operation.CERT_RENEWAL
                ? proof(s.check(), PossessionProof.CERT_PINS_VERIFIED, Requirement.CERT_PINS) : Optional.empty();
    }

    private static Optional<Refusal> proof(IdentityCheck c, PossessionProof proof, Requirement requirement) {
        return c.proofs().contains(proof) ? Optional.empty() : missing(requirement);
    }

    private static Optional<Refusal> docs(DocumentCount count, Requirement requirement) {
        return count.meets(requirement) ? Optional.empty() : missing(requirement);
    }

    private static Optional<Refusal> paper(boolean ok) {
        return ok ? Optional.empty() : proxyRefusal();
    }

    private static Optional<Refusal> missing(Requirement requirement) {
        return Optional.of(Refusal.of(CounterFailure.ID_INSUFFICIENT, "rule", requirement));
    }

    private static Optional<Refusal> proxyRefusal() {
        return Optional.of(Refusal.of(CounterFailure.PROXY_REQUIREMENTS));
    }

    @SafeVarargs
    private static Optional<Refusal> first(Optional<Refusal>... checks) {
        for (Optional<Refusal> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
