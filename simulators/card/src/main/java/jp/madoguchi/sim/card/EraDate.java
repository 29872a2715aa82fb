package jp.madoguchi.sim.card;

import java.time.LocalDate;

/** Japanese-era {@code YYMMDD} of 照合番号B and the 券面AP birth-date key (card-spec.md §2.4). */
final class EraDate {
    private static final LocalDate REIWA = LocalDate.of(2019, 5, 1);
    private static final LocalDate HEISEI = LocalDate.of(1989, 1, 8);
    private static final LocalDate SHOWA = LocalDate.of(1926, 12, 25);
    private static final LocalDate TAISHO = LocalDate.of(1912, 7, 30);

    private EraDate() {
    }

    static String yymmdd(LocalDate date, boolean gregorian) {
        int year;
        if (gregorian) {
            year = date.getYear() % 100;
        } else if (!date.isBefore(REIWA)) {
            year = date.getYear() - 2018;
        } else if (!date.isBefore(HEISEI)) {
            year = date.getYear() - 1988;
        } else if (!date.isBefore(SHOWA)) {
            year = date.getYear() - 1925;
        } else if (!date.isBefore(TAISHO)) {
            year = date.getYear() - 1911;
        } else {
            throw new IllegalArgumentException("birth dates before 大正 are not supported");
        }
        return String.format("%02d%02d%02d", year, date.getMonthValue(), date.getDayOfMonth());
    }
}
