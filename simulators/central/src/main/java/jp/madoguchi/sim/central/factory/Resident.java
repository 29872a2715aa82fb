package jp.madoguchi.sim.central.factory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import jp.madoguchi.sim.central.Json;

/**
 * A synthetic resident (never a real person, card-spec §5). {@code name} is exactly as central holds
 * it (variant characters, IVS and supplementary-plane characters included, counter-rules §5);
 * foreign residents carry their alphabetic name as {@code name} and may have a kanji name alongside.
 */
public record Resident(String myNumber, String name, String nameFurigana, String nameRomaji, String formerSurname,
        String formerSurnameFurigana, String alias, String kanjiName, LocalDate birthDate, int sex, String address,
        String prefectureRomaji, String cityRomaji, boolean foreign, String nationality, String statusOfResidence,
        LocalDate stayExpiry) {

    /** The resident summary central keeps and puts on the feed (no My Number: the counter never needs it). */
    public ObjectNode summary() {
        ObjectNode n = Json.object().put("name", name);
        putIf(n, "nameFurigana", nameFurigana);
        putIf(n, "nameRomaji", nameRomaji);
        putIf(n, "formerSurname", formerSurname);
        putIf(n, "formerSurnameFurigana", formerSurnameFurigana);
        putIf(n, "alias", alias);
        putIf(n, "kanjiName", kanjiName);
        n.put("birthDate", birthDate.toString()).put("sex", sex).put("address", address);
        if (foreign) {
            n.put("foreignResident", true);
            putIf(n, "alphabeticName", name);
            putIf(n, "nationality", nationality);
            putIf(n, "statusOfResidence", statusOfResidence);
            if (stayExpiry != null) {
                n.put("stayExpiry", stayExpiry.toString());
            }
        }
        return n;
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
