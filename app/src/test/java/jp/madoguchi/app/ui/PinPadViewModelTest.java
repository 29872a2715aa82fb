package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.app.counter.domain.PinType;
import org.junit.jupiter.api.Test;

/** The resident's pad without a window: masking, format check, confirmation, weak-PIN warning, clearing. */
class PinPadViewModelTest {

    private final Texts texts = new Texts(Locale.JAPANESE);
    private final List<char[]> handed = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private final PinPadViewModel pad = new PinPadViewModel(texts, (type, entry, confirmation) -> {
        seen.add(type + ":" + new String(entry) + ":" + (confirmation == null ? "-" : new String(confirmation)));
        handed.add(entry);
        if (confirmation != null) {
            handed.add(confirmation);
        }
    });

    private void keys(String s) {
        for (char c : s.toCharArray()) {
            pad.key(c);
        }
    }

    @Test
    void a_new_pin_is_entered_twice_masked_and_handed_over() {
        pad.request(PinType.AUTH, true, Optional.of(LocalDate.of(1980, 3, 14)), Optional.empty());
        assertThat(pad.promptProperty().get()).contains("利用者証明用電子証明書").contains("入力");
        assertThat(pad.hintProperty().get()).isEqualTo("数字4桁");
        keys("58271");
        assertThat(pad.maskedProperty().get()).as("four marks, never the digits, a fifth digit ignored").isEqualTo("●●●●");
        pad.submit();
        assertThat(pad.phaseProperty().get()).isEqualTo(PinPadViewModel.Phase.CONFIRM);
        assertThat(pad.maskedProperty().get()).isEmpty();
        assertThat(pad.warningProperty().get()).isEmpty();
        keys("5827");
        pad.submit();
        assertThat(pad.phaseProperty().get()).isEqualTo(PinPadViewModel.Phase.SENT);
        assertThat(seen).containsExactly("AUTH:5827:5827");
    }

    @Test
    void a_weak_pin_is_warned_about_and_can_be_corrected() {
        pad.request(PinType.JUKI, true, Optional.of(LocalDate.of(1980, 3, 14)), Optional.empty());
        keys("0314");
        pad.submit();
        assertThat(pad.warningProperty().get()).contains("推測されやすい").contains("生年月日の月日");
        assertThat(pad.correct()).as("訂正 in the confirmation goes back to the first entry").isTrue();
        assertThat(pad.phaseProperty().get()).isEqualTo(PinPadViewModel.Phase.ENTER);
        assertThat(pad.warningProperty().get()).isEmpty();
        keys("1234");
        pad.submit();
        assertThat(pad.warningProperty().get()).contains("連続した数字");
        texts.setLocale(Locale.ENGLISH);
        assertThat(pad.warningProperty().get()).contains("consecutive digits");
        assertThat(seen).isEmpty();
    }

    @Test
    void the_birthday_is_not_guessed_when_the_birth_date_is_unknown() {
        pad.request(PinType.CARD_TEXT, true, Optional.empty(), Optional.empty());
        keys("0101");
        pad.submit();
        assertThat(pad.warningProperty().get()).isEmpty();
    }

    @Test
    void the_signing_pin_takes_capitals_and_digits_and_refuses_a_bad_format_at_once() {
        pad.request(PinType.SIGN, true, Optional.empty(), Optional.empty());
        assertThat(pad.lettersAllowed()).isTrue();
        assertThat(pad.hintProperty().get()).contains("6〜16文字");
        pad.key('a');
        assertThat(pad.errorProperty().get()).isEqualTo("英字は大文字で入力してください。");
        assertThat(pad.lengthProperty().get()).as("lower case is refused, never converted").isZero();
        keys("ABCDEF");
        pad.submit();
        assertThat(pad.errorProperty().get()).startsWith("MDG-PIN-001");
        assertThat(pad.phaseProperty().get()).isEqualTo(PinPadViewModel.Phase.ENTER);
        keys("ABC123");
        pad.submit();
        keys("ABC123");
        pad.submit();
        assertThat(seen).containsExactly("SIGN:ABC123:ABC123");
    }

    @Test
    void a_current_pin_is_entered_once_and_digits_only_pads_refuse_letters() {
        pad.request(PinType.JUKI, false, Optional.empty(), Optional.empty());
        assertThat(pad.promptProperty().get()).contains("現在の暗証番号");
        keys("A12");
        assertThat(pad.lengthProperty().get()).isEqualTo(2);
        pad.backspace();
        keys("345");
        pad.submit();
        assertThat(seen).containsExactly("JUKI:1345:-");
    }

    @Test
    void stopping_clears_a_half_entered_pin() {
        pad.request(PinType.AUTH, true, Optional.empty(), Optional.empty());
        keys("1357");
        pad.submit();
        keys("13");
        pad.stop();
        assertThat(pad.phaseProperty().get()).isEqualTo(PinPadViewModel.Phase.IDLE);
        assertThat(pad.lengthProperty().get()).isZero();
        assertThat(pad.promptProperty().get()).isEqualTo("しばらくお待ちください。");
        pad.key('1');
        pad.submit();
        assertThat(seen).isEmpty();
    }
}
