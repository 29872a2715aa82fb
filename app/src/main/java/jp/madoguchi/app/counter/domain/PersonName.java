package jp.madoguchi.app.counter.domain;

import java.text.Normalizer;
import java.util.Map;
import java.util.Objects;

/**
 * A name exactly as received from central (counter-rules §5, PR-53): the code-point sequence is kept,
 * supplementary-plane characters and variation selectors included. Nothing here normalises the
 * stored value; only {@link #searchKey()} folds, and that key is never shown, printed or sent.
 *
 * @param value the name as received
 */
public record PersonName(String value) {

    /** PR-53's small variant table, applied to the search key after NFC. */
    private static final Map<Integer, Integer> VARIANTS = Map.of(
            0x9AD9, 0x9AD8,   // 髙 → 高
            0xFA11, 0x5D0E,   // 﨑 → 崎
            0x20BB7, 0x5409,  // 𠮷 → 吉
            0x9089, 0x8FBA,   // 邉 → 辺
            0x908A, 0x8FBA,   // 邊 → 辺
            0x5FB7, 0x5FB3,   // 德 → 徳
            0x7028, 0x702C);  // 瀨 → 瀬

    public PersonName {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a name is never empty");
        }
    }

    /** Whether {@code cp} is a variation selector (U+FE00–FE0F or U+E0100–E01EF). */
    public static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** Whether {@code cp} lies in a private-use area (U+E000–F8FF, planes 15–16): shown as 〓 and flagged. */
    public static boolean isPrivateUse(int cp) {
        return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000;
    }

    /**
     * The length that limits are checked against: code points, not counting variation selectors
     * (never {@link String#length()}, which counts UTF-16 units).
     */
    public int length() {
        return (int) value.codePoints().filter(cp -> !isVariationSelector(cp)).count();
    }

    /** Equality as PR-53 defines it: the same code-point sequence (the record's equals already is). */
    public boolean sameAs(PersonName other) {
        return value.equals(other.value);
    }

    /**
     * The folded search key: selectors removed, compatibility ideographs mapped by NFC, then the
     * variant table. Internal to search; never displayed, printed or sent.
     */
    public String searchKey() {
        StringBuilder withoutSelectors = new StringBuilder(value.length());
        value.codePoints().filter(cp -> !isVariationSelector(cp)).forEach(withoutSelectors::appendCodePoint);
        String nfc = Normalizer.normalize(withoutSelectors, Normalizer.Form.NFC);
        StringBuilder key = new StringBuilder(nfc.length());
        nfc.codePoints().map(cp -> VARIANTS.getOrDefault(cp, cp)).forEach(key::appendCodePoint);
        return key.toString();
    }

    /** Whether the record must be flagged 「外字要確認」 because a code point is from a private-use area. */
    public boolean needsGaijiCheck() {
        return value.codePoints().anyMatch(PersonName::isPrivateUse);
    }

    @Override
    public String toString() {
        // Names are personal data: keep them out of logs that print records.
        return "PersonName[" + length() + " chars]";
    }
}
