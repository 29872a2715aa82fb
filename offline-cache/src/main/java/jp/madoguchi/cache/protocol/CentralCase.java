package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One follow-up case of {@code GET /v1/offices/{office}/cases}; {@code closedBy} and {@code resolution}
 * are present once the case is CLOSED (the reference central adds them; absent elsewhere = null).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CentralCase(String caseId, String opId, String terminalId, long seq, String type, String cardSerial,
        String reason, String status, String openedAt, String closedBy, String resolution) {
}
