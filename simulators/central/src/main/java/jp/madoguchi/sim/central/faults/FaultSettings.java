package jp.madoguchi.sim.central.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.madoguchi.sim.central.Json;

/**
 * One set of fault switches (all off by default). Rates are probabilities 0..1 per request, drawn
 * from {@code seed} and the request's number, so the same seed and request order give the same faults.
 *
 * @param latencyMillis     added to every request
 * @param errorRate         share answered 500 INJECTED_ERROR
 * @param unavailableRate   share answered 503 with Retry-After
 * @param retryAfterSeconds the Retry-After of those 503s
 * @param resetRate         share whose TCP connection is reset without an answer
 * @param hangRate          share that hang without an answer until the client gives up
 * @param partition         refuse every connection (the listening socket is closed)
 * @param throttleRate      share answered 429 TOO_MANY_REQUESTS with the same Retry-After (nothing applied)
 */
public record FaultSettings(long latencyMillis, double errorRate, double unavailableRate, int retryAfterSeconds,
        double resetRate, double hangRate, boolean partition, long seed, double throttleRate) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 1, 0, 0, false, 0, 0);

    /** The settings without throttling (the form callers used before 429 existed). */
    public FaultSettings(long latencyMillis, double errorRate, double unavailableRate, int retryAfterSeconds,
            double resetRate, double hangRate, boolean partition, long seed) {
        this(latencyMillis, errorRate, unavailableRate, retryAfterSeconds, resetRate, hangRate, partition, seed, 0);
    }

    public boolean any() {
        return latencyMillis > 0 || errorRate > 0 || unavailableRate > 0 || resetRate > 0 || hangRate > 0 || partition
                || throttleRate > 0;
    }

    /** These settings with the fields present in {@code json} replaced (absent fields keep their value). */
    public FaultSettings with(JsonNode json) {
        FaultSettings f = new FaultSettings(json.path("latencyMillis").asLong(latencyMillis),
                rate(json, "errorRate", errorRate), rate(json, "unavailableRate", unavailableRate),
                json.path("retryAfterSeconds").asInt(retryAfterSeconds), rate(json, "resetRate", resetRate),
                rate(json, "hangRate", hangRate), json.path("partition").asBoolean(partition), json.path("seed").asLong(seed),
                rate(json, "throttleRate", throttleRate));
        if (f.latencyMillis < 0 || f.retryAfterSeconds < 0) {
            throw new IllegalArgumentException("latencyMillis and retryAfterSeconds must not be negative");
        }
        return f;
    }

    private static double rate(JsonNode json, String field, double current) {
        double r = json.path(field).asDouble(current);
        if (r < 0 || r > 1) {
            throw new IllegalArgumentException(field + " must lie between 0 and 1");
        }
        return r;
    }

    public ObjectNode toJson() {
        return Json.object().put("latencyMillis", latencyMillis).put("errorRate", errorRate).put("unavailableRate", unavailableRate)
                .put("retryAfterSeconds", retryAfterSeconds).put("resetRate", resetRate).put("hangRate", hangRate)
                .put("partition", partition).put("seed", seed).put("throttleRate", throttleRate);
    }
}
