package jp.madoguchi.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jp.madoguchi.common.FailureMessages;
import org.junit.jupiter.api.Test;

class UiFailureTest {

    @Test
    void every_code_has_japanese_and_english_texts_and_nothing_stale() {
        assertThat(FailureMessages.catalogueProblems(UiFailure.class)).isEmpty();
    }
}
