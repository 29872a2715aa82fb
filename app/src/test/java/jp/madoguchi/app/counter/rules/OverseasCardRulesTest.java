package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardLifeCycle;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.CardType;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.FormerSurname;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PersonName;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.Resident;
import jp.madoguchi.app.counter.domain.Sex;
import jp.madoguchi.app.counter.domain.StaffRole;
import jp.madoguchi.app.counter.domain.VisitorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Overseas cards (§2.8) and what a mission may and may not do with them, decided in the order the
 * workflows use: card preconditions (served here), the holder's nationality, then the permission
 * matrix, with the guidance notice for a refusal.
 */
class OverseasCardRulesTest {

    private static final Office MISSION = Fixtures.MISSION;
    private static final LocalDate DEPARTURE = LocalDate.of(2026, 4, 1);
    private static final Instant NOW = Fixtures.jstNoon(LocalDate.of(2026, 11, 26));

    private final OverseasCardRules rules = new OverseasCardRules();
    private final CardPreconditions preconditions = new CardPreconditions(new ValidityRules());
    private final PermissionMatrix matrix = new PermissionMatrix();

    private static Card card(CardStatus status, boolean overseas) {
        return new Card("012345678901234", "APP-1", MISSION.code(), Fixtures.CITY,
                status == CardStatus.ISSUED ? CardLifeCycle.TRANSPORT : CardLifeCycle.OPERATIONAL, status, Optional.empty(), 3,
                CardType.PIN, LocalDate.of(2025, 5, 15), LocalDate.of(2025, 6, 1), LocalDate.of(2035, 5, 1), overseas,
                overseas ? Optional.of(DEPARTURE) : Optional.empty(), false,
                status == CardStatus.ISSUED ? Optional.empty() : Optional.of(LocalDate.of(2025, 7, 1)));
    }

    /** The first refusal at the mission, as "CODE" or "CODE+NOTICE", or "ok" / "ok+approval". */
    private String decide(Operation op, Optional<PinType> pin, Optional<CertKind> kind, CardStatus status, boolean overseas,
                          boolean national, StaffRole role) {
        Card c = card(status, overseas);
        Optional<Refusal> refused = preconditions.check(op, c, MISSION, Optional.empty(), NOW).or(() -> rules.checkHolder(c, national));
        if (refused.isPresent()) {
            return refused.get().code();
        }
        PermissionMatrix.Decision d = matrix.decide(new PermissionMatrix.Query(MISSION, Fixtures.staff(MISSION, role), op,
                VisitorType.HOLDER, pin, kind, overseas, false));
        if (d instanceof PermissionMatrix.Refused r) {
            return r.refusal().code() + rules.missionGuidance(MISSION, op).map(n -> "+" + n.kind()).orElse("");
        }
        return ((PermissionMatrix.Allowed) d).approvalRequired() ? "ok+approval" : "ok";
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} overseas={4} national={5} → {6}")
    @CsvSource(delimiter = '|', textBlock = """
            DELIVERY            | -         | -    | ISSUED    | true  | true  | CLERK      | ok
            DELIVERY            | -         | -    | ISSUED    | false | true  | CLERK      | MDG-CARD-002
            PIN_RESET           | SIGN      | -    | ACTIVE    | true  | true  | CLERK      | ok
            PIN_RESET           | AUTH      | -    | ACTIVE    | true  | true  | CLERK      | ok
            PIN_RESET           | JUKI      | -    | ACTIVE    | true  | true  | CLERK      | ok
            PIN_RESET           | CARD_TEXT | -    | ACTIVE    | true  | true  | SUPERVISOR | ok
            PIN_RESET           | AUTH      | -    | ACTIVE    | false | true  | CLERK      | MDG-CARD-002
            PIN_RESET           | AUTH      | -    | ACTIVE    | true  | false | CLERK      | MDG-CARD-002
            PIN_RESET           | AUTH      | -    | SUSPENDED | true  | true  | CLERK      | MDG-CARD-004
            PIN_CHANGE          | -         | -    | ACTIVE    | true  | true  | CLERK      | MDG-OFFICE-001+MISSION_PIN_CHANGE_AT_DOMICILE
            PIN_CHANGE          | -         | -    | ACTIVE    | true  | true  | SUPERVISOR | MDG-OFFICE-001+MISSION_PIN_CHANGE_AT_DOMICILE
            CERT_RENEWAL        | -         | SIGN | ACTIVE    | true  | true  | CLERK      | MDG-OFFICE-001+MISSION_CERTIFICATES_AT_MUNICIPALITY
            CERT_RENEWAL        | -         | AUTH | ACTIVE    | true  | true  | SUPERVISOR | MDG-OFFICE-001+MISSION_CERTIFICATES_AT_MUNICIPALITY
            CERT_ISSUE          | -         | AUTH | ACTIVE    | true  | true  | CLERK      | MDG-OFFICE-001+MISSION_CERTIFICATES_AT_MUNICIPALITY
            ANNOTATION          | -         | -    | ACTIVE    | true  | true  | CLERK      | MDG-OFFICE-001+MISSION_NEW_CARD_INSTEAD
            CONTINUED_USE       | -         | -    | ACTIVE    | true  | true  | SUPERVISOR | MDG-OFFICE-001+MISSION_NEW_CARD_INSTEAD
            OVERSEAS_CONVERSION | -         | -    | ACTIVE    | true  | true  | CLERK      | MDG-CARD-011
            SUSPENSION_LIFT     | -         | -    | SUSPENDED | true  | true  | CLERK      | ok
            SUSPENSION_LIFT     | -         | -    | SUSPENDED | false | true  | CLERK      | MDG-CARD-002
            CARD_RETURN         | -         | -    | ACTIVE    | true  | true  | CLERK      | ok
            LOSS_REVOCATION     | -         | -    | ACTIVE    | true  | true  | CLERK      | ok+approval
            LOSS_REVOCATION     | -         | -    | ACTIVE    | true  | true  | SUPERVISOR | ok+approval
            """)
    void what_a_mission_may_and_may_not_do(Operation op, String pin, String kind, CardStatus status, boolean overseas,
                                           boolean national, StaffRole role, String expected) {
        Optional<PinType> p = pin.equals("-") ? Optional.empty() : Optional.of(PinType.valueOf(pin));
        Optional<CertKind> k = kind.equals("-") ? Optional.empty() : Optional.of(CertKind.valueOf(kind));
        assertThat(decide(op, p, k, status, overseas, national, role)).isEqualTo(expected);
    }

