package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Central's answer for one op. {@code originalOutcome} (and the other fields) repeat the first answer
 * when {@code outcome} is DUPLICATE (settled detail 4).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperationResult(String opId, String outcome, String originalOutcome, String reason, Long cardStatusVersion,
        String caseId) {
}
