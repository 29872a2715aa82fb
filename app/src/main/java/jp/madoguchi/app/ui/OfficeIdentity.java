package jp.madoguchi.app.ui;

import java.util.Map;
import jp.madoguchi.app.reporting.OfficeLetterhead;
import jp.madoguchi.common.Configuration;

/**
 * Which counter this is, from the configuration: office type and code, terminal id, and the office as
 * residents' letters name it ({@code office.name}, {@code office.address}, {@code office.hours},
 * {@code office.telephone}).
 */
public record OfficeIdentity(String type, String code, String terminal, OfficeLetterhead letterhead) {

    /** A counter without a configured letterhead (renewal letters are then refused with the keys named). */
    public OfficeIdentity(String type, String code, String terminal) {
        this(type, code, terminal, OfficeLetterhead.none());
    }

    public static OfficeIdentity of(Configuration config) {
        return new OfficeIdentity(config.get("office.type"), config.get("office.code"), config.get("terminal.id"),
                OfficeLetterhead.of(config));
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