    @Test
    void guidance_is_for_missions_only() {
        assertThat(rules.missionGuidance(Fixtures.MUNICIPAL, Operation.PIN_CHANGE)).isEmpty();
        assertThat(rules.missionGuidance(Fixtures.POST_OFFICE_NONE, Operation.CERT_ISSUE)).isEmpty();
        assertThat(rules.missionGuidance(MISSION, Operation.PIN_RESET)).isEmpty();
        assertThat(rules.missionGuidance(MISSION, Operation.PIN_CHANGE).orElseThrow().message(Locale.JAPANESE)).contains("本籍地");
    }

    @Test
    void an_overseas_card_shows_the_departure_instead_of_an_address() {
        Card overseas = card(CardStatus.ACTIVE, true);
        assertThat(rules.addressLine(overseas, "東京都千代田区模擬町1-1", Locale.JAPANESE)).isEqualTo("国外転出 2026年4月1日");
        assertThat(rules.addressLine(overseas, "東京都千代田区模擬町1-1", Locale.ENGLISH)).isEqualTo("Moved abroad 2026-04-01");
        Card undated = new Card(overseas.serial(), overseas.applicationId(), overseas.stockOfficeCode(), overseas.residenceMunicipality(),
                overseas.lifeCycle(), overseas.status(), overseas.revocationReason(), overseas.statusVersion(), overseas.cardType(),
                overseas.applicationReceivedOn(), overseas.issuedOn(), overseas.validTo(), true, Optional.empty(), false,
                overseas.deliveredOn());
        assertThat(rules.addressLine(undated, "東京都千代田区模擬町1-1", Locale.JAPANESE)).isEqualTo("国外転出");
        // A domestic card keeps the address exactly as received (variant characters included).
        assertThat(rules.addressLine(card(CardStatus.ACTIVE, false), "東京都𠮷野町1-1", Locale.JAPANESE)).isEqualTo("東京都𠮷野町1-1");
    }

    @Test
    void former_surname_is_not_on_an_overseas_card_face_but_stays_on_the_counters_display() {
        assertThat(rules.formerSurnameOnCardFace(card(CardStatus.ACTIVE, true))).isFalse();
        assertThat(rules.formerSurnameOnCardFace(card(CardStatus.ACTIVE, false))).isTrue();
        Resident sato = new Resident(new PersonName("佐藤　花子"), Optional.of("サトウ　ハナコ"), Optional.empty(),
                Optional.of(new FormerSurname(new PersonName("\uD842\uDFB7野"), Optional.of("ヨシノ"))), LocalDate.of(1985, 3, 3),
                Sex.FEMALE, Fixtures.CITY, false, true, Optional.empty());
        assertThat(sato.displayNameWithFormerSurname()).isEqualTo("佐藤　花子（旧氏：\uD842\uDFB7野）");
    }
}
