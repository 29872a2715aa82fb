package jp.madoguchi.app.counter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** counter-rules §5 / PR-53 with the page's synthetic names (fictional people). */
class PersonNameTest {

    @ParameterizedTest(name = "#{0} {1}: {3} code points, key {4}")
    @CsvSource(delimiter = '|', textBlock = """
            1  | \u9AD9\u6A4B\u3000\u4E00\u90CE                 | 5  | 5  | 高橋　一郎
            2  | \uD842\uDFB7\u7530\u3000\u82B1\u5B50            | 6  | 5  | 吉田　花子
            3  | \u5C71\uFA11\u3000\u5065                        | 4  | 4  | 山崎　健
            4  | \u5927\uFA10\u3000\u7F8E\u54B2                  | 5  | 5  | 大塚　美咲
            5  | \u845B\uDB40\uDD00\u897F\u3000\u3055\u304F\u3089 | 8  | 6  | 葛西　さくら
            6  | \u7530\uDB40\uDDEF\u4E2D\u3000\u7F8E\u548C       | 7  | 5  | 田中　美和
            7  | \u68EE\u3000\u9DD7\u4ECB                        | 4  | 4  | 森　鷗介
            """)
    void names_are_kept_and_measured_in_code_points(int number, String value, int utf16Units, int length, String searchKey) {
        PersonName name = new PersonName(value);
        assertThat(name.value()).isEqualTo(value);
        assertThat(value.length()).as("UTF-16 units, the wrong measure").isEqualTo(utf16Units);
        assertThat(name.length()).isEqualTo(length);
        assertThat(name.searchKey()).isEqualTo(searchKey);
    }

    @Test
    void nfc_would_change_name_4_and_the_record_does_not() {
        String ootsuka = "\u5927\uFA10\u3000\u7F8E\u54B2";
        assertThat(Normalizer.normalize(ootsuka, Normalizer.Form.NFC)).isNotEqualTo(ootsuka);
        PersonName name = new PersonName(ootsuka);
        assertThat(name.value()).isEqualTo(ootsuka);
        assertThat(name.sameAs(new PersonName(Normalizer.normalize(ootsuka, Normalizer.Form.NFC)))).isFalse();
    }

    @Test
    void variation_selectors_survive_and_distinguish() {
        PersonName withIvs = new PersonName("\u845B\uDB40\uDD00\u897F");
        PersonName plain = new PersonName("\u845B\u897F");
        assertThat(withIvs.sameAs(plain)).isFalse();
        assertThat(withIvs.searchKey()).isEqualTo(plain.searchKey());
        assertThat(withIvs.value().codePoints().anyMatch(PersonName::isVariationSelector)).isTrue();
    }

    @Test
    void long_alphabetic_names_are_never_truncated() {
        PersonName name = new PersonName("WICKRAMASINGHE ARACHCHIGE DON KUMARA SAMPATH");
        assertThat(name.length()).isEqualTo(44);
        assertThat(new PersonName("GARCÍA LÓPEZ MARÍA JOSÉ").value()).contains("Í", "Ó", "É");
    }

    @Test
    void private_use_characters_flag_the_record() {
        assertThat(new PersonName("試\uE000験").needsGaijiCheck()).isTrue();
        assertThat(new PersonName("\uDB80\uDC00").needsGaijiCheck()).as("plane 15").isTrue();
        assertThat(new PersonName("\uD842\uDFB7田").needsGaijiCheck()).isFalse();
    }

    @Test
    void former_surname_display_and_no_name_in_to_string() {
        Resident sato = new Resident(new PersonName("佐藤　花子"), Optional.of("サトウ　ハナコ"), Optional.empty(),
                Optional.of(new FormerSurname(new PersonName("\uD842\uDFB7野"), Optional.of("ヨシノ"))),
                LocalDate.of(1985, 4, 1), Sex.FEMALE, "131016", false, true, Optional.empty());
        assertThat(sato.displayNameWithFormerSurname()).isEqualTo("佐藤　花子（旧氏：\uD842\uDFB7野）");
        assertThat(sato.toString()).doesNotContain("佐藤").doesNotContain("花子");
    }

    @Test
    void foreign_resident_fields() {
        ForeignResident zhang = new ForeignResident(new PersonName("ZHANG WEI"), Optional.of(new PersonName("張　偉")),
                Optional.empty(), Optional.empty(), "AB12345678CD", StatusOfResidence.WITH_PERIOD_OF_STAY,
                Optional.of(LocalDate.of(2028, 3, 31)), "CN", false);
        Resident resident = new Resident(new PersonName("ZHANG WEI"), Optional.empty(), Optional.empty(), Optional.empty(),
                LocalDate.of(1992, 8, 8), Sex.MALE, "131016", false, false, Optional.of(zhang));
        assertThat(resident.stayExpiry()).contains(LocalDate.of(2028, 3, 31));
        assertThat(zhang.kanjiName().orElseThrow().value()).isEqualTo("\u5F35\u3000\u5049");
        assertThat(zhang.toString()).doesNotContain("ZHANG").doesNotContain("AB12345678CD");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ForeignResident(new PersonName("KIM IL NAM"), Optional.empty(),
                Optional.of(new PersonName("金田　一男")), Optional.of("カネダ　カズオ"), "X", StatusOfResidence.PERMANENT_RESIDENT,
                Optional.of(LocalDate.of(2030, 1, 1)), "KR", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void length_counts_code_points_without_selectors(@ForAll String s) {
        if (s.isEmpty()) {
            return;
        }
        PersonName name = new PersonName(s);
        long expected = s.codePoints().filter(cp -> !PersonName.isVariationSelector(cp)).count();
        assertThat(name.length()).isEqualTo((int) expected);
        assertThat(name.value()).isSameAs(s);
    }
}
