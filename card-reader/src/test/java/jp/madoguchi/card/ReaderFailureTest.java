package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import jp.madoguchi.common.FailureMessages;
import org.junit.jupiter.api.Test;

class ReaderFailureTest {

    @Test
    void every_reader_code_has_japanese_and_english_message_and_action() {
        assertThat(FailureMessages.catalogueProblems(ReaderFailure.class)).isEmpty();
    }

    @Test
    void codes_are_unique_and_in_the_reader_area() {
        assertThat(Arrays.stream(ReaderFailure.values()).map(ReaderFailure::code).distinct().count())
                .isEqualTo(ReaderFailure.values().length);
        assertThat(ReaderFailure.values()).allMatch(f -> f.code().startsWith("MDG-READER-"));
    }

    @Test
    void status_exception_names_the_status_word_but_never_data() {
        CardStatusException e = new CardStatusException(ReaderFailure.CARD_REFUSED, 0x6A82, "READ BINARY");
        assertThat(e.getMessage()).contains("MDG-READER-008").contains("6A82").contains("READ BINARY");
        assertThat(e.clerkMessage(Locale.JAPANESE)).contains("6A82");
    }

    @Test
    void wrong_and_locked_pins_use_the_counter_rules_codes() {
        assertThat(new PinVerification(PinKind.AUTH, PinVerification.Result.WRONG, 2).failure().code())
                .isEqualTo("MDG-PIN-005");
        assertThat(new PinVerification(PinKind.AUTH, PinVerification.Result.WRONG, 2).failure()
                .clerkMessage(Locale.ENGLISH)).isEqualTo("Wrong PIN, 2 tries left.");
        assertThat(new PinVerification(PinKind.SIGN, PinVerification.Result.BLOCKED, 0).failure().code())
                .isEqualTo("MDG-PIN-004");
        assertThat(new CardRemovedException("read", "none", CardRemovedException.CardChange.UNCHANGED, null).code())
                .isEqualTo("MDG-CARD-007");
        assertThat(new CardAccessException(ReaderFailure.PIN_NOT_SET, Map.of("pin", PinKind.SIGN), null)
                .clerkMessage(Locale.ENGLISH)).contains("SIGN");
    }
}
