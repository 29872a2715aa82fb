-- Recording an act wrote 7 B-trees (counter_act: table, op_id key, seq unique; outbox: table, op_id
-- unique, (state, seq) index; audit_log: table), one WAL page each per commit, and WAL checkpoints in
-- proportion. Now it writes 3:
--  * counter_act is keyed by op_id alone (WITHOUT ROWID: the table is the op_id B-tree). Its seq needs
--    no index of its own: every act is written with its outbox entry in one transaction, and the
--    outbox's primary key is that seq.
--  * outbox loses its op_id index (answers are matched by seq within the batch that was sent) and its
--    (state, seq) index (the unsettled entries are found from a low-water mark by seq). Two partial
--    indexes serve the counts of CONFLICT and REJECTED entries; no new entry (PENDING) touches them.
CREATE TABLE counter_act_v5 (
    op_id         TEXT    NOT NULL PRIMARY KEY,
    seq           INTEGER NOT NULL,
    type          TEXT    NOT NULL,
    card_serial   TEXT,
    clerk_id      TEXT    NOT NULL,
    supervisor_id TEXT,
    occurred_at   INTEGER NOT NULL,
    details       BLOB,
    purged_at     INTEGER
) WITHOUT ROWID;
INSERT INTO counter_act_v5 (op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, details, purged_at)
    SELECT op_id, seq, type, card_serial, clerk_id, supervisor_id, occurred_at, details, purged_at FROM counter_act;
DROP TABLE counter_act;
ALTER TABLE counter_act_v5 RENAME TO counter_act;

CREATE TABLE outbox_v5 (
    seq                 INTEGER NOT NULL PRIMARY KEY,
    op_id               TEXT    NOT NULL,
    type                TEXT    NOT NULL,
    occurred_at         INTEGER NOT NULL,
    clerk_id            TEXT,
    supervisor_id       TEXT,
    based_on_version    INTEGER,
    payload             BLOB,
    state               TEXT    NOT NULL,
    outcome             TEXT,
    reason              TEXT,
    card_status_version INTEGER,
    enqueued_at         INTEGER NOT NULL,
    acked_at            INTEGER,
    case_id             TEXT
);
INSERT INTO outbox_v5 (seq, op_id, type, occurred_at, clerk_id, supervisor_id, based_on_version, payload, state, outcome,
        reason, card_status_version, enqueued_at, acked_at, case_id)
    SELECT seq, op_id, type, occurred_at, clerk_id, supervisor_id, based_on_version, payload, state, outcome,
        reason, card_status_version, enqueued_at, acked_at, case_id FROM outbox;
DROP INDEX outbox_state;
DROP TABLE outbox;
ALTER TABLE outbox_v5 RENAME TO outbox;
CREATE INDEX outbox_conflict ON outbox(seq) WHERE state = 'CONFLICT';
CREATE INDEX outbox_rejected ON outbox(seq) WHERE state = 'REJECTED';
