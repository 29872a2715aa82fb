package jp.madoguchi.cache;

import jp.madoguchi.common.FailureCode;

/**
 * The offline cache's own failure area ({@code MDG-CACHE-NNN}, architecture.md §3). Conditions that
 * counter-rules.md names (central unreachable, cache too old) use {@link jp.madoguchi.common.CounterFailure}.
 * Every one of these leaves the queue as it was: a failed write is rolled back whole.
 */
public enum CacheFailure implements FailureCode {
    /** The data directory or database file cannot be written (read-only mount, permissions). */
    DATA_DIR_READ_ONLY("MDG-CACHE-001"),
    /** The disk holding the data directory is full; the act was not recorded. */
    DISK_FULL("MDG-CACHE-002"),
    /** Another process holds the database lock longer than the busy timeout. */
    DATABASE_LOCKED("MDG-CACHE-003"),
    /** A stored row failed its integrity check (authentication tag, decoding); it is kept, not sent. */
    CORRUPTED_ROW("MDG-CACHE-004"),
    /** The database was written by a newer Madoguchi (its schema is ahead of this program). */
    SCHEMA_TOO_NEW("MDG-CACHE-005"),
    /** Upgrading the database schema failed; the database was left at its previous version. */
    MIGRATION_FAILED("MDG-CACHE-006"),
    /** The system clock is earlier than the last recorded act by more than the tolerance. */
    CLOCK_BACKWARDS("MDG-CACHE-007"),
    /** The encryption key cannot be opened (wrong enrolment secret, missing or damaged key file). */
    KEY_UNAVAILABLE("MDG-CACHE-008"),
    /** The audit chain does not verify: a row was edited, inserted or deleted. */
    AUDIT_CHAIN_BROKEN("MDG-CACHE-009"),
    /** Central refused the queue in a way only a supervisor can resolve; sending is halted. */
    SYNC_HALTED("MDG-CACHE-010"),
    /** The workstation's enrolment (client certificate or central CA) cannot be read. */
    ENROLMENT_UNREADABLE("MDG-CACHE-011"),
    /** Any other storage I/O failure; the act was not recorded. */
    STORAGE_FAILURE("MDG-CACHE-012"),
    /** A case id that is not in this workstation's case list (annotating a case that does not exist). */
    UNKNOWN_CASE("MDG-CACHE-013"),
    /**
     * Central refused for good a note or close that staff made on one of its cases (e.g. 404 UNKNOWN_CASE):
     * the text is kept in a local case of kind {@code CASE_ACTION_REFUSED} for a supervisor to follow up.
     */
    CASE_ACTION_REFUSED("MDG-CACHE-014");

    private final String code;

    CacheFailure(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String bundleBaseName() {
        return "jp.madoguchi.cache.CacheFailures";
    }
}
