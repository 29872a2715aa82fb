package jp.madoguchi.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash rules of the audit chain. Row n's hash covers its own fields and row n-1's hash, so
 * editing, inserting or deleting any row changes every hash after it; the genesis row links to 64 zeros.
 * The approving supervisor (schema V6) is one of those fields when the act has one; a row without one
 * hashes exactly as rows did before V6, so a chain written by an older version still verifies, and
 * adding, removing or changing the supervisor of any row breaks it. Pure functions, thread-safe.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String rowHash(long id, String prevHash, String opId, long seq, String type, String clerkId,
            String supervisorId, long occurredAt, String contentHash) {
        return HexFormat.of().formatHex(rowDigest(id, prevHash, opId, seq, type, clerkId, supervisorId, occurredAt, contentHash));
    }

    /** {@link #rowHash} as the 32 bytes the store keeps (schema V8), without a round trip through hex. */
    static byte[] rowDigest(long id, String prevHash, String opId, long seq, String type, String clerkId,
            String supervisorId, long occurredAt, String contentHash) {
        StringBuilder canonical = new StringBuilder(320).append(id).append('\n').append(prevHash).append('\n').append(opId)
                .append('\n').append(seq).append('\n').append(type).append('\n').append(clerkId).append('\n').append(occurredAt)
                .append('\n').append(contentHash);
        // The content hash before it is fixed-length hex, so the appended field cannot be confused with it.
        if (supervisorId != null) {
            canonical.append("\nsupervisor:").append(supervisorId);
        }
        return digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    /**
     * SHA-256 of {@code data}. One digest per thread, reused ({@code digest} resets it): the recording path runs in
     * the JIT's profiled first tier for thousands of acts, where looking the algorithm up cost about 1.3 µs a hash.
     */
    static byte[] digest(byte[] data) {
        return SHA256.get().digest(data);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    });
}
