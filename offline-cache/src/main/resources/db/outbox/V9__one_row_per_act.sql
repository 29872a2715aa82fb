-- An act is ONE row (docs/decisions/0008): counter_act folds into outbox. The two were strictly 1:1, written
-- in the same transaction, and carried the same sealed bytes twice (details = payload). The outbox row
-- (rowid = seq) now also carries the act's own columns (card_serial, purged_at) and its link of the audit
-- chain (audit_id, content_hash, prev_hash, row_hash, supervisor_in_chain, as V8 put them on counter_act).
-- AUDIT_HEAD entries stay outbox rows without a link. There is no index on op_id: every look-up of an act
-- goes by seq. The hash rules do not change (AuditChain), so the chain verifies with the same head.
ALTER TABLE outbox ADD COLUMN card_serial TEXT;
ALTER TABLE outbox ADD COLUMN purged_at INTEGER;
ALTER TABLE outbox ADD COLUMN audit_id INTEGER;
ALTER TABLE outbox ADD COLUMN content_hash BLOB;
ALTER TABLE outbox ADD COLUMN prev_hash BLOB;
ALTER TABLE outbox ADD COLUMN row_hash BLOB;
ALTER TABLE outbox ADD COLUMN supervisor_in_chain INTEGER;

-- The program always wrote an act and its entry from the same values. An act whose row does not match its
-- entry in every shared column (op_id, seq, type, clerk, supervisor, time, sealed bytes), or has no entry,
-- exists only in a store someone edited: it is not folded in but kept whole in act_outside_outbox, which
-- verifyAudit() reports from (its entry, if any, then has no link and is reported too). Normally empty.
CREATE TABLE act_outside_outbox (
    op_id               TEXT    NOT NULL,
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
);
INSERT INTO act_outside_outbox
    SELECT c.op_id, c.seq, c.type, c.card_serial, c.clerk_id, c.supervisor_id, c.occurred_at, c.details, c.purged_at,
        c.audit_id, c.content_hash, c.prev_hash, c.row_hash, c.supervisor_in_chain
    FROM counter_act c
    WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.seq = c.seq AND o.op_id = c.op_id AND o.type = c.type
        AND o.clerk_id IS c.clerk_id AND o.supervisor_id IS c.supervisor_id AND o.occurred_at = c.occurred_at
        AND o.payload IS c.details);

UPDATE outbox SET card_serial = c.card_serial, purged_at = c.purged_at, audit_id = c.audit_id, content_hash = c.content_hash,
        prev_hash = c.prev_hash, row_hash = c.row_hash, supervisor_in_chain = c.supervisor_in_chain
    FROM counter_act c
    WHERE c.op_id = outbox.op_id AND c.seq = outbox.seq AND c.type = outbox.type AND c.clerk_id IS outbox.clerk_id
        AND c.supervisor_id IS outbox.supervisor_id AND c.occurred_at = outbox.occurred_at AND c.details IS outbox.payload;

DROP VIEW audit_log;
DROP TABLE counter_act;

-- The act and the chain as they looked before, for inspection with the sqlite3 CLI (read-only views). An act kept
-- aside above shows in counter_act too, so nothing that was in the table disappears from it.
CREATE VIEW counter_act (op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, details, purged_at,
        audit_id, content_hash, prev_hash, row_hash, supervisor_in_chain) AS
    SELECT op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, payload, purged_at,
        audit_id, content_hash, prev_hash, row_hash, supervisor_in_chain
    FROM outbox WHERE type <> 'AUDIT_HEAD'
    UNION ALL
    SELECT op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, details, purged_at,
        audit_id, content_hash, prev_hash, row_hash, supervisor_in_chain
    FROM act_outside_outbox;
CREATE VIEW audit_log (id, op_id, seq, type, clerk_id, occurred_at, content_hash, prev_hash, row_hash, supervisor_id) AS
    SELECT audit_id, op_id, seq, type, clerk_id, occurred_at, lower(hex(content_hash)), lower(hex(prev_hash)), lower(hex(row_hash)),
        CASE WHEN supervisor_in_chain = 1 THEN supervisor_id END
    FROM counter_act WHERE audit_id IS NOT NULL;
