package jp.madoguchi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch body written straight from the stored bytes, and the streaming read of central's answer: the
 * body is the JSON value sync-protocol.md defines (absent optional fields omitted, strings escaped, the
 * payload carried byte for byte), and the answer's results come out in order with unknown fields skipped.
 * The end-to-end drains against the reference central (SyncEngineTest, PartitionTest, CrashTest) check
 * that central accepts these bodies and that a resend is the same value (DUPLICATE, never OP_ID_REUSED).
 */
class BatchWireTest {

    private static final String PAYLOAD = "{\"cardSerial\":\"100000000000001\",\"name\":\"髙橋 \\\"𠮷\\\"\\n\",\"idMethod\":[\"ID_A\"]}";

    @Test
    void theBodyIsTheProtocolsJsonWithThePayloadCopiedAsStored() throws IOException {
        byte[] payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        List<PendingOperation> ops = List.of(
                new PendingOperation(7, "0190f0e0-0000-7000-8000-000000000007", "DELIVERY_COMPLETED", 1_764_032_400_123L, "C\"01",
                        "S001", 4L, payload),
                new PendingOperation(8, "0190f0e0-0000-7000-8000-000000000008", "AUDIT_HEAD", 1_764_032_400_000L, null, null, null,
                        "{\"hash\":\"ab\",\"count\":2}".getBytes(StandardCharsets.UTF_8)));
        byte[] body = CentralClient.body("T\\01", ops);

        JsonNode tree = CacheStore.JSON.readTree(body);
        assertThat(tree.path("terminalId").asText()).isEqualTo("T\\01");
        JsonNode first = tree.path("operations").get(0);
        assertThat(first.path("opId").asText()).isEqualTo("0190f0e0-0000-7000-8000-000000000007");
        assertThat(first.path("seq").asLong()).isEqualTo(7);
        assertThat(first.path("type").asText()).isEqualTo("DELIVERY_COMPLETED");
        assertThat(first.path("occurredAt").asText()).isEqualTo("2025-11-25T01:00:00.123Z");
        assertThat(first.path("clerkId").asText()).isEqualTo("C\"01");
        assertThat(first.path("supervisorId").asText()).isEqualTo("S001");
        assertThat(first.path("basedOn").path("cardStatusVersion").asLong()).isEqualTo(4);
        assertThat(first.path("payload")).isEqualTo(CacheStore.JSON.readTree(payload));
        assertThat(first.path("payload").path("name").asText()).isEqualTo("髙橋 \"𠮷\"\n");
        JsonNode second = tree.path("operations").get(1);
        assertThat(second.has("clerkId")).isFalse();
        assertThat(second.has("supervisorId")).isFalse();
        assertThat(second.has("basedOn")).isFalse();
        assertThat(second.path("occurredAt").asText()).isEqualTo("2025-11-25T01:00:00Z");
        assertThat(tree.path("operations").size()).isEqualTo(2);
        // The stored bytes are in the body as they are (no re-serialisation): a resend is byte for byte the same.
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"payload\":" + PAYLOAD + "}");
        assertThat(CentralClient.body("T\\01", ops)).isEqualTo(body);
    }

    @Test
    void onlyAJsonObjectPassesTheStoredPayloadCheck() {
        assertThat(CacheStore.jsonObject(" {\"a\":1}\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(CacheStore.jsonObject("{}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(CacheStore.jsonObject("[1]".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(CacheStore.jsonObject("{\"a\":1".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(CacheStore.jsonObject("{".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(CacheStore.jsonObject(new byte[0])).isFalse();
    }

    @Test
    void theAnswersResultsAreReadInOrderWithUnknownFieldsSkipped() throws IOException {
        String body = "{\"future\":{\"x\":[1,{\"y\":2}]},\"results\":["
                + "{\"opId\":\"a\",\"outcome\":\"APPLIED\",\"extra\":[1,2],\"cardStatusVersion\":3},"
                + "{\"opId\":\"b\",\"outcome\":\"DUPLICATE\",\"originalOutcome\":\"APPLIED_WITH_CONFLICT\",\"reason\":\"CARD_SUSPENDED\","
                + "\"caseId\":\"K-1\",\"cardStatusVersion\":null},"
                + "{\"opId\":\"c\",\"outcome\":\"REJECTED\",\"reason\":\"UNKNOWN_CARD\"}],\"ackedSeq\":12}";
        List<OperationOutcome> results = CentralClient.outcomes(new CentralClient.Answer(200, body, 0));
        assertThat(results).containsExactly(
                new OperationOutcome("a", "APPLIED", null, null, 3L, null),
                new OperationOutcome("b", "DUPLICATE", "APPLIED_WITH_CONFLICT", "CARD_SUSPENDED", null, "K-1"),
                new OperationOutcome("c", "REJECTED", null, "UNKNOWN_CARD", null, null));
        assertThat(results.get(1).effective()).isEqualTo("APPLIED_WITH_CONFLICT");
    }

    @Test
    void anAnswerWithoutResultsIsUnreadable() {
        assertThatThrownBy(() -> CentralClient.outcomes(new CentralClient.Answer(200, "{\"ackedSeq\":3}", 0)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> CentralClient.outcomes(new CentralClient.Answer(200, "[]", 0))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> CentralClient.outcomes(new CentralClient.Answer(200, "{\"results\":[{\"opId\":", 0)))
                .isInstanceOf(IOException.class);
    }
}
