-- The audit chain moves onto the act row (docs/decisions/0007). audit_log repeated six columns of
-- counter_act (op_id, seq, type, clerk_id, supervisor_id, occurred_at) and added only its id and three
-- hashes; act and audit row were strictly 1:1 and written in the same transaction. An act now writes two
-- B-trees (counter_act, outbox) instead of three. The hash rules do not change (AuditChain), so every
-- chain written before verifies as it did, with the same head.
--
-- The chain columns: audit_id (the row's place in the chain, audit_log.id), content_hash, prev_hash and
-- row_hash (the SHA-256 values as 32-byte BLOBs; the hash rules still hash their hex text, which the view
-- shows), and supervisor_in_chain: 1 when the row hash covers supervisor_id (every act written since V6,
-- approved or not), 0 for an act that had a supervisor while its audit row, written before V6, did not.
-- They are NULL only for an act that had no audit row at all (possible only if someone deleted it): the act
-- is kept, and verifyAudit() reports it.
CREATE TABLE counter_act_v8 (
    op_id               TEXT    NOT NULL PRIMARY KEY,
    seq                 INTEGER NOT NULL,
    type                TEXT    NOT NULL,
    card_serial         TEXT,
    clerk_id            TEXT    NOT NULL,
    supervisor_id       TEXT,
    occurred_at         INTEGER NOT NULL,
    details             BLOB,
    purged_at           INTEGER,
    audit_id            INTEGER,
    content_hash        BLOB,
    prev_hash           BLOB,
    row_hash            BLOB,
    supervisor_in_chain INTEGER
) WITHOUT ROWID;
INSERT INTO counter_act_v8 (op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, details, purged_at,
        audit_id, content_hash, prev_hash, row_hash, supervisor_in_chain)
    SELECT c.op_id, c.seq, c.type, c.card_serial, c.clerk_id, c.supervisor_id, c.occurred_at, c.details, c.purged_at,
        a.id, unhex(a.content_hash), unhex(a.prev_hash), unhex(a.row_hash),
        CASE WHEN a.id IS NULL THEN NULL WHEN a.supervisor_id IS NULL AND c.supervisor_id IS NOT NULL THEN 0 ELSE 1 END
    FROM counter_act c LEFT JOIN audit_log a ON a.op_id = c.op_id;
DROP TABLE counter_act;
ALTER TABLE counter_act_v8 RENAME TO counter_act;
DROP TABLE audit_log;

-- The chain as it looked before V8, for inspection with the sqlite3 CLI (read-only: a view).
CREATE VIEW audit_log (id, op_id, seq, type, clerk_id, occurred_at, content_hash, prev_hash, row_hash, supervisor_id) AS
    SELECT audit_id, op_id, seq, type, clerk_id, occurred_at, lower(hex(content_hash)), lower(hex(prev_hash)), lower(hex(row_hash)),
        CASE WHEN supervisor_in_chain = 1 THEN supervisor_id END
    FROM counter_act WHERE audit_id IS NOT NULL;
