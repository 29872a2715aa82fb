package jp.madoguchi.sim.central;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The one JSON mapper of the simulator and the canonical form used to compare operation bodies. Thread-safe. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** Parses UTF-8 bytes (a request body) directly. */
    public static JsonNode parse(byte[] utf8) throws JsonProcessingException {
        try {
            return MAPPER.readTree(utf8);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading from a byte array failed", e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ISO-8601 UTC with Z, whole seconds (sync-protocol item 9). */
    public static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Canonical text of a JSON value: object keys sorted, numbers compared by value, no whitespace.
     * Two bodies are "the same" (sync-protocol item 3) exactly when their canonical texts are equal.
     */
    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out);
        return out.toString();
    }

    /**
     * {@link #canonical} of the object whose members are named {@code sortedNames} (in {@link String#compareTo}
     * order) with the values at the same places in {@code values}; a null value leaves its member out. The
     * caller picks the members it wants without building that object first.
     */
    public static String canonical(List<String> sortedNames, JsonNode[] values) {
        // Room for a typical operation from the start: growing the builder showed up in the request threads' samples.
        StringBuilder out = new StringBuilder(1024);
        out.append('{');
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            JsonNode value = values[i];
            if (value == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(sortedNames.get(i), out);
            out.append(':');
            canonical(value, out);
        }
        return out.append('}').toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            // The members themselves are sorted by name (names are unique within an object): looking each
            // value up again by its name cost a hash look-up per member.
            @SuppressWarnings("unchecked")
            Map.Entry<String, JsonNode>[] members = node.properties().toArray(new Map.Entry[0]);
            Arrays.sort(members, Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(members[i].getKey(), out);
                out.append(':');
                canonical(members[i].getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isInt() || node.isLong()) {
            // The same digits the BigDecimal path below gives an integer, without allocating one per seq,
            // count or version (JFR: the canonical body is a tenth of a request thread's samples).
            out.append(node.longValue());
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            out.append(d.signum() == 0 ? "0" : d.toPlainString());
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else {
            out.append(node.toString());
        }
    }

    /**
     * Appends {@code s} as a JSON string literal; written by hand because a Jackson generator per key
     * dominated the ingest's CPU profile. Runs without anything to escape (nearly every value) are
     * appended whole.
     */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        int i = 0;
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\' || ch < 0x20) {
                break;
            }
            i++;
        }
        if (i == n) {
            // Nothing to escape (nearly every value): append the whole String in one copy.
            out.append(s).append('"');
            return;
        }
        int start = 0;
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\' || ch < 0x20) {
                out.append(s, start, i);
                if (ch == '"') {
                    out.append("\\\"");
                } else if (ch == '\\') {
                    out.append("\\\\");
                } else {
                    out.append(String.format("\\u%04x", (int) ch));
                }
                start = i + 1;
            }
        }
        out.append(s, start, n).append('"');
    }
}
