package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardRevocationReason;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.CardType;
import jp.madoguchi.app.counter.domain.Office;
import jp.madoguchi.app.counter.domain.Operation;
import jp.madoguchi.app.counter.domain.PersonName;
import jp.madoguchi.app.counter.domain.Resident;
import jp.madoguchi.app.counter.domain.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Card preconditions of counter-rules §2.1–§2.8. Columns: operation | office (MUN, MIS, POST) | status |
 * expired | stock office | residence | overseas | face-auth | moved away | departure (days from today) |
 * expected.
 */
class CardPreconditionsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final Instant NOW = Fixtures.jstNoon(TODAY);
    private final CardPreconditions preconditions = new CardPreconditions(new ValidityRules());

    @ParameterizedTest(name = "[{index}] {0} at {1}: {2} expired={3} stock={4} res={5} overseas={6} face={7} moved={8} dep={9} → {10}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            DELIVERY            | MUN  | ISSUED    | false | 131016 | 131016 | false | false | false | -  | ok
            DELIVERY            | MUN  | REVOKED   | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-005
            DELIVERY            | MUN  | ISSUED    | true  | 131016 | 131016 | false | false | false | -  | MDG-CARD-006
            DELIVERY            | MUN  | SUSPENDED | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-004
            DELIVERY            | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-003
            DELIVERY            | MUN  | ISSUED    | false | 271004 | 271004 | false | false | false | -  | MDG-CARD-002
            DELIVERY            | MUN  | ISSUED    | false | 131016 | 131016 | false | false | true  | -  | MDG-CARD-009
            DELIVERY            | MIS  | ISSUED    | false | M0001  | 131016 | false | false | false | -  | MDG-CARD-002
            DELIVERY            | MIS  | ISSUED    | false | M0001  | 131016 | true  | false | false | -  | ok
            DELIVERY            | MIS  | ISSUED    | false | M0002  | 131016 | true  | false | false | -  | MDG-CARD-002
            PIN_RESET           | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | ok
            PIN_RESET           | MUN  | ISSUED    | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-012
            PIN_CHANGE          | MUN  | ISSUED    | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-012
            CERT_RENEWAL        | MUN  | ISSUED    | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-012
            PIN_RESET           | MUN  | SUSPENDED | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-004
            PIN_RESET           | MUN  | REVOKED   | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-005
            PIN_RESET           | MUN  | ACTIVE    | true  | 131016 | 131016 | false | false | false | -  | MDG-CARD-006
            PIN_RESET           | MUN  | ACTIVE    | false | 131016 | 131016 | false | true  | false | -  | MDG-CARD-008
            PIN_CHANGE          | MUN  | ACTIVE    | false | 131016 | 131016 | false | true  | false | -  | MDG-CARD-008
            PIN_RESET           | MUN  | ACTIVE    | false | 271004 | 271004 | false | false | false | -  | MDG-CARD-002
            PIN_RESET           | POST | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | ok
            PIN_RESET           | POST | ACTIVE    | false | 271004 | 271004 | false | false | false | -  | MDG-CARD-002
            PIN_RESET           | MIS  | ACTIVE    | false | 131016 | 131016 | true  | false | false | -  | ok
            PIN_RESET           | MIS  | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-002
            CERT_RENEWAL        | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | ok
            CERT_RENEWAL        | MUN  | ACTIVE    | false | 271004 | 271004 | true  | false | false | -  | ok
            CERT_RENEWAL        | MUN  | SUSPENDED | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-004
            CERT_ISSUE          | MUN  | ACTIVE    | true  | 131016 | 131016 | false | false | false | -  | MDG-CARD-006
            SUSPENSION_LIFT     | MUN  | SUSPENDED | false | 131016 | 131016 | false | false | false | -  | ok
            SUSPENSION_LIFT     | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | MDG-OFFICE-001
            SUSPENSION_LIFT     | MUN  | REVOKED   | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-005
            SUSPENSION_LIFT     | MUN  | SUSPENDED | true  | 131016 | 131016 | false | false | false | -  | MDG-CARD-006
            LOSS_REVOCATION     | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | ok
            LOSS_REVOCATION     | MUN  | SUSPENDED | false | 131016 | 131016 | false | false | false | -  | ok
            LOSS_REVOCATION     | MUN  | ISSUED    | false | 131016 | 131016 | false | false | false | -  | MDG-OFFICE-001
            LOSS_REVOCATION     | MUN  | REVOKED   | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-005
            CARD_RETURN         | MUN  | SUSPENDED | false | 131016 | 131016 | false | false | false | -  | ok
            ANNOTATION          | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | -  | ok
            ANNOTATION          | MUN  | SUSPENDED | false | 131016 | 131016 | false | false | false | -  | MDG-CARD-004
            OVERSEAS_CONVERSION | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | 1  | ok
            OVERSEAS_CONVERSION | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | 0  | MDG-CARD-011
            OVERSEAS_CONVERSION | MUN  | ACTIVE    | false | 131016 | 131016 | false | false | false | -3 | MDG-CARD-011
            UNCLAIMED_DESTRUCTION | MUN | ISSUED   | true  | 131016 | 131016 | false | false | false | -  | ok
            UNCLAIMED_DESTRUCTION | MUN | ISSUED   | false | 271004 | 271004 | false | false | false | -  | MDG-CARD-002
            STOCK_RECEIPT       | MUN  | ISSUED    | false | 131016 | 131016 | false | false | false | -  | ok
            DOMESTIC_APPLICATION | MUN | REVOKED   | true  | 271004 | 271004 | false | false | false | -  | ok
            OLD_CARD_COLLECTION | MUN  | REVOKED   | true  | 271004 | 271004 | false | false | false | -  | ok
            """)
    void preconditions(Operation operation, String officeKind, CardStatus status, boolean expired, String stock, String residence,
                       boolean overseas, boolean faceAuth, boolean moved, Integer departureInDays, String expected) {
        Office office = switch (officeKind) {
            case "MUN" -> Fixtures.MUNICIPAL;
            case "MIS" -> Fixtures.MISSION;
            default -> Fixtures.POST_OFFICE_FULL;
        };
        Card card = card(status, expired ? TODAY.minusDays(1) : LocalDate.of(2035, 5, 5), stock, residence, overseas, faceAuth,
                Optional.ofNullable(departureInDays).map(TODAY::plusDays));
        Resident holder = new Resident(new PersonName("試験　花子"), Optional.empty(), Optional.empty(), Optional.empty(),
                LocalDate.of(1990, 5, 5), Sex.FEMALE, residence, moved, true, Optional.empty());
        Optional<Refusal> r = preconditions.check(operation, card, office, Optional.of(holder), NOW);
        assertThat(r.map(Refusal::code).orElse("ok")).isEqualTo(expected);
    }

    @Test
    void refusals_carry_their_parameters() {
        Card delivered = card(CardStatus.ACTIVE, LocalDate.of(2035, 5, 5), Fixtures.CITY, Fixtures.CITY, false, false, Optional.empty());
        assertThat(preconditions.check(Operation.DELIVERY, delivered, Fixtures.MUNICIPAL, Optional.empty(), NOW).orElseThrow()
                .message(Locale.JAPANESE)).isEqualTo("このカードは2025年7月1日に交付済みです。");
        Card expired = card(CardStatus.ACTIVE, TODAY.minusDays(1), Fixtures.CITY, Fixtures.CITY, false, false, Optional.empty());
        assertThat(preconditions.check(Operation.PIN_RESET, expired, Fixtures.MUNICIPAL, Optional.empty(), NOW).orElseThrow()
                .message(Locale.ENGLISH)).isEqualTo("Expired on 2026-11-24.");
        Card elsewhere = card(CardStatus.ISSUED, LocalDate.of(2035, 5, 5), Fixtures.OTHER_CITY, Fixtures.OTHER_CITY, false, false,
                Optional.empty());
        assertThat(preconditions.check(Operation.DELIVERY, elsewhere, Fixtures.MUNICIPAL, Optional.empty(), NOW).orElseThrow()
                .message(Locale.ENGLISH)).isEqualTo("Handled at 271004.");
    }

    @Test
    void expiry_is_judged_at_the_end_of_the_jst_day() {
        Card card = card(CardStatus.ACTIVE, TODAY, Fixtures.CITY, Fixtures.CITY, false, false, Optional.empty());
        assertThat(preconditions.check(Operation.PIN_RESET, card, Fixtures.MUNICIPAL, Optional.empty(),
                Fixtures.jst(TODAY, java.time.LocalTime.of(23, 59, 59)))).isEmpty();
        assertThat(preconditions.check(Operation.PIN_RESET, card, Fixtures.MUNICIPAL, Optional.empty(),
                Fixtures.jst(TODAY.plusDays(1), java.time.LocalTime.MIDNIGHT))).map(Refusal::code).contains("MDG-CARD-006");
    }

    @ParameterizedTest(name = "card expiring {0}: renewal notice {1}")
    @CsvSource({"2027-02-24, true", "2027-02-25, false", "2026-11-25, true", "2035-05-05, false"})
    void card_in_its_own_window_draws_a_notice(LocalDate validTo, boolean notice) {
        Card card = card(CardStatus.ACTIVE, validTo, Fixtures.CITY, Fixtures.CITY, false, false, Optional.empty());
        assertThat(preconditions.cardRenewalNotice(card, NOW).isPresent()).isEqualTo(notice);
    }

    static Card card(CardStatus status, LocalDate validTo, String stock, String residence, boolean overseas, boolean faceAuth,
                     Optional<LocalDate> departure) {
        Card base = Fixtures.card(status, validTo, stock, residence, overseas);
        Optional<CardRevocationReason> reason = base.revocationReason();
        return new Card(base.serial(), base.applicationId(), stock, residence, base.lifeCycle(), status, reason, 1,
                faceAuth ? CardType.FACE_AUTH : CardType.PIN, base.applicationReceivedOn(), base.issuedOn(), validTo, overseas,
                departure, false, base.deliveredOn());
    }
}
