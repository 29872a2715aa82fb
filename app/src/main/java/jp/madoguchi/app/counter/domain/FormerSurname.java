package jp.madoguchi.app.counter.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * 旧氏 and its furigana (counter-rules §5). Changing it revokes {@code SIGN}.
 *
 * @param surname  the former surname as received
 * @param furigana its furigana as received, when central holds one
 */
public record FormerSurname(PersonName surname, Optional<String> furigana) {
    public FormerSurname {
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(furigana, "furigana");
    }
}
