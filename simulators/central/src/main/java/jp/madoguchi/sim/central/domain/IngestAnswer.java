package jp.madoguchi.sim.central.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An HTTP status and JSON body produced by the ingest or the CA, independent of the web framework. */
public record IngestAnswer(int status, ObjectNode body) {

    public static IngestAnswer error(int status, String code, String message) {
        return new IngestAnswer(status, jp.madoguchi.sim.central.Json.object().put("code", code).put("message", message));
    }
}
