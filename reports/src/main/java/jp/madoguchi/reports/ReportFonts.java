package jp.madoguchi.reports;

/**
 * The font families of the extension ({@code jp/madoguchi/reports/fonts/fonts.xml}): every template
 * names one of these, never a system font.
 */
public final class ReportFonts {

    /** Names (氏名): IPAmj明朝, which holds the 戸籍統一文字 and the registered IVS (counter-rules §5). */
    public static final String NAME = "IPAmjMincho";
    /** Everything else (letters to residents use IPAexMincho, which covers the same characters). */
    public static final String TEXT = "IPAexGothic";

    private ReportFonts() {
    }
}
