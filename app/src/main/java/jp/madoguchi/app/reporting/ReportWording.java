package jp.madoguchi.app.reporting;

import java.util.Locale;
import java.util.ResourceBundle;

/** The few words the assembled reports print themselves (Japanese: these reports are Japanese only). */
final class ReportWording {

    private static final ResourceBundle WORDS = ResourceBundle.getBundle("jp.madoguchi.app.reporting.ReportWording",
            Locale.JAPANESE);

    private ReportWording() {
    }

    static String get(String key) {
        return WORDS.getString(key);
    }
}
