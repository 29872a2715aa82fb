package jp.madoguchi.reports;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import jp.madoguchi.reports.model.CertificateRecord;
import jp.madoguchi.reports.model.DeliveryReceipt;
import jp.madoguchi.reports.model.Kinds;
import jp.madoguchi.reports.model.RenewalNotice;

/**
 * The words and dates the templates print, called from their expressions. Resident-facing forms print
 * 和暦 then 西暦 (令和8年5月26日（2026年）) in Japanese and Gregorian dates in English; staff reports print
 * {@code yyyy-mm-dd} (counter-rules §6). Stateless and thread-safe.
 */
public final class FormText {

    private static final DateTimeFormatter STAFF_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter STAFF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private FormText() {
    }

    /** A resident-facing date: 令和8年5月26日（2026年） in Japanese, 26 May 2026 in English; "" for null. */
    public static String residentDate(LocalDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        if (english(locale)) {
            return EN_DATE.format(date);
        }
        return era(date) + "（" + date.getYear() + "年）";
    }

    /** Resident-facing date and time. */
    public static String residentDateTime(LocalDateTime at, Locale locale) {
        if (at == null) {
            return "";
        }
        if (english(locale)) {
            return EN_TIME.format(at);
        }
        return era(at.toLocalDate()) + String.format(Locale.ROOT, " %d時%02d分", at.getHour(), at.getMinute())
                + "（" + at.getYear() + "年）";
    }

    /** 令和8年5月26日; the first year of an era is 元年, as forms write it. */
    static String era(LocalDate date) {
        JapaneseDate jd = JapaneseDate.from(date);
        JapaneseEra era = jd.getEra();
        int year = jd.get(ChronoField.YEAR_OF_ERA);
        return era.getDisplayName(java.time.format.TextStyle.FULL, Locale.JAPAN)
                + (year == 1 ? "元" : Integer.toString(year)) + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** A staff report's date, {@code yyyy-mm-dd}; "" for null. */
    public static String staffDate(LocalDate date) {
        return date == null ? "" : STAFF_DATE.format(date);
    }

    public static String staffDateTime(LocalDateTime at) {
        return at == null ? "" : STAFF_TIME.format(at);
    }

    /** 3日4時間 / 3 d 4 h: an age in days and hours, minutes when under an hour. */
    public static String age(Duration age) {
        if (age == null) {
            return "";
        }
        long days = age.toDays();
        long hours = age.toHoursPart();
        if (days > 0) {
            return days + "日" + hours + "時間";
        }
        return hours > 0 ? hours + "時間" + age.toMinutesPart() + "分" : age.toMinutesPart() + "分";
    }

    /** ¥1,800 */
    public static String yen(int amount) {
        // Called for every row of a tally: grouping by hand, not String.format (a Formatter per call).
        // Same text as "¥%,d": ¥1,800, ¥-200.
        String digits = Long.toString(Math.abs((long) amount));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 2).append('¥');
        if (amount < 0) {
            out.append('-');
        }
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** The printed word for an enum constant, from {@code labels/Enums}. */
    public static String label(Enum<?> value, Locale locale) {
        if (value == null) {
            return "";
        }
        return enums(locale).getString(value.getDeclaringClass().getSimpleName() + "." + value.name());
    }

    /** A label by key from {@code labels/Enums} (words shared by several forms). */
    public static String word(String key, Locale locale) {
        return enums(locale).getString(key);
    }

    /** Plain strings joined the same way; "" for an empty list. */
    public static String join(List<String> values, Locale locale) {
        return String.join(english(locale) ? ", " : "、", values);
    }

    /** 署名用電子証明書　有効期限 令和13年2月28日（2031年）, one per line. */
    public static String certificates(List<DeliveryReceipt.CertOnCard> certs, Locale locale) {
        if (certs.isEmpty()) {
            return word("none.certificates", locale);
        }
        return certs.stream().map(c -> label(c.kind(), locale) + (english(locale) ? " — valid until " : "　有効期限 ")
                + residentDate(c.expiry(), locale)).collect(Collectors.joining("\n"));
    }

    /** 交付通知書：回収, one per line. */
    public static String items(List<DeliveryReceipt.ItemCollected> items, Locale locale) {
        if (items.isEmpty()) {
            return word("none.items", locale);
        }
        return items.stream().map(i -> label(i.item(), locale) + (english(locale) ? ": " : "：") + label(i.state(), locale))
                .collect(Collectors.joining("\n"));
    }

    /** Which PINs were set and by whom, or that they were preset; never a PIN value. */
    public static String pins(DeliveryReceipt receipt, Locale locale) {
        if (receipt.pinsPreset() || receipt.pinsSet().isEmpty()) {
            return word("pins.preset", locale);
        }
        return receipt.pinsSet().stream().map(p -> label(p.pin(), locale) + (english(locale) ? ": " : "：") + label(p.by(), locale))
                .collect(Collectors.joining("\n"));
    }

    /** The notice's heading: what must be renewed, in plain words. */
    public static String noticeHeading(RenewalNotice notice, Locale locale) {
        String what = notice.items().stream().map(i -> label(i.what(), locale)).distinct()
                .collect(Collectors.joining(english(locale) ? " and " : "と"));
        return english(locale) ? "Please renew " + what + "." : what + "の更新が必要です";
    }

    /** What to bring, numbered, one per line; a photo only when the card itself is renewed (N32). */
    public static String noticeBring(RenewalNotice notice, Locale locale) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(word("bring.card", locale));
        lines.add(word("bring.id", locale));
        lines.add(word("bring.notice", locale));
        if (notice.targets().contains(Kinds.RenewalTarget.CARD)) {
            lines.add(word("bring.photo", locale));
        }
        if (notice.targets().contains(Kinds.RenewalTarget.SIGN) || notice.targets().contains(Kinds.RenewalTarget.AUTH)) {
            lines.add(word("bring.pins", locale));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : "\n").append(i + 1).append(english(locale) ? ". " : "．").append(lines.get(i));
        }
        return out.toString();
    }

    /** 署名用電子証明書　シリアル（下8桁）0A1B2C3D　有効期限 …, one per line. */
    public static String issued(List<CertificateRecord.IssuedCert> certs, Locale locale) {
        return certs.stream().map(c -> label(c.kind(), locale) + "　シリアル（下8桁）" + c.serialLast8() + "　有効期限 "
                + residentDate(c.notAfter(), locale)).collect(Collectors.joining("\n"));
    }

    public static String orDash(Object value) {
        return value == null || value.toString().isBlank() ? "—" : value.toString();
    }

    public static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    private static ResourceBundle enums(Locale locale) {
        // No fallback to the JVM's locale: Japanese is the root bundle, English its only variant.
        return ResourceBundle.getBundle("jp.madoguchi.reports.labels.Enums", english(locale) ? Locale.ENGLISH : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
