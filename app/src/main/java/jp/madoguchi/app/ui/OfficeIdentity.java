package jp.madoguchi.app.ui;

import java.util.Map;
import jp.madoguchi.common.Configuration;

/** Which counter this is, from the configuration: office type and code, terminal id. */
public record OfficeIdentity(String type, String code, String terminal) {

    public static OfficeIdentity of(Configuration config) {
        return new OfficeIdentity(config.get("office.type"), config.get("office.code"), config.get("terminal.id"));
    }

    /** "市区町村窓口 131016　端末 T01" in the current language. */
    public String render(Texts texts) {
        String typeText = switch (type) {
            case "MUNICIPAL" -> texts.get("common.officeType.MUNICIPAL");
            case "MISSION" -> texts.get("common.officeType.MISSION");
            case "POST_OFFICE" -> texts.get("common.officeType.POST_OFFICE");
            default -> type;
        };
        return texts.format("common.officeLine", Map.of("type", typeText, "code", code, "terminal", terminal));
    }
}
