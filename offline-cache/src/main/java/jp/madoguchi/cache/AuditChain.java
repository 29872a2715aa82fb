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
        String canonical = String.join("\n", Long.toString(id), prevHash, opId, Long.toString(seq), type, clerkId,
                Long.toString(occurredAt), contentHash);
        // The content hash before it is fixed-length hex, so the appended field cannot be confused with it.
        if (supervisorId != null) {
            canonical = canonical + "\nsupervisor:" + supervisorId;
        }
        return sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
