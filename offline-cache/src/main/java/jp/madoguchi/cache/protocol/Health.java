package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /v1/health}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(String status, String time) {
}
