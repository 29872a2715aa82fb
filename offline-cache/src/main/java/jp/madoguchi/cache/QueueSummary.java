package jp.madoguchi.cache;

import java.time.Instant;

/**
 * The queue at a glance.
 *
 * @param depth         entries not yet settled (PENDING or IN_FLIGHT)
 * @param oldestPending when the oldest unsettled entry was recorded, or null when the queue is empty
 * @param lastSeq       the highest seq recorded (0 when none)
 * @param conflicts     entries in CONFLICT
 * @param rejected      entries in REJECTED
 * @param openCases     follow-up cases still OPEN
 */
public record QueueSummary(long depth, Instant oldestPending, long lastSeq, long conflicts, long rejected,
        long openCases) {
}
