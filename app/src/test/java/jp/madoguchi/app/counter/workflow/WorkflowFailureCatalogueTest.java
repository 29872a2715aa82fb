package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import jp.madoguchi.common.FailureMessages;
import org.junit.jupiter.api.Test;

class WorkflowFailureCatalogueTest {

    @Test
    void everyCodeHasJapaneseAndEnglishTexts() {
        assertThat(FailureMessages.catalogueProblems(WorkflowFailure.class)).isEmpty();
    }
}
