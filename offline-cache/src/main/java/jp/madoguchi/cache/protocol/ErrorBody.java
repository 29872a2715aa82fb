package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Every non-2xx answer (settled detail 11); {@code expectedSeq} only on 409. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(String code, String message, String requestId, Long expectedSeq) {
}
