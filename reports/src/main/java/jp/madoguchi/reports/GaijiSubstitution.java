package jp.madoguchi.reports;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import jp.madoguchi.reports.GlyphCoverage.Component;
import jp.madoguchi.reports.GlyphCoverage.FieldPath;
import jp.madoguchi.reports.model.NameText;
import jp.madoguchi.reports.model.SyncReport.GaijiFlag;

/**
 * Counter-rules §5: in a name, a code point the name font (IPAmj明朝) cannot draw, or one from a
 * private-use area, is printed as 〓 (U+3013), and the record is flagged 「外字要確認」 so the clerk
 * writes the character by hand on the paper and the flag reaches the sync report (§6.6). This is the
 * one place where report data is mapped that way: {@link #apply} returns a copy of the record with
 * every {@link NameText} text substituted, and one {@link GaijiFlag} per field and code point. The
 * caller's own record (what is stored and sent) is never changed.
 *
 * <p>A variation selector right after a substituted character is dropped from the printed text (it
 * would select nothing on 〓). Only names are substituted: any other text the text font cannot draw
 * still stops the report with {@code MDG-REPORT-001}, because there is no rule for printing it.
 *
 * <p>Thread-safe: stateless apart from the engine's fonts.
 */
public final class GaijiSubstitution {

    /** 〓 (geta mark, U+3013), drawn by every shipped font. */
    public static final int GETA = 0x3013;

    /**
     * The record as it is to be printed, and the flags to store with the record it came from.
     *
     * @param flags empty when every name can be drawn as it is; then {@code data} is the record given
     */
    public record Result<T extends Record>(T data, List<GaijiFlag> flags) {
        public Result {
            Objects.requireNonNull(data, "data");
            flags = List.copyOf(flags);
        }

        /** Whether the paper needs a handwritten correction (「外字要確認」). */
        public boolean needsHandCorrection() {
            return !flags.isEmpty();
        }
    }

    private final GlyphCoverage coverage;

    GaijiSubstitution(GlyphCoverage coverage) {
        this.coverage = coverage;
    }

    /**
     * {@code data} with 〓 for every undrawable code point of its names, and a flag per field and code
     * point carrying {@code recordId} (the operation id of a counter form, the resident's record id of
     * a notice).
     */
    public <T extends Record> Result<T> apply(T data, String recordId) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(recordId, "recordId");
        List<GaijiFlag> flags = new ArrayList<>();
        @SuppressWarnings("unchecked")
        T printable = (T) map(data, null, false, recordId, flags);
        return new Result<>(printable, flags);
    }

    /** The value with its names substituted; the same instance when nothing needed it. */
    private Object map(Object value, FieldPath path, boolean names, String recordId, List<GaijiFlag> flags) {
        if (value instanceof String text) {
            return names ? substitute(text, path, recordId, flags) : text;
        }
        if (value instanceof Record record) {
            Component[] components = coverage.components(record.getClass());
            Object[] values = new Object[components.length];
            boolean changed = false;
            for (int i = 0; i < components.length; i++) {
                Object old = components[i].read(record);
                values[i] = map(old, new FieldPath(path, components[i].name(), -1), components[i].nameText(), recordId, flags);
                changed |= values[i] != old;
            }
            return changed ? construct(record.getClass(), values) : record;
        }
        if (value instanceof List<?> list) {
            List<Object> mapped = new ArrayList<>(list.size());
            boolean changed = false;
            for (int i = 0; i < list.size(); i++) {
                Object old = list.get(i);
                Object now = map(old, new FieldPath(path, null, i), names && old instanceof String, recordId, flags);
                mapped.add(now);
                changed |= now != old;
            }
            return changed ? Collections.unmodifiableList(mapped) : list;
        }
        return value;
    }

    private String substitute(String text, FieldPath path, String recordId, List<GaijiFlag> flags) {
        List<Integer> missing = coverage.missing(text, true);
        if (missing.isEmpty()) {
            return text;
        }
        for (int cp : missing) {
            flags.add(new GaijiFlag(recordId, GlyphCoverage.codePoint(cp), path.toString()));
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean afterGeta = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (GlyphCoverage.isVariationSelector(cp) && afterGeta) {
                continue;
            }
            afterGeta = missing.contains(cp);
            out.appendCodePoint(afterGeta ? GETA : cp);
        }
        return out.toString();
    }

    private static Record construct(Class<? extends Record> type, Object[] values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<? extends Record> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName(), e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName(), e.getCause());
        }
    }
}
