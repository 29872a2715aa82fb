package jp.madoguchi.sim.central.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An HTTP status and JSON body produced by the ingest or the CA, independent of the web framework:
 * either a tree ({@code body}) or, for the large answers written straight to text, the JSON text
 * ({@code text}, then {@code body} is null). Error answers are always trees, so a request id can be added.
 */
public record IngestAnswer(int status, ObjectNode body, String text) {

    public IngestAnswer(int status, ObjectNode body) {
        this(status, body, null);
    }

    /** An answer whose body is already JSON text. */
    public static IngestAnswer text(int status, String json) {
        return new IngestAnswer(status, null, json);
    }

    public static IngestAnswer error(int status, String code, String message) {
        return new IngestAnswer(status, jp.madoguchi.sim.central.Json.object().put("code", code).put("message", message));
    }
}
