package jp.madoguchi.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.madoguchi.common.MadoguchiException;

/**
 * The JSON form of the report records ({@code ./mado report NAME --data FILE.json}): dates as ISO
 * strings, durations as ISO-8601 ({@code PT42M}), unknown properties refused so a typo is not printed
 * as an empty field. Thread-safe (ObjectMapper is, once configured).
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ReportJson() {
    }

    public static String write(Record data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + data.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads the record; a coded error from the record's own checks (a missing field) comes out as
     * itself, anything else unreadable as {@code MDG-REPORT-009}.
     */
    public static <T extends Record> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (JsonMappingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MadoguchiException coded) {
                    throw coded;
                }
            }
            // Jackson's own message may quote the value, which may be personal data: name the place only.
            String what = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
                    ? "unknown field \"" + u.getPropertyName() + "\"" : "wrong type or value";
            throw unreadable(file, what + " at " + path(e), e);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw unreadable(file, "not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw unreadable(file, e.getClass().getSimpleName(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            out.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return out.toString();
    }

    private static MadoguchiException unreadable(Path file, String detail, Exception e) {
        return new MadoguchiException(ReportFailure.DATA_UNREADABLE, Map.of("source", file.toString(), "detail", detail), e);
    }
}
