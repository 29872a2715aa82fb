package jp.madoguchi.cache;

import java.util.Map;
import java.util.Objects;

/**
 * What a workflow asks the store to record: one completed counter act (counter-rules §2.0 "Recording").
 *
 * @param type            the operation type sent to central
 * @param clerkId         staff id of the clerk
 * @param supervisorId    the approving supervisor, or null
 * @param cardSerial      the card concerned (15 digits), or null; kept in clear for the 要対応 list
 * @param basedOnVersion  the card status version the counter relied on (from the read cache), or null
 * @param payload         the type's payload fields (sync-protocol.md "Types"); sealed at rest
 */
public record CounterAct(OperationType type, String clerkId, String supervisorId, String cardSerial,
        Long basedOnVersion, Map<String, ?> payload) {

    public CounterAct {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(payload, "payload");
        if (type == OperationType.AUDIT_HEAD) {
            throw new IllegalArgumentException("AUDIT_HEAD is written by the sync engine, not recorded as an act");
        }
    }
}
