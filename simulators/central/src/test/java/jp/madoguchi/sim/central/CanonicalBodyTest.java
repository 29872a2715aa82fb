package jp.madoguchi.sim.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import jp.madoguchi.sim.central.domain.OperationIngest;
import org.junit.jupiter.api.Test;

/**
 * The canonical body is stored with every operation and compared with every replay, for ever
 * (sync-protocol item 3): its text must not change between versions of the simulator, or a replay of
 * an operation stored earlier would be refused as OP_ID_REUSED.
 */
class CanonicalBodyTest {

    @Test
    void keeps_defined_fields_only_sorted_with_numbers_by_value_and_escapes() throws Exception {
        String op = "{\"type\":\"PIN_RESET\",\"seq\":7,\"opId\":\"o-1\",\"occurredAt\":\"2026-11-25T00:00:00Z\",\"extra\":\"ignored\","
                + "\"clerkId\":\"C\\\"1\\\\\",\"payload\":{\"z\":1.50,\"a\":[true,null,\"x\\ny\"],\"m\":{\"b\":2,\"a\":\"é髙\"}},"
                + "\"supervisorId\":null}";
        String expected = "{\"clerkId\":\"C\\\"1\\\\\",\"occurredAt\":\"2026-11-25T00:00:00Z\",\"opId\":\"o-1\","
                + "\"payload\":{\"a\":[true,null,\"x\\u000ay\"],\"m\":{\"a\":\"é髙\",\"b\":2},\"z\":1.5},\"seq\":7,"
                + "\"supervisorId\":null,\"type\":\"PIN_RESET\"}";

        assertThat(OperationIngest.canonicalBody(Json.parse(op))).isEqualTo(expected);
        assertThat(OperationIngest.canonicalBody(Json.parse(op.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    @Test
    void key_order_and_whitespace_do_not_matter_but_a_payload_member_does() throws Exception {
        String a = OperationIngest.canonicalBody(Json.parse("{\"opId\":\"x\",\"seq\":1,\"payload\":{\"p\":1,\"q\":[1,2]}}"));
        String b = OperationIngest.canonicalBody(Json.parse(" { \"payload\" : { \"q\" : [1, 2.0], \"p\" : 1 }, \"seq\" : 1, \"opId\" : \"x\" } "));
        String c = OperationIngest.canonicalBody(Json.parse("{\"opId\":\"x\",\"seq\":1,\"payload\":{\"p\":1,\"q\":[1,2],\"r\":0}}"));

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }
}
