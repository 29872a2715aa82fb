package jp.madoguchi.app.counter.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A Gregorian date in its Japanese era (和暦), for resident-facing forms (counter-rules §6) and the
 * era {@code YYMMDD} of the card's birth-date keys (card-spec §2.4). Validity is always computed on
 * the Gregorian date; this is only how a date is written.
 *
 * <p>Era starts per card-spec §2.4: 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01;
 * earlier dates are 明治 (from 1868-01-25 in the Gregorian calendar; earlier dates are refused).
 *
 * @param era       the era
 * @param yearOfEra the year within the era (1 = 元年)
 * @param date      the Gregorian date
 */
public record EraDate(Era era, int yearOfEra, LocalDate date) {

    public enum Era {
        MEIJI("明治", LocalDate.of(1868, 1, 25)),
        TAISHO("大正", LocalDate.of(1912, 7, 30)),
        SHOWA("昭和", LocalDate.of(1926, 12, 25)),
        HEISEI("平成", LocalDate.of(1989, 1, 8)),
        REIWA("令和", LocalDate.of(2019, 5, 1));

        private final String kanji;
        private final LocalDate start;

        Era(String kanji, LocalDate start) {
            this.kanji = kanji;
            this.start = start;
        }

        public String kanji() {
            return kanji;
        }

        public LocalDate start() {
            return start;
        }
    }

    public EraDate {
        Objects.requireNonNull(era, "era");
        Objects.requireNonNull(date, "date");
    }

    /** The era date of {@code date}. */
    public static EraDate of(LocalDate date) {
        Era[] eras = Era.values();
        for (int i = eras.length - 1; i >= 0; i--) {
            if (!date.isBefore(eras[i].start())) {
                return new EraDate(eras[i], date.getYear() - eras[i].start().getYear() + 1, date);
            }
        }
        throw new IllegalArgumentException("date before the Meiji era");
    }

    /** Era year, month and day as six digits, e.g. 1990-05-05 → {@code 020505} (平成2年). */
    public String yymmdd() {
        return String.format("%02d%02d%02d", yearOfEra % 100, date.getMonthValue(), date.getDayOfMonth());
    }

    /** 「令和8年5月26日」; the first year of an era is written 元年. */
    public String japaneseText() {
        String year = yearOfEra == 1 ? "元" : Integer.toString(yearOfEra);
        return era.kanji() + year + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** The resident-form style of §6: 「令和8年5月26日（2026年）」. */
    public String residentFormText() {
        return japaneseText() + "（" + date.getYear() + "年）";
    }
}
