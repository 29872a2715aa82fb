package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormTextTest {

    @Test
    void resident_dates_are_era_then_gregorian_in_japanese_and_gregorian_in_english() {
        assertThat(FormText.residentDate(LocalDate.of(2026, 5, 26), Locale.JAPANESE)).isEqualTo("令和8年5月26日（2026年）");
        assertThat(FormText.residentDate(LocalDate.of(2026, 5, 26), Locale.ENGLISH)).isEqualTo("26 May 2026");
        assertThat(FormText.residentDateTime(LocalDateTime.of(2026, 5, 26, 9, 5), Locale.JAPANESE))
                .isEqualTo("令和8年5月26日 9時05分（2026年）");
        assertThat(FormText.residentDate(null, Locale.JAPANESE)).isEmpty();
    }

    @Test
    void era_edges_and_the_first_year() {
        assertThat(FormText.era(LocalDate.of(2019, 4, 30))).isEqualTo("平成31年4月30日");
        assertThat(FormText.era(LocalDate.of(2019, 5, 1))).isEqualTo("令和元年5月1日");
        assertThat(FormText.era(LocalDate.of(1989, 1, 7))).isEqualTo("昭和64年1月7日");
        assertThat(FormText.era(LocalDate.of(1989, 1, 8))).isEqualTo("平成元年1月8日");
    }

    @Test
    void staff_reports_use_iso_dates_and_yen_has_separators() {
        assertThat(FormText.staffDate(LocalDate.of(2026, 2, 22))).isEqualTo("2026-02-22");
        assertThat(FormText.yen(1800)).isEqualTo("¥1,800");
        for (int amount : new int[] {0, 7, 200, 999, 1000, 12_345, 999_999, 1_000_000, -200, -1800, Integer.MAX_VALUE,
                Integer.MIN_VALUE}) {
            assertThat(FormText.yen(amount)).as("%d", amount).isEqualTo(String.format(java.util.Locale.ROOT, "¥%,d", amount));
        }
    }

    @Test
    void enum_words_exist_in_both_languages_for_every_constant() {
        for (Class<?> kind : jp.madoguchi.reports.model.Kinds.class.getClasses()) {
            for (Object constant : kind.getEnumConstants()) {
                assertThat(FormText.label((Enum<?>) constant, Locale.JAPANESE)).isNotBlank();
                assertThat(FormText.label((Enum<?>) constant, Locale.ENGLISH)).isNotBlank()
                        .isNotEqualTo(FormText.label((Enum<?>) constant, Locale.JAPANESE));
            }
        }
    }
}
