package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One page of {@code GET /v1/offices/{office}/feed}: events in central order, the checkpoint after them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedPage(List<JsonNode> events, String checkpoint, boolean more) {
}
