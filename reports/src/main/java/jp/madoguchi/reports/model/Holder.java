package jp.madoguchi.reports.model;

import java.time.LocalDate;

/**
 * The card holder as the forms print them (counter-rules §5): names exactly as received, never
 * normalised; optional parts are null when absent.
 */
public record Holder(@NameText String name, String nameFurigana, @NameText String nameRomaji,
                     @NameText String formerSurname, String formerSurnameFurigana, @NameText String alias,
                     LocalDate birthDate) {
    public Holder {
        Fields.required("holder.name", name);
        Fields.required("holder.birthDate", birthDate);
    }

    /** 「佐藤　花子（旧氏：𠮷野）」 with the former surname, and the 通称 when there is one. */
    public String displayName(java.util.Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        StringBuilder out = new StringBuilder(name);
        if (formerSurname != null && !formerSurname.isBlank()) {
            out.append(en ? " (former surname: " : "（旧氏：").append(formerSurname).append(en ? ")" : "）");
        }
        if (alias != null && !alias.isBlank()) {
            out.append(en ? " (alias: " : "（通称：").append(alias).append(en ? ")" : "）");
        }
        return out.toString();
    }

    /** Furigana of the name, and of the former surname after a slash, or null. */
    public String furiganaLine() {
        if (nameFurigana == null || nameFurigana.isBlank()) {
            return null;
        }
        return formerSurnameFurigana == null || formerSurnameFurigana.isBlank()
                ? nameFurigana : nameFurigana + " / " + formerSurnameFurigana;
    }
}
