package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of {@code POST /v1/operations}. A resend of the same entry must produce an equal JSON
 * value (settled detail 3), so every field comes from the stored entry, never from "now".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireOperation(String opId, long seq, String type, String occurredAt, String clerkId, String supervisorId,
        BasedOn basedOn, JsonNode payload) {

    /** The card status version the counter relied on. */
    public record BasedOn(long cardStatusVersion) {
    }
}
