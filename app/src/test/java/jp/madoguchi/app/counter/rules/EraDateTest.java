package jp.madoguchi.app.counter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.temporal.ChronoField;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EraDateTest {

    @ParameterizedTest(name = "{0} → {1} {2} ({3}, {4})")
    @CsvSource(textBlock = """
            1912-07-29, MEIJI,  45, 450729, 明治45年7月29日
            1912-07-30, TAISHO,  1, 010730, 大正元年7月30日
            1926-12-24, TAISHO, 15, 151224, 大正15年12月24日
            1926-12-25, SHOWA,   1, 011225, 昭和元年12月25日
            1989-01-07, SHOWA,  64, 640107, 昭和64年1月7日
            1989-01-08, HEISEI,  1, 010108, 平成元年1月8日
            1990-05-05, HEISEI,  2, 020505, 平成2年5月5日
            2019-04-30, HEISEI, 31, 310430, 平成31年4月30日
            2019-05-01, REIWA,   1, 010501, 令和元年5月1日
            2026-05-26, REIWA,   8, 080526, 令和8年5月26日
            """)
    void era_edges(LocalDate date, EraDate.Era era, int year, String yymmdd, String text) {
        EraDate e = EraDate.of(date);
        assertThat(e.era()).isEqualTo(era);
        assertThat(e.yearOfEra()).isEqualTo(year);
        assertThat(e.yymmdd()).isEqualTo(yymmdd);
        assertThat(e.japaneseText()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} on a resident form: {1}")
    @CsvSource({"2026-05-26, 令和8年5月26日（2026年）", "2019-05-01, 令和元年5月1日（2019年）"})
    void resident_form_text(LocalDate date, String text) {
        assertThat(EraDate.of(date).residentFormText()).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void before_meiji_is_refused() {
        assertThatThrownBy(() -> EraDate.of(LocalDate.of(1868, 1, 24))).isInstanceOf(IllegalArgumentException.class);
    }

    /** An independent check: the JDK's Japanese calendar agrees on era and year from Meiji 6 (1873) on. */
    @Property
    void agrees_with_the_jdk_japanese_chronology(@ForAll @DateRange(min = "1873-01-01", max = "2100-12-31") LocalDate date) {
        JapaneseDate jdk = JapaneseDate.from(date);
        EraDate ours = EraDate.of(date);
        assertThat(ours.era().name()).isEqualTo(eraName(jdk.getEra()));
        assertThat(ours.yearOfEra()).isEqualTo(jdk.get(ChronoField.YEAR_OF_ERA));
    }

    private static String eraName(JapaneseEra era) {
        return era.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
