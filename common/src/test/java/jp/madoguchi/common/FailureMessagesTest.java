package jp.madoguchi.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

    @Test
    void every_counter_code_has_japanese_and_english_message_and_action() {
        assertThat(FailureMessages.catalogueProblems(CounterFailure.class)).isEmpty();
    }

    @Test
    void codes_are_unique() {
        assertThat(java.util.Arrays.stream(CounterFailure.values()).map(CounterFailure::code).distinct().count())
                .isEqualTo(CounterFailure.values().length);
    }

    @Test
    void japanese_is_the_default_and_parameters_are_filled() {
        String ja = FailureMessages.message(CounterFailure.PIN_WRONG, Locale.JAPANESE, Map.of("n", 2));
        assertThat(ja).isEqualTo("暗証番号が違います。残り2回間違えるとロックされます。");
        // A locale we have no bundle for gets Japanese, never the JVM's default.
        assertThat(FailureMessages.message(CounterFailure.PIN_WRONG, Locale.GERMAN, Map.of("n", 2))).isEqualTo(ja);
        assertThat(FailureMessages.message(CounterFailure.PIN_WRONG, Locale.ENGLISH, Map.of("n", 2)))
                .isEqualTo("Wrong PIN, 2 tries left.");
    }

    @Test
    void exception_carries_code_correlation_id_and_english_log_message() {
        var e = new MadoguchiException(CounterFailure.CARD_REMOVED);
        assertThat(e.code()).isEqualTo("MDG-CARD-007");
        assertThat(e.getMessage()).startsWith("MDG-CARD-007: Card removed");
        assertThat(e.correlationId()).hasSize(8);
        assertThat(e.clerkMessage(Locale.JAPANESE)).contains("カードが取り外されました");
    }
}
