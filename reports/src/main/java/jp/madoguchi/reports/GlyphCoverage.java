package jp.madoguchi.reports;

import java.awt.Font;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.NameText;
import net.sf.jasperreports.engine.JRPrintElement;
import net.sf.jasperreports.engine.JRPrintFrame;
import net.sf.jasperreports.engine.JRPrintText;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.fonts.FontUtil;

/**
 * Checks, before a report is filled, that every character of every text in its record can be drawn by
 * the font that will print it: names ({@link NameText}) by IPAmj明朝, everything else by IPAex. A
 * character that cannot be drawn stops the report with {@code MDG-REPORT-001} naming its code point
 * and field, because JasperReports would otherwise print a blank. Private-use code points are refused
 * too (counter-rules §5). Variation selectors are not glyphs of their own: a registered sequence takes
 * the font's variant glyph, any other is drawn as its base character (§5, example 6). Texts longer than
 * {@link #MAX_TEXT} code points are refused with {@code MDG-REPORT-003}. After filling, every text
 * element of the result is checked again against its own font, which also covers the templates' words.
 *
 * <p>Thread-safe: AWT fonts are immutable.
 */
public final class GlyphCoverage {

    /** Longer than any real name, address or note; a 2,000-character address is an input error. */
    public static final int MAX_TEXT = 400;

    private final FontUtil fonts;
    private final Map<String, Font> byFamily = new ConcurrentHashMap<>();
    private final Font nameFont;
    private final Font textFont;

    GlyphCoverage(JasperReportsContext context) {
        this.fonts = FontUtil.getInstance(context);
        this.nameFont = family(ReportFonts.NAME);
        this.textFont = family(ReportFonts.TEXT);
    }

    private Font family(String name) {
        return byFamily.computeIfAbsent(name, n -> {
            Font font = fonts.getAwtFontFromBundles(n, Font.PLAIN, 10f, Locale.JAPANESE, true);
            if (font == null) {
                throw new MadoguchiException(ReportFailure.TEMPLATE_MISSING, Map.of("report", "font " + n));
            }
            return font;
        });
    }

    /**
     * Checks every text the filled report will draw (template words included) against the font the
     * template gave it: the last guard before export, for what no record field names.
     */
    public void check(JasperPrint print) {
        for (int page = 0; page < print.getPages().size(); page++) {
            checkElements(print.getPages().get(page).getElements(), print.getName() + " page " + (page + 1));
        }
    }

    private void checkElements(List<JRPrintElement> elements, String where) {
        for (JRPrintElement element : elements) {
            if (element instanceof JRPrintFrame frame) {
                checkElements(frame.getElements(), where);
            } else if (element instanceof JRPrintText text) {
                String value = text.getFullText();
                if (value != null && !value.isEmpty()) {
                    checkWith(value, where, family(text.getFontName()), false);
                }
            }
        }
    }

    /** Walks a record (nested records and lists included) and checks every string component. */
    public void check(Record data) {
        walk(data, "", false);
    }

    /** {@code names}: the value came from a {@link NameText} component (a list of names, say). */
    private void walk(Object value, String path, boolean names) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object child = read(record, component);
                String childPath = path.isEmpty() ? component.getName() : path + "." + component.getName();
                boolean name = component.isAnnotationPresent(NameText.class);
                if (child instanceof String text) {
                    check(text, childPath, name);
                } else {
                    walk(child, childPath, name);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                if (element instanceof String text) {
                    check(text, path + "[" + i + "]", names);
                } else {
                    walk(element, path + "[" + i + "]", false);
                }
            }
        }
    }

    /** Checks one text against the name font or the text font. */
    public void check(String text, String field, boolean name) {
        checkWith(text, field, name ? nameFont : textFont, true);
    }

    private static void checkWith(String text, String field, Font font, boolean limitLength) {
        int length = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isVariationSelector(cp)) {
                continue;
            }
            length++;
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                continue;
            }
            if (isPrivateUse(cp) || !font.canDisplay(cp)) {
                throw new MadoguchiException(ReportFailure.GLYPH_MISSING,
                        Map.of("field", field, "codePoint", codePoint(cp)));
            }
        }
        if (limitLength && length > MAX_TEXT) {
            throw new MadoguchiException(ReportFailure.TEXT_TOO_LONG, Map.of("field", field, "length", length, "max", MAX_TEXT));
        }
    }

    static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    static boolean isPrivateUse(int cp) {
        return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000;
    }

    /** U+20BB7 */
    public static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
