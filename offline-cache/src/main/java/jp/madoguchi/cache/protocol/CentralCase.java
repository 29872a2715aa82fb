package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One follow-up case of {@code GET /v1/offices/{office}/cases}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CentralCase(String caseId, String opId, String terminalId, long seq, String type, String cardSerial,
        String reason, String status, String openedAt) {
}
