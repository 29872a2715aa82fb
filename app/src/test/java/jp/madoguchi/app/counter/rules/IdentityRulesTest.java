package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.madoguchi.app.counter.domain.AuthorityProof;
import jp.madoguchi.app.counter.domain.DocumentClass;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.InquirySheet;
import jp.madoguchi.app.counter.domain.LegalRepresentative;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PersonName;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyEvidence;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.ProxyReason;
import jp.madoguchi.app.counter.domain.VisitorType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * counter-rules §2.0's identity table, case by case. Columns: operation | visitor | holder's documents |
 * visitor's documents | proofs | legal representative | proxy papers | holder's age | card has photo |
 * expected ("ok", a code, or MDG-ID-001:requirement).
 *
 * <p>Documents: A = passport, B = health insurance card, Bp = student ID with photo, Ax = expired
 * passport, Bn = a name-only document, Dnew/Dold = 運転経歴証明書 issued after/before 2012-04-01.
 * Legal representative: koseki (1 month old), kosekiOld (4 months), guardianship, ward (adult ward),
 * noproof. Proxy papers: reason:R, evidence, back, concealed, poa, sheet:N (visit 1 N days ago),
 * answer:sheet|envelope, opened, certValid.
 */
class IdentityRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private final IdentityRules rules = new IdentityRules();

    @ParameterizedTest(name = "[{index}] {0} {1} holder[{2}] visitor[{3}] {4} {5} {6} age {7} → {9}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            DELIVERY          | HOLDER                | A          | -      | face             | -            | -                                       | 40 | true  | ok
            DELIVERY          | HOLDER                | B B        | -      | face             | -            | -                                       | 40 | true  | ok
            DELIVERY          | HOLDER                | B          | -      | face             | -            | -                                       | 40 | true  | MDG-ID-001:A1_OR_B2
            DELIVERY          | HOLDER                | Ax         | -      | face             | -            | -                                       | 40 | true  | MDG-ID-001:A1_OR_B2
            DELIVERY          | HOLDER                | Ax B B     | -      | face             | -            | -                                       | 40 | true  | ok
            DELIVERY          | HOLDER                | B Bn       | -      | face             | -            | -                                       | 40 | true  | MDG-ID-001:A1_OR_B2
            DELIVERY          | HOLDER                | Dnew       | -      | face             | -            | -                                       | 40 | true  | ok
            DELIVERY          | HOLDER                | Dold       | -      | face             | -            | -                                       | 40 | true  | MDG-ID-001:A1_OR_B2
            DELIVERY          | HOLDER                | Dold B     | -      | face             | -            | -                                       | 40 | true  | ok
            DELIVERY          | HOLDER                | A          | -      | -                | -            | -                                       | 40 | true  | MDG-ID-001:FACE_CHECK
            DELIVERY          | HOLDER                | B B        | -      | -                | -            | -                                       | 0  | false | MDG-ID-001:LEGAL_REPRESENTATIVE
            DELIVERY          | HOLDER                | A          | -      | face             | -            | -                                       | 14 | true  | MDG-ID-001:LEGAL_REPRESENTATIVE
            DELIVERY          | HOLDER                | A          | -      | face             | -            | -                                       | 15 | true  | ok
            DELIVERY          | HOLDER_WITH_LEGAL_REP | -          | A      | face             | koseki       | -                                       | 10 | true  | ok
            DELIVERY          | HOLDER_WITH_LEGAL_REP | -          | B B    | -                | koseki       | -                                       | 0  | false | ok
            DELIVERY          | HOLDER_WITH_LEGAL_REP | -          | A      | face             | kosekiOld    | -                                       | 10 | true  | MDG-ID-001:AUTHORITY_PROOF
            DELIVERY          | HOLDER_WITH_LEGAL_REP | -          | A      | face             | noproof      | -                                       | 10 | true  | MDG-ID-001:AUTHORITY_PROOF
            DELIVERY          | HOLDER_WITH_LEGAL_REP | -          | A      | face             | -            | -                                       | 10 | true  | MDG-ID-001:LEGAL_REPRESENTATIVE
            DELIVERY          | HOLDER_WITH_LEGAL_REP | -          | B      | face             | koseki       | -                                       | 10 | true  | MDG-ID-001:A1_OR_B2
            DELIVERY          | HOLDER_WITH_LEGAL_REP | -          | B B    | face             | ward         | -                                       | 40 | true  | ok
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A B    | -                | -            | reason:HOSPITAL evidence back concealed | 40 | true  | ok
            DELIVERY          | VOLUNTARY_PROXY       | A B        | A A    | -                | -            | reason:HOSPITAL evidence back concealed | 40 | true  | ok
            DELIVERY          | VOLUNTARY_PROXY       | B B Bp     | A B    | -                | -            | reason:HOSPITAL evidence back concealed | 40 | true  | ok
            DELIVERY          | VOLUNTARY_PROXY       | B B B      | A B    | -                | -            | reason:HOSPITAL evidence back concealed | 40 | true  | MDG-ID-001:A2_OR_AB_OR_B3_WITH_PHOTO
            DELIVERY          | VOLUNTARY_PROXY       | A          | A B    | -                | -            | reason:HOSPITAL evidence back concealed | 40 | true  | MDG-ID-001:A2_OR_AB_OR_B3_WITH_PHOTO
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A      | -                | -            | reason:HOSPITAL evidence back concealed | 40 | true  | MDG-ID-001:A2_OR_AB
            DELIVERY          | VOLUNTARY_PROXY       | A A        | B B    | -                | -            | reason:HOSPITAL evidence back concealed | 40 | true  | MDG-ID-001:A2_OR_AB
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A B    | -                | -            | evidence back concealed                 | 40 | true  | MDG-PROXY-001
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A B    | -                | -            | reason:HOSPITAL back concealed          | 40 | true  | MDG-PROXY-001
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A B    | -                | -            | reason:HOSPITAL evidence concealed      | 40 | true  | MDG-PROXY-001
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A B    | -                | -            | reason:HOSPITAL evidence back           | 40 | true  | MDG-PROXY-001
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A B    | -                | -            | reason:AGE_75_PLUS back concealed       | 80 | true  | ok
            DELIVERY          | VOLUNTARY_PROXY       | A A        | A B    | -                | -            | reason:AGE_75_PLUS back concealed       | 74 | true  | MDG-PROXY-001
            DELIVERY          | LEGAL_REP             | A A        | A B    | -                | koseki       | reason:PRESCHOOL_OR_PUPIL evidence back concealed | 5 | true | ok
            DELIVERY          | LEGAL_REP             | A A        | A B    | -                | koseki       | back concealed                          | 5  | true  | MDG-PROXY-001
            PIN_RESET         | HOLDER                | B          | -      | card face        | -            | -                                       | 40 | true  | ok
            PIN_RESET         | HOLDER                | -          | -      | card face        | -            | -                                       | 40 | true  | MDG-ID-001:ONE_DOCUMENT
            PIN_RESET         | HOLDER                | A          | -      | face             | -            | -                                       | 40 | true  | MDG-ID-001:CARD
            PIN_RESET         | HOLDER                | A          | -      | card             | -            | -                                       | 40 | true  | MDG-ID-001:FACE_CHECK
            PIN_CHANGE        | HOLDER                | A          | -      | card face        | -            | -                                       | 14 | true  | MDG-ID-001:LEGAL_REPRESENTATIVE
            SUSPENSION_LIFT   | HOLDER                | A          | -      | card face        | -            | -                                       | 40 | true  | MDG-ID-001:JUKI_PIN
            SUSPENSION_LIFT   | HOLDER                | A          | -      | card face juki   | -            | -                                       | 40 | true  | ok
            PIN_RESET         | LEGAL_REP             | B          | A B    | card             | koseki       | -                                       | 10 | true  | ok
            PIN_RESET         | LEGAL_REP             | B          | A      | card             | koseki       | -                                       | 10 | true  | MDG-ID-001:A2_OR_AB
            PIN_RESET         | LEGAL_REP             | -          | A B    | card             | koseki       | -                                       | 10 | true  | MDG-ID-001:ONE_DOCUMENT
            PIN_RESET         | HOLDER_WITH_LEGAL_REP | B          | A A    | card             | guardianship | -                                       | 40 | true  | ok
            SUSPENSION_LIFT   | LEGAL_REP             | B          | A B    | card             | koseki       | -                                       | 10 | true  | MDG-ID-001:JUKI_PIN
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A A    | card             | -            | sheet:7 answer:sheet                    | 40 | true  | ok
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A A    | card             | -            | sheet:30 answer:sheet                   | 40 | true  | ok
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A A    | card             | -            | sheet:31 answer:sheet                   | 40 | true  | MDG-PROXY-001
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A A    | card             | -            | sheet:0 answer:sheet                    | 40 | true  | MDG-PROXY-001
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A A    | card             | -            | sheet:7                                 | 40 | true  | MDG-PROXY-001
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A A    | card             | -            | sheet:7 answer:sheet opened             | 40 | true  | MDG-PROXY-002
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A A    | card             | -            | answer:envelope                         | 40 | true  | MDG-PROXY-001
            PIN_RESET         | VOLUNTARY_PROXY       | -          | A B    | -                | -            | sheet:7 answer:sheet                    | 40 | true  | MDG-ID-001:CARD
            PIN_RESET         | VOLUNTARY_PROXY       | -          | B B    | card             | -            | sheet:7 answer:sheet                    | 40 | true  | MDG-ID-001:A2_OR_AB
            PIN_RESET         | SAME_HOUSEHOLD        | -          | A A    | card             | -            | sheet:7 answer:sheet                    | 40 | true  | ok
            PIN_RESET         | SAME_HOUSEHOLD        | -          | A A    | card             | -            | -                                       | 40 | true  | MDG-PROXY-001
            CERT_RENEWAL      | HOLDER                | -          | -      | card face juki cert | -         | -                                       | 40 | true  | ok
            CERT_RENEWAL      | HOLDER                | -          | -      | card face juki   | -            | -                                       | 40 | true  | MDG-ID-001:CERT_PINS
            CERT_RENEWAL      | HOLDER                | -          | -      | card juki cert   | -            | -                                       | 40 | true  | MDG-ID-001:FACE_CHECK
            CERT_ISSUE        | HOLDER                | -          | -      | card face juki   | -            | -                                       | 40 | true  | ok
            CERT_ISSUE        | HOLDER                | -          | -      | card face        | -            | -                                       | 40 | true  | MDG-ID-001:JUKI_PIN
            CERT_ISSUE        | HOLDER                | -          | -      | card face juki   | -            | -                                       | 12 | true  | MDG-ID-001:LEGAL_REPRESENTATIVE
            CERT_RENEWAL      | LEGAL_REP             | -          | A      | card             | koseki       | -                                       | 12 | true  | ok
            CERT_RENEWAL      | LEGAL_REP             | -          | B B    | card             | koseki       | -                                       | 12 | true  | MDG-ID-001:PHOTO_ID
            CERT_RENEWAL      | LEGAL_REP             | -          | A      | -                | koseki       | -                                       | 12 | true  | MDG-ID-001:CARD
            CERT_RENEWAL      | VOLUNTARY_PROXY       | -          | A B    | card             | -            | answer:envelope certValid               | 40 | true  | ok
            CERT_RENEWAL      | VOLUNTARY_PROXY       | -          | A B    | card             | -            | answer:envelope certValid opened        | 40 | true  | MDG-PROXY-002
            CERT_RENEWAL      | VOLUNTARY_PROXY       | -          | A B    | card             | -            | answer:envelope                         | 40 | true  | MDG-PROXY-001
            CERT_ISSUE        | VOLUNTARY_PROXY       | -          | A B    | card             | -            | answer:envelope certValid               | 40 | true  | MDG-PROXY-001
            CERT_ISSUE        | VOLUNTARY_PROXY       | -          | A B    | card             | -            | sheet:5 answer:sheet                    | 40 | true  | ok
            CERT_RENEWAL      | VOLUNTARY_PROXY       | -          | A      | card             | -            | answer:envelope certValid               | 40 | true  | MDG-ID-001:A2_OR_AB
            CERT_ISSUE        | SAME_HOUSEHOLD        | -          | A B    | card             | -            | poa concealed                           | 40 | true  | ok
            CERT_ISSUE        | SAME_HOUSEHOLD        | -          | A B    | card             | -            | poa                                     | 40 | true  | MDG-PROXY-001
            CERT_RENEWAL      | SAME_HOUSEHOLD        | -          | A B    | card             | -            | poa concealed                           | 40 | true  | MDG-PROXY-001
            LOSS_REVOCATION   | HOLDER                | A          | -      | -                | -            | -                                       | 40 | true  | ok
            LOSS_REVOCATION   | HOLDER                | B          | -      | -                | -            | -                                       | 40 | true  | MDG-ID-001:A1_OR_B2
            LOSS_REVOCATION   | LEGAL_REP             | -          | B B    | -                | guardianship | -                                       | 40 | true  | ok
            LOSS_REVOCATION   | LEGAL_REP             | -          | B B    | -                | noproof      | -                                       | 40 | true  | MDG-ID-001:AUTHORITY_PROOF
            LOSS_REVOCATION   | VOLUNTARY_PROXY       | -          | A      | -                | -            | poa                                     | 40 | true  | ok
            LOSS_REVOCATION   | VOLUNTARY_PROXY       | -          | A      | -                | -            | -                                       | 40 | true  | MDG-PROXY-001
            ANNOTATION        | HOLDER                | A          | -      | card juki        | -            | -                                       | 40 | true  | ok
            ANNOTATION        | HOLDER                | A          | -      | card             | -            | -                                       | 40 | true  | MDG-ID-001:JUKI_PIN
            CONTINUED_USE     | HOLDER                | B B        | -      | card juki        | -            | -                                       | 40 | true  | ok
            OVERSEAS_CONVERSION | HOLDER              | B          | -      | card juki        | -            | -                                       | 40 | true  | MDG-ID-001:A1_OR_B2
            ANNOTATION        | SAME_HOUSEHOLD        | -          | B B    | card juki        | -            | -                                       | 40 | true  | ok
            ANNOTATION        | LEGAL_REP             | -          | A      | card juki        | koseki       | -                                       | 10 | true  | ok
            ANNOTATION        | VOLUNTARY_PROXY       | -          | A      | card juki        | -            | poa concealed                           | 40 | true  | ok
            ANNOTATION        | VOLUNTARY_PROXY       | -          | A      | card juki        | -            | poa                                     | 40 | true  | MDG-PROXY-001
            OLD_CARD_COLLECTION | HOLDER              | B          | -      | -                | -            | -                                       | 40 | true  | ok
            OLD_CARD_COLLECTION | HOLDER              | B          | -      | -                | -            | -                                       | 10 | true  | ok
            OLD_CARD_COLLECTION | HOLDER              | -          | -      | -                | -            | -                                       | 40 | true  | MDG-ID-001:ONE_DOCUMENT
            """)
    void identity_table(Operation operation, VisitorType visitor, String holderDocs, String visitorDocs, String proofs,
                        String legalRep, String proxy, int age, boolean cardHasPhoto, String expected) {
        Proxy p = proxy(proxy);
        IdentityCheck check = new IdentityCheck(visitor, documents(holderDocs), documents(visitorDocs), proofs(proofs),
                legalRep(legalRep), p.paperwork);
        IdentityRules.Situation s = new IdentityRules.Situation(operation, check, TODAY.minusYears(age), TODAY, cardHasPhoto,
                p.certValid);
        Optional<Refusal> result = rules.check(s);
        assertThat(result.map(IdentityRulesTest::describe).orElse("ok")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} has no §2.0 identity rule")
    @EnumSource(value = Operation.class, names = {"DOMESTIC_APPLICATION", "OVERSEAS_APPLICATION", "CARD_RETURN", "TRAINING_MODE",
            "DAILY_TALLY_CLOSE", "STOCK_RECEIPT"})
    void operations_without_an_identity_rule(Operation operation) {
        assertThat(IdentityRules.routeOf(operation)).isEmpty();
        IdentityCheck check = IdentityCheck.holder(List.of(), Set.of());
        assertThatThrownBy(() -> rules.check(new IdentityRules.Situation(operation, check, TODAY.minusYears(40), TODAY, true, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void koseki_is_valid_for_three_months_to_the_day() {
        LegalRepresentative fresh = new LegalRepresentative(new PersonName("試験　太郎"), AuthorityProof.koseki(TODAY.minusMonths(3)), false);
        LegalRepresentative stale = new LegalRepresentative(new PersonName("試験　太郎"),
                AuthorityProof.koseki(TODAY.minusMonths(3).minusDays(1)), false);
        assertThat(IdentityRules.authority(fresh, TODAY)).isEmpty();
        assertThat(IdentityRules.authority(stale, TODAY)).map(IdentityRulesTest::describe).contains("MDG-ID-001:AUTHORITY_PROOF");
    }

    @Test
    void refusal_names_the_missing_rule_in_both_languages() {
        IdentityCheck check = IdentityCheck.holder(documents("B"), proofs("face"));
        Refusal r = rules.check(new IdentityRules.Situation(Operation.DELIVERY, check, TODAY.minusYears(40), TODAY, true, false))
                .orElseThrow();
        assertThat(r.message(Locale.JAPANESE)).isEqualTo("本人確認書類が不足しています（必要：A書類1点またはB書類2点）。");
        assertThat(r.message(Locale.ENGLISH)).isEqualTo("ID insufficient (one class-A or two class-B documents).");
    }

    @Test
    void id_method_lists_classes_never_numbers() {
        IdentityCheck check = new IdentityCheck(VisitorType.VOLUNTARY_PROXY, documents("A B"), documents("A"), Set.of(),
                Optional.empty(), ProxyPaperwork.none());
        assertThat(check.idMethod()).containsExactly(DocumentClass.ID_A, DocumentClass.ID_B, DocumentClass.ID_A);
    }

    @Test
    void adult_ward_is_recorded_only_from_a_guardianship_certificate() {
        assertThatThrownBy(() -> new LegalRepresentative(new PersonName("試験　太郎"), AuthorityProof.koseki(TODAY), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new IdentityCheck(VisitorType.HOLDER_WITH_LEGAL_REP, List.of(), List.of(), Set.of(), legalRep("ward"),
                ProxyPaperwork.none()).adultWard()).isTrue();
    }

    /**
     * Over random document sets: showing one more document never turns an accepted check into a refusal,
     * and the holder's delivery check accepts exactly the A×1-or-B×2 sets.
     */
    @Property
    void more_documents_never_hurt(@ForAll("documentSpecs") String holderDocs, @ForAll("documentSpecs") String visitorDocs,
                                   @ForAll("documentToken") String extra,
                                   @ForAll("routes") Operation operation, @ForAll VisitorType visitor) {
        Set<PossessionProof> all = EnumSet.allOf(PossessionProof.class);
        Optional<LegalRepresentative> rep = legalRep("koseki");
        ProxyPaperwork papers = proxy("reason:HOSPITAL evidence back concealed poa sheet:3 answer:sheet").paperwork;
        IdentityCheck before = new IdentityCheck(visitor, documents(holderDocs), documents(visitorDocs), all, rep, papers);
        IdentityCheck after = new IdentityCheck(visitor, documents(holderDocs + " " + extra), documents(visitorDocs + " " + extra),
                all, rep, papers);
        LocalDate born = TODAY.minusYears(40);
        boolean okBefore = rules.check(new IdentityRules.Situation(operation, before, born, TODAY, true, true)).isEmpty();
        boolean okAfter = rules.check(new IdentityRules.Situation(operation, after, born, TODAY, true, true)).isEmpty();
        if (okBefore) {
            assertThat(okAfter).isTrue();
        }
        if (operation == Operation.DELIVERY && visitor == VisitorType.HOLDER) {
            IdentityRules.DocumentCount c = IdentityRules.count(documents(holderDocs), TODAY);
            assertThat(okBefore).isEqualTo(c.classA() >= 1 || c.classB() >= 2);
        }
    }

    @Provide
    Arbitrary<String> documentSpecs() {
        return documentToken().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> documentToken() {
        return Arbitraries.of("A", "Ax", "B", "Bp", "Bn", "Dnew", "Dold");
    }

    @Provide
    Arbitrary<Operation> routes() {
        return Arbitraries.of(Operation.DELIVERY, Operation.PIN_RESET, Operation.SUSPENSION_LIFT, Operation.CERT_RENEWAL,
                Operation.CERT_ISSUE, Operation.LOSS_REVOCATION, Operation.ANNOTATION, Operation.OLD_CARD_COLLECTION);
    }

    private static String describe(Refusal r) {
        Object rule = r.params().get("rule");
        return rule == null ? r.code() : r.code() + ":" + ((Enum<?>) rule).name();
    }

    private static List<IdentityDocument> documents(String spec) {
        List<IdentityDocument> docs = new ArrayList<>();
        if (spec == null) {
            return docs;
        }
        for (String token : spec.trim().split("\\s+")) {
            docs.add(switch (token) {
                case "A" -> IdentityDocument.classA(DocumentType.PASSPORT, TODAY.plusYears(3));
                case "Ax" -> IdentityDocument.classA(DocumentType.PASSPORT, TODAY.minusDays(1));
                case "B" -> IdentityDocument.classB(DocumentType.HEALTH_INSURANCE_CERTIFICATE);
                case "Bp" -> new IdentityDocument(DocumentType.STUDENT_ID, Optional.empty(), Optional.of(TODAY), true, true);
                case "Bn" -> new IdentityDocument(DocumentType.OTHER_B, Optional.empty(), Optional.empty(), false, false);
                case "Dnew" -> new IdentityDocument(DocumentType.DRIVING_HISTORY_CERTIFICATE, Optional.of(LocalDate.of(2012, 4, 1)),
                        Optional.empty(), true, true);
                case "Dold" -> new IdentityDocument(DocumentType.DRIVING_HISTORY_CERTIFICATE, Optional.of(LocalDate.of(2012, 3, 31)),
                        Optional.empty(), true, true);
                default -> throw new IllegalArgumentException(token);
            });
        }
        return docs;
    }

    private static Set<PossessionProof> proofs(String spec) {
        Set<PossessionProof> proofs = EnumSet.noneOf(PossessionProof.class);
        if (spec == null) {
            return proofs;
        }
        for (String token : spec.trim().split("\\s+")) {
            proofs.add(switch (token) {
                case "card" -> PossessionProof.CARD_PRESENTED;
                case "face" -> PossessionProof.FACE_CHECKED;
                case "juki" -> PossessionProof.JUKI_PIN_VERIFIED;
                case "cert" -> PossessionProof.CERT_PINS_VERIFIED;
                default -> throw new IllegalArgumentException(token);
            });
        }
        return proofs;
    }

    private static Optional<LegalRepresentative> legalRep(String spec) {
        if (spec == null) {
            return Optional.empty();
        }
        PersonName name = new PersonName("試験　太郎");
        return Optional.of(switch (spec) {
            case "koseki" -> new LegalRepresentative(name, AuthorityProof.koseki(TODAY.minusMonths(1)), false);
            case "kosekiOld" -> new LegalRepresentative(name, AuthorityProof.koseki(TODAY.minusMonths(4)), false);
            case "guardianship" -> new LegalRepresentative(name, AuthorityProof.of(AuthorityProof.Kind.GUARDIANSHIP_REGISTRY_CERTIFICATE), false);
            case "ward" -> new LegalRepresentative(name, AuthorityProof.of(AuthorityProof.Kind.GUARDIANSHIP_REGISTRY_CERTIFICATE), true);
            case "noproof" -> new LegalRepresentative(name, AuthorityProof.of(AuthorityProof.Kind.NONE), false);
            default -> throw new IllegalArgumentException(spec);
        });
    }

    private record Proxy(ProxyPaperwork paperwork, boolean certValid) {
    }

    private static Proxy proxy(String spec) {
        if (spec == null) {
            return new Proxy(ProxyPaperwork.none(), false);
        }
        Optional<ProxyReason> reason = Optional.empty();
        Set<ProxyEvidence> evidence = EnumSet.noneOf(ProxyEvidence.class);
        boolean back = false;
        boolean concealed = false;
        boolean poa = false;
        boolean opened = false;
        boolean certValid = false;
        Optional<InquirySheet> sheet = Optional.empty();
        Optional<ProxyPaperwork.SealedAnswer.Source> answer = Optional.empty();
        for (String token : spec.trim().split("\\s+")) {
            if (token.startsWith("reason:")) {
                reason = Optional.of(ProxyReason.valueOf(token.substring(7)));
            } else if (token.startsWith("sheet:")) {
                sheet = Optional.of(new InquirySheet("Q-0001", TODAY.minusDays(Integer.parseInt(token.substring(6)))));
            } else if (token.startsWith("answer:")) {
                answer = Optional.of(token.endsWith("sheet") ? ProxyPaperwork.SealedAnswer.Source.INQUIRY_SHEET
                        : ProxyPaperwork.SealedAnswer.Source.EXPIRY_ENVELOPE);
            } else {
                switch (token) {
                    case "evidence" -> evidence.add(ProxyEvidence.MEDICAL_CERTIFICATE);
                    case "back" -> back = true;
                    case "concealed" -> concealed = true;
                    case "poa" -> poa = true;
                    case "opened" -> opened = true;
                    case "certValid" -> certValid = true;
                    default -> throw new IllegalArgumentException(token);
                }
            }
        }
        boolean unopened = !opened;
        return new Proxy(new ProxyPaperwork(reason, evidence, back, concealed, poa, sheet,
                answer.map(src -> new ProxyPaperwork.SealedAnswer(src, unopened))), certValid);
    }

    /** Visit 1 of the two-visit proxy route: a voluntary proxy with their own A×2 or A+B; nothing else. */
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            VOLUNTARY_PROXY | A A | ok
            VOLUNTARY_PROXY | A B | ok
            VOLUNTARY_PROXY | A   | MDG-ID-001
            VOLUNTARY_PROXY | B B | MDG-ID-001
            HOLDER          | A A | MDG-PROXY-001
            LEGAL_REP       | A B | MDG-PROXY-001
            """)
    void inquiry_visit_one(VisitorType visitor, String docs, String expected) {
        List<IdentityDocument> documents = new ArrayList<>();
        for (String d : docs.split(" ")) {
            documents.add(d.equals("A") ? IdentityDocument.classA(DocumentType.PASSPORT, TODAY.plusYears(1))
                    : IdentityDocument.classB(DocumentType.HEALTH_INSURANCE_CERTIFICATE));
        }
        IdentityCheck check = new IdentityCheck(visitor, List.of(), documents, Set.of(), Optional.empty(), ProxyPaperwork.none());
        assertThat(rules.checkInquiryVisit(check, TODAY).map(Refusal::code).orElse("ok")).isEqualTo(expected);
    }
}
