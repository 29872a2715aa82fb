package jp.madoguchi.reports;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One report the workstation prints: its name (as {@code ./mado report NAME} knows it), its compiled
 * template, the record that fills it, the languages it exists in, how the record becomes the
 * template's detail rows, and a synthetic example.
 *
 * @param languages "ja" always; "en" too for forms the resident takes home (counter-rules §6)
 */
public record ReportType<T extends Record>(String name, String template, String title, Class<T> dataType,
                                           List<String> languages, Function<T, List<? extends Record>> rows,
                                           Supplier<T> example) {

    public boolean speaks(String language) {
        return languages.contains(language);
    }
}
