package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import jp.madoguchi.common.FailureMessages;
import org.junit.jupiter.api.Test;

class CacheFailureCatalogueTest {
    @Test
    void everyCodeHasJapaneseAndEnglishTexts() {
        assertThat(FailureMessages.catalogueProblems(CacheFailure.class)).isEmpty();
    }
}
