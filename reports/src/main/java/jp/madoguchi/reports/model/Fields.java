package jp.madoguchi.reports.model;

import java.util.List;
import java.util.Map;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.ReportFailure;

/** The checks the records' constructors share: a missing required value is {@code MDG-REPORT-002}. */
final class Fields {

    private Fields() {
    }

    static <T> T required(String field, T value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new MadoguchiException(ReportFailure.FIELD_MISSING, Map.of("field", field));
        }
        return value;
    }

    /** A null list is an empty one: "nothing collected" and "no list given" print the same. */
    static <T> List<T> list(String field, List<T> value) {
        if (value == null) {
            return List.of();
        }
        for (T element : value) {
            required(field, element);
        }
        return List.copyOf(value);
    }
}
