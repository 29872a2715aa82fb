package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.madoguchi.app.counter.Fixtures;
import jp.madoguchi.app.counter.domain.Card;
import jp.madoguchi.app.counter.domain.CardStatus;
import jp.madoguchi.app.counter.domain.CardType;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.PinRules.PinEntrant;
import jp.madoguchi.app.counter.rules.PinRules.Weakness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinRulesTest {

    @ParameterizedTest(name = "{0} \"{1}\" → {2}")
    @CsvSource(nullValues = "-", textBlock = """
            SIGN,      ABC123,           -
            SIGN,      A1B2C3D4E5F6G7H8, -
            SIGN,      A12345,           -
            SIGN,      Z00000,           -
            # 5 and 17 characters
            SIGN,      ABC12,            MDG-PIN-001
            SIGN,      A1B2C3D4E5F6G7H8I, MDG-PIN-001
            # both kinds needed
            SIGN,      ABCDEF,           MDG-PIN-001
            SIGN,      123456,           MDG-PIN-001
            # lower case refused, never converted (PR-40)
            SIGN,      abc123,           MDG-PIN-001
            SIGN,      Abc123,           MDG-PIN-001
            # nothing else: no symbols, no full-width
            SIGN,      ABC-123,          MDG-PIN-001
            SIGN,      ＡＢＣ１２３,     MDG-PIN-001
            AUTH,      1234,             -
            AUTH,      0000,             -
            JUKI,      9876,             -
            CARD_TEXT, 0101,             -
            AUTH,      123,              MDG-PIN-002
            AUTH,      12345,            MDG-PIN-002
            AUTH,      12a4,             MDG-PIN-002
            JUKI,      １２３４,         MDG-PIN-002
            CARD_TEXT, ABC1,             MDG-PIN-002
            """)
    void formats(PinType type, String pin, String code) {
        Optional<Refusal> r = PinRules.checkFormat(type, pin.toCharArray());
        assertThat(r.map(Refusal::code).orElse(null)).isEqualTo(code);
    }

    @Test
    void empty_pin_is_refused() {
        assertThat(PinRules.checkFormat(PinType.AUTH, new char[0])).map(Refusal::code).contains("MDG-PIN-002");
        assertThat(PinRules.checkFormat(PinType.SIGN, new char[0])).map(Refusal::code).contains("MDG-PIN-001");
    }

    @ParameterizedTest(name = "\"{0}\" then \"{1}\" → match {2}")
    @CsvSource(textBlock = """
            1234,   1234,   true
            1234,   1235,   false
            1234,   123,    false
            ABC123, ABC123, true
            ABC123, abc123, false
            ABC123, ABC1234, false
            """)
    void confirmation(String first, String second, boolean match) {
        Optional<Refusal> r = PinRules.checkConfirmation(first.toCharArray(), second.toCharArray());
        assertThat(r.isEmpty()).isEqualTo(match);
        r.ifPresent(refusal -> assertThat(refusal.code()).isEqualTo("MDG-PIN-003"));
    }

    @ParameterizedTest(name = "{0} \"{1}\" born {2} → {3}")
    @CsvSource(delimiter = ';', textBlock = """
            AUTH;      1111; 1990-05-05; REPEATED_DIGIT
            AUTH;      0000; 1990-05-05; REPEATED_DIGIT
            JUKI;      1234; 1990-05-05; SEQUENCE
            JUKI;      0123; 1990-05-05; SEQUENCE
            JUKI;      6789; 1990-05-05; SEQUENCE
            JUKI;      9876; 1990-05-05; SEQUENCE
            JUKI;      3210; 1990-05-05; SEQUENCE
            CARD_TEXT; 0505; 1990-05-05; BIRTH_MONTH_DAY
            CARD_TEXT; 1231; 2001-12-31; BIRTH_MONTH_DAY
            CARD_TEXT; 0229; 2000-02-29; BIRTH_MONTH_DAY
            """)
    void weak_pins_draw_a_warning(PinType type, String pin, String born, String weakness) {
        Set<Weakness> found = PinRules.weaknesses(type, pin.toCharArray(), LocalDate.parse(born));
        assertThat(found).contains(Weakness.valueOf(weakness));
        assertThat(PinRules.weakPinNotice(type, pin.toCharArray(), LocalDate.parse(born)))
                .map(Notice::kind).contains(Notice.Kind.WEAK_PIN);
        // a weak PIN is still accepted (N2, PR-41)
        assertThat(PinRules.checkFormat(type, pin.toCharArray())).isEmpty();
    }

    @ParameterizedTest(name = "{0} \"{1}\" born {2} → no warning")
    @CsvSource(textBlock = """
            AUTH, 1357, 1990-05-05
            AUTH, 8901, 1990-05-05
            AUTH, 1243, 1990-05-05
            AUTH, 1122, 1990-05-05
            AUTH, 0506, 1990-05-05
            AUTH, 5050, 1990-05-05
            SIGN, AAAA11, 1990-05-05
            SIGN, ABCD1234, 1990-05-05
            AUTH, 11a1, 1990-05-05
            """)
    void other_pins_draw_no_warning(PinType type, String pin, LocalDate born) {
        assertThat(PinRules.weaknesses(type, pin.toCharArray(), born)).isEmpty();
        assertThat(PinRules.weakPinNotice(type, pin.toCharArray(), born)).isEmpty();
    }

    @Test
    void several_weaknesses_at_once_are_all_reported() {
        // born 11 November: 1111 is repeated and the birth MMDD
        assertThat(PinRules.weaknesses(PinType.AUTH, "1111".toCharArray(), LocalDate.of(1980, 11, 11)))
                .containsExactlyInAnyOrder(Weakness.REPEATED_DIGIT, Weakness.BIRTH_MONTH_DAY);
        // born 23 January: 0123 is a run and the birth MMDD
        assertThat(PinRules.weaknesses(PinType.AUTH, "0123".toCharArray(), LocalDate.of(1980, 1, 23)))
                .containsExactlyInAnyOrder(Weakness.SEQUENCE, Weakness.BIRTH_MONTH_DAY);
    }

    @Test
    void locked_and_wrong_carry_their_parameters() {
        Refusal locked = PinRules.locked(PinType.SIGN);
        assertThat(locked.code()).isEqualTo("MDG-PIN-004");
        assertThat(locked.message(Locale.JAPANESE)).isEqualTo(
                "署名用電子証明書の暗証番号がロックされています。先に暗証番号の初期化・再設定を行ってください。");
        assertThat(locked.message(Locale.ENGLISH)).isEqualTo("Signing certificate locked; reset first.");
        Refusal wrong = PinRules.wrong(2);
        assertThat(wrong.code()).isEqualTo("MDG-PIN-005");
        assertThat(wrong.message(Locale.JAPANESE)).isEqualTo("暗証番号が違います。残り2回間違えるとロックされます。");
        assertThatThrownBy(() -> PinRules.wrong(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "card type {0}, preset {1}, sign cert {2} → {3}")
    @CsvSource(textBlock = """
            PIN,       false, true,  AUTH SIGN JUKI CARD_TEXT
            PIN,       false, false, AUTH JUKI CARD_TEXT
            PIN,       true,  true,  ''
            FACE_AUTH, false, true,  ''
            """)
    void pins_set_at_delivery(CardType type, boolean preset, boolean signCert, String expected) {
        Card base = Fixtures.card(CardStatus.ISSUED, LocalDate.of(2035, 5, 5));
        Card card = new Card(base.serial(), base.applicationId(), base.stockOfficeCode(), base.residenceMunicipality(),
                base.lifeCycle(), base.status(), base.revocationReason(), base.statusVersion(), type,
                base.applicationReceivedOn(), base.issuedOn(), base.validTo(), false, Optional.empty(), preset, Optional.empty());
        Set<PinType> want = expected.isBlank() ? EnumSet.noneOf(PinType.class)
                : java.util.Arrays.stream(expected.split(" ")).map(PinType::valueOf).collect(Collectors.toSet());
        assertThat(PinRules.pinsToSetAtDelivery(card, signCert)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}, under 15 or ward {1} → {2}")
    @CsvSource(textBlock = """
            HOLDER,                false, HOLDER
            HOLDER_WITH_LEGAL_REP, true,  LEGAL_REPRESENTATIVE
            HOLDER_WITH_LEGAL_REP, false, HOLDER
            VOLUNTARY_PROXY,       false, STAFF_FROM_SEALED_ENTRY
            LEGAL_REP,             true,  STAFF_FROM_SEALED_ENTRY
            """)
    void who_keys_in_the_pins_at_delivery(VisitorType visitor, boolean minorOrWard, PinEntrant entrant) {
        assertThat(PinRules.deliveryEntrant(visitor, minorOrWard)).isEqualTo(entrant);
    }

    @Property
    void four_digit_pins_are_exactly_the_4_digit_strings(@ForAll("fourish") String pin) {
        boolean valid = pin.matches("[0-9]{4}");
        for (PinType type : EnumSet.of(PinType.AUTH, PinType.JUKI, PinType.CARD_TEXT)) {
            assertThat(PinRules.checkFormat(type, pin.toCharArray()).isEmpty()).isEqualTo(valid);
        }
    }

    @Property
    void sign_pins_follow_the_n1_pattern(@ForAll("signish") String pin) {
        boolean valid = pin.matches("^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{6,16}$");
        assertThat(PinRules.checkFormat(PinType.SIGN, pin.toCharArray()).isEmpty()).isEqualTo(valid);
    }

    @Property
    void confirmation_matches_exactly_equal_entries(@ForAll("signish") String first, @ForAll("signish") String second) {
        assertThat(PinRules.checkConfirmation(first.toCharArray(), first.toCharArray())).isEmpty();
        assertThat(PinRules.checkConfirmation(first.toCharArray(), second.toCharArray()).isEmpty()).isEqualTo(first.equals(second));
    }

    @Provide
    Arbitrary<String> fourish() {
        return Arbitraries.strings().withChars("0123456789a ０").ofMinLength(0).ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> signish() {
        return Arbitraries.strings().withChars("AZBQ0919az-Ａ").ofMinLength(0).ofMaxLength(18);
    }
}
