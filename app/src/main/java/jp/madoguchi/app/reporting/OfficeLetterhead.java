package jp.madoguchi.app.reporting;

import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.reports.model.RenewalNotice;

/**
 * Where a resident goes, as the renewal letter prints it (counter-rules §6.5 "where to go"): the
 * office's name, address, opening hours and telephone from the configuration keys
 * {@code office.name}, {@code office.address}, {@code office.hours}, {@code office.telephone}. Blank
 * values are kept blank: letters are refused (with the missing keys named) rather than printed with an
 * invented address.
 */
public record OfficeLetterhead(String name, String address, String openingHours, String telephone) {

    /** The configuration keys, in the order {@link #missing()} names them. */
    public static final List<String> KEYS = List.of("office.name", "office.address", "office.hours", "office.telephone");

    public OfficeLetterhead {
        name = strip(name);
        address = strip(address);
        openingHours = strip(openingHours);
        telephone = strip(telephone);
    }

    public static OfficeLetterhead of(Configuration config) {
        return new OfficeLetterhead(config.get(KEYS.get(0)), config.get(KEYS.get(1)), config.get(KEYS.get(2)),
                config.get(KEYS.get(3)));
    }

    /** No letterhead configured: letters cannot be made. */
    public static OfficeLetterhead none() {
        return new OfficeLetterhead("", "", "", "");
    }

    /** The configuration keys still blank; empty when letters can be printed. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        String[] values = {name, address, openingHours, telephone};
        for (int i = 0; i < values.length; i++) {
            if (values[i].isEmpty()) {
                missing.add(KEYS.get(i));
            }
        }
        return missing;
    }

    /** The office as the letter prints it; MDG-REPORT-002 names the first blank field. */
    RenewalNotice.Office asNoticeOffice() {
        return new RenewalNotice.Office(name, address, openingHours, telephone);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
