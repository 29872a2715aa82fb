package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The 200 answer to a batch: the highest contiguous seq central holds, and one result per op in batch order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchResponse(long ackedSeq, List<OperationResult> results) {
}
