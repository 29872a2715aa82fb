-- What staff did to central's cases (sync-protocol item 14) waiting to reach central: a note or a close,
-- recorded in the same transaction as the local change and sent by the sync engine until central
-- answers. Rows are kept after sending (sent_at, result) as the record of what central was told.
-- The text (note or resolution) is sealed like the act payloads: staff may write a name into it.
CREATE TABLE case_action (
    id         INTEGER NOT NULL PRIMARY KEY,
    case_id    TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    staff_id   TEXT    NOT NULL,
    body       BLOB,
    created_at INTEGER NOT NULL,
    sent_at    INTEGER,
    result     TEXT
);
