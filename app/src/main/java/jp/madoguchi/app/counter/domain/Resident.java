package jp.madoguchi.app.counter.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A resident as central's record gives them (counter-rules §5). Every name is a {@link PersonName}
 * kept exactly as received.
 *
 * @param name                  氏名
 * @param nameFurigana          氏名の振り仮名 (PR-54: nullable for older records)
 * @param nameRomaji            氏名のローマ字表記, as received, never derived from the furigana (PR-55)
 * @param formerSurname         旧氏 with its furigana
 * @param birthDate             生年月日 (Gregorian; eras are only a display, see {@code rules.EraDate})
 * @param sex                   性別
 * @param residenceMunicipality 住所地 municipality code
 * @param movedAway             the resident record shows a move to another municipality after applying ({@code MDG-CARD-009})
 * @param japaneseNational      whether the person is a Japanese national (overseas cards are for nationals only)
 * @param foreign               the foreign-resident fields, for foreign residents
 */
public record Resident(PersonName name, Optional<String> nameFurigana, Optional<String> nameRomaji,
                       Optional<FormerSurname> formerSurname, LocalDate birthDate, Sex sex,
                       String residenceMunicipality, boolean movedAway, boolean japaneseNational,
                       Optional<ForeignResident> foreign) {

    public Resident {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameFurigana, "nameFurigana");
        Objects.requireNonNull(nameRomaji, "nameRomaji");
        Objects.requireNonNull(formerSurname, "formerSurname");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(residenceMunicipality, "residenceMunicipality");
        Objects.requireNonNull(foreign, "foreign");
        if (japaneseNational && foreign.isPresent()) {
            throw new IllegalArgumentException("a Japanese national has no foreign-resident fields");
        }
    }

    /** The end of the period of stay that caps a foreign resident's card and certificates (N8, N12). */
    public Optional<LocalDate> stayExpiry() {
        return foreign.flatMap(ForeignResident::stayExpiry);
    }

    /**
     * The display form 「佐藤　花子（旧氏：𠮷野）」 (counter-rules §5): the name, then the former
     * surname in full-width brackets when there is one. Both parts are copied unchanged.
     */
    public String displayNameWithFormerSurname() {
        return formerSurname.map(f -> name.value() + "（旧氏：" + f.surname().value() + "）").orElse(name.value());
    }

    @Override
    public String toString() {
        return "Resident[" + name + "]";
    }
}
