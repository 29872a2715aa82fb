package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.FailureMessages;
import org.junit.jupiter.api.Test;

class ReportFailureCatalogueTest {

    @Test
    void every_report_code_has_japanese_and_english_message_and_action() {
        assertThat(FailureMessages.catalogueProblems(ReportFailure.class)).isEmpty();
    }

    @Test
    void codes_are_unique_within_the_area_and_do_not_collide_with_the_counter_catalogue() {
        assertThat(Arrays.stream(ReportFailure.values()).map(ReportFailure::code)).doesNotHaveDuplicates()
                .allMatch(c -> c.startsWith("MDG-REPORT-"))
                .doesNotContainAnyElementsOf(Arrays.stream(CounterFailure.values()).map(CounterFailure::code).toList());
    }
}
