package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.FailureMessages;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;

class CounterTextsTest {

    /** Every label a rule can put in a message, and every notice without a code, in both languages; nothing unused. */
    @Test
    void bundle_has_every_label_in_both_languages_and_nothing_else() {
        List<String> expected = new ArrayList<>();
        for (PinType t : PinType.values()) {
            expected.add("PinType." + t.name());
        }
        for (IdentityRules.Requirement r : IdentityRules.Requirement.values()) {
            expected.add(r.labelKey());
        }
        for (PinRules.Weakness w : PinRules.Weakness.values()) {
            expected.add(w.labelKey());
        }
        for (PermissionMatrix.Handler h : PermissionMatrix.Handler.values()) {
            expected.add(h.labelKey());
        }
        for (Notice.Kind k : Notice.Kind.values()) {
            if (k.failure().isEmpty()) {
                expected.add(k.labelKey());
            }
        }
        expected.addAll(OverseasCardRules.TEXT_KEYS);
        for (Locale locale : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            ResourceBundle bundle = CounterTexts.bundle(locale);
            assertThat(bundle.keySet()).as(locale.toString()).containsExactlyInAnyOrderElementsOf(expected);
            expected.forEach(key -> assertThat(bundle.getString(key)).as(locale + " " + key).isNotBlank());
        }
        assertThat(CounterTexts.text("PinType.AUTH", Locale.JAPANESE)).isEqualTo("利用者証明用電子証明書");
        assertThat(CounterTexts.text("PinType.AUTH", Locale.ENGLISH)).isEqualTo("Authentication certificate");
    }

    @Test
    void the_counter_catalogue_is_complete() {
        assertThat(FailureMessages.catalogueProblems(CounterFailure.class)).isEmpty();
    }

    @Test
    void refusal_as_exception_logs_in_english_and_shows_its_parameters_in_the_screens_language() {
        MadoguchiException e = PinRules.locked(PinType.JUKI).toException();
        assertThat(e.code()).isEqualTo("MDG-PIN-004");
        assertThat(e.getMessage()).isEqualTo("MDG-PIN-004: Residence registry locked; reset first.");
        assertThat(e.params().get("pin")).hasToString("Residence registry");
        assertThat(e.clerkMessage(Locale.JAPANESE)).startsWith("住民基本台帳用の暗証番号がロックされています。");
        assertThat(e.clerkMessage(Locale.ENGLISH)).isEqualTo("Residence registry locked; reset first.");
        assertThat(Refusal.of(CounterFailure.OFFICE_NOT_PERMITTED).action(Locale.JAPANESE)).isEqualTo("処理を中止します。");
    }

    @Test
    void notices_with_a_code_use_the_common_texts() {
        for (Notice.Kind k : Set.of(Notice.Kind.QUEUED_UNTIL_SYNC, Notice.Kind.SWITCH_TO_ISSUE)) {
            CounterFailure f = k.failure().orElseThrow();
            assertThat(Notice.of(k).message(Locale.ENGLISH)).isEqualTo(FailureMessages.message(f, Locale.ENGLISH, Map.of()));
        }
        assertThat(new Notice(Notice.Kind.CARD_IN_RENEWAL_WINDOW, Map.of("date", java.time.LocalDate.of(2027, 2, 24)))
                .message(Locale.JAPANESE)).contains("2027年2月24日");
    }
}
