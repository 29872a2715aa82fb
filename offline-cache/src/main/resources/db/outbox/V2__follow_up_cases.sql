-- Staff-visible cases (要対応): central conflicts and rejections, and local halts a supervisor resolves.
ALTER TABLE outbox ADD COLUMN case_id TEXT;

CREATE TABLE follow_up_case (
    case_id      TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL,
    seq          INTEGER,
    op_id        TEXT,
    type         TEXT,
    card_serial  TEXT,
    reason       TEXT,
    status       TEXT    NOT NULL,
    opened_at    INTEGER NOT NULL,
    closed_at    INTEGER
);
CREATE INDEX follow_up_case_status ON follow_up_case(status, opened_at);
