package jp.madoguchi.reports;

import java.awt.Font;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>{@link #missing} tells which code points of a text a font lacks, so the caller can print 〓 in
 * their place and flag the record ({@link GaijiSubstitution}) instead of being refused.
 *
 * <p>Thread-safe: AWT fonts are immutable; fonts are opened on first use (a report without names never
 * opens IPAmj明朝) and kept.
 */
public final class GlyphCoverage {

    /** Longer than any real name, address or note; a 2,000-character address is an input error. */
    public static final int MAX_TEXT = 400;

    private final FontUtil fonts;
    private final Map<String, Font> byFamily = new ConcurrentHashMap<>();
    private final ClassValue<Component[]> components = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] declared = type.getRecordComponents();
            Component[] result = new Component[declared.length];
            for (int i = 0; i < declared.length; i++) {
                result[i] = new Component(declared[i].getName(), declared[i].getAccessor(),
                        declared[i].isAnnotationPresent(NameText.class));
            }
            return result;
        }
    };

    /** A record component as the walk needs it: read once per record class, not once per record. */
    record Component(String name, Method accessor, boolean nameText) {
        Object read(Record record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
    }

    Component[] components(Class<?> recordType) {
        return components.get(recordType);
    }

    GlyphCoverage(JasperReportsContext context) {
        this.fonts = FontUtil.getInstance(context);
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

    private Font font(boolean name) {
        return family(name ? ReportFonts.NAME : ReportFonts.TEXT);
    }

    /**
     * Checks every text the filled report will draw (template words included) against the font the
     * template gave it: the last guard before export, for what no record field names. A text met
     * before in the same font is not checked again (a tally repeats the same few words 10,000 times).
     */
    public void check(JasperPrint print) {
        Map<String, Set<String>> seen = new HashMap<>();
        for (int page = 0; page < print.getPages().size(); page++) {
            checkElements(print.getPages().get(page).getElements(), print.getName(), page + 1, seen);
        }
    }

    private void checkElements(List<JRPrintElement> elements, String report, int page, Map<String, Set<String>> seen) {
        for (JRPrintElement element : elements) {
            if (element instanceof JRPrintFrame frame) {
                checkElements(frame.getElements(), report, page, seen);
            } else if (element instanceof JRPrintText text) {
                String value = text.getFullText();
                if (value != null && !value.isEmpty()
                        && seen.computeIfAbsent(text.getFontName(), f -> new HashSet<>()).add(value)) {
                    int bad = firstMissing(value, family(text.getFontName()));
                    if (bad >= 0) {
                        throw glyphMissing(report + " page " + page, bad);
                    }
                }
            }
        }
    }

    /** Walks a record (nested records and lists included) and checks every string component. */
    public void check(Record data) {
        walk(data, null, false);
    }

    /** {@code names}: the value came from a {@link NameText} component (a list of names, say). */
    private void walk(Object value, FieldPath path, boolean names) {
        if (value instanceof Record record) {
            for (Component component : components(record.getClass())) {
                Object child = component.read(record);
                FieldPath childPath = new FieldPath(path, component.name(), -1);
                if (child instanceof String text) {
                    check(text, childPath, component.nameText());
                } else if (child instanceof Record || child instanceof List<?>) {
                    walk(child, childPath, component.nameText());
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                if (element instanceof String text) {
                    check(text, new FieldPath(path, null, i), names);
                } else {
                    walk(element, new FieldPath(path, null, i), false);
                }
            }
        }
    }

    /** Checks one text against the name font or the text font. */
    public void check(String text, String field, boolean name) {
        check(text, new FieldPath(null, field, -1), name);
    }

    private void check(String text, FieldPath field, boolean name) {
        int bad = firstMissing(text, font(name));
        if (bad >= 0) {
            throw glyphMissing(field.toString(), bad);
        }
        int length = length(text);
        if (length > MAX_TEXT) {
            throw new MadoguchiException(ReportFailure.TEXT_TOO_LONG,
                    Map.of("field", field.toString(), "length", length, "max", MAX_TEXT));
        }
    }

    /**
     * The code points of {@code text} that the name font ({@code name}) or the text font cannot draw,
     * private-use code points included, each once, in order of first appearance; empty when all can be
     * drawn. Variation selectors and line breaks are never listed.
     */
    public List<Integer> missing(String text, boolean name) {
        Font font = font(name);
        List<Integer> missing = new ArrayList<>(0);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!drawable(cp, font) && !missing.contains(cp)) {
                missing.add(cp);
            }
        }
        return missing;
    }

    /** Whether the name font or the text font draws {@code cp} (variation selectors and breaks count as drawable). */
    boolean drawable(int cp, boolean name) {
        return drawable(cp, font(name));
    }

    private static int firstMissing(String text, Font font) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!drawable(cp, font)) {
                return cp;
            }
        }
        return -1;
    }

    private static boolean drawable(int cp, Font font) {
        if (isVariationSelector(cp) || cp == '\n' || cp == '\r' || cp == '\t') {
            return true;
        }
        return !isPrivateUse(cp) && font.canDisplay(cp);
    }

    /** Code points, not counting variation selectors (counter-rules §5). */
    private static int length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!isVariationSelector(cp)) {
                length++;
            }
        }
        return length;
    }

    private static MadoguchiException glyphMissing(String field, int cp) {
        return new MadoguchiException(ReportFailure.GLYPH_MISSING, Map.of("field", field, "codePoint", codePoint(cp)));
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

    /** Where a text sits in a record ({@code holder.name}, {@code lines[3].clerkName}), built only when shown. */
    record FieldPath(FieldPath parent, String name, int index) {
        @Override
        public String toString() {
            String own = name != null ? name : "[" + index + "]";
            if (parent == null) {
                return own;
            }
            return parent + (name != null ? "." : "") + own;
        }
    }
}
