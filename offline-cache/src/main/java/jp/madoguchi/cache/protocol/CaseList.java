package jp.madoguchi.cache.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The body of {@code GET /v1/offices/{office}/cases}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseList(List<CentralCase> cases) {
}
