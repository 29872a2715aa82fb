-- The durable store: counter acts, their outbox entries and the audit chain. Instants are epoch millis.
CREATE TABLE counter_act (
    op_id        TEXT    NOT NULL PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    card_serial  TEXT,
    clerk_id     TEXT    NOT NULL,
    supervisor_id TEXT,
    occurred_at  INTEGER NOT NULL,
    details      BLOB,
    purged_at    INTEGER
);

CREATE TABLE outbox (
    seq          INTEGER NOT NULL PRIMARY KEY,
    op_id        TEXT    NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    occurred_at  INTEGER NOT NULL,
    clerk_id     TEXT,
    supervisor_id TEXT,
    based_on_version INTEGER,
    payload      BLOB,
    state        TEXT    NOT NULL,
    outcome      TEXT,
    reason       TEXT,
    card_status_version INTEGER,
    enqueued_at  INTEGER NOT NULL,
    acked_at     INTEGER
);
CREATE INDEX outbox_state ON outbox(state, seq);

CREATE TABLE audit_log (
    id           INTEGER NOT NULL PRIMARY KEY,
    op_id        TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    type         TEXT    NOT NULL,
    clerk_id     TEXT    NOT NULL,
    occurred_at  INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,
    prev_hash    TEXT    NOT NULL,
    row_hash     TEXT    NOT NULL
);

CREATE TABLE store_meta (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
