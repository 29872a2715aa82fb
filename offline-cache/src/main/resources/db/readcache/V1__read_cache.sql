-- The read cache: what central's office feed said, re-fetchable, so kept with weaker durability.
CREATE TABLE cached_card (
    card_serial    TEXT    NOT NULL PRIMARY KEY,
    status         TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    application_id TEXT,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE feed_event (
    event_id    INTEGER NOT NULL PRIMARY KEY,
    type        TEXT    NOT NULL,
    card_serial TEXT,
    body        BLOB    NOT NULL,
    received_at INTEGER NOT NULL
);

CREATE TABLE feed_checkpoint (
    office_code  TEXT    NOT NULL PRIMARY KEY,
    checkpoint   TEXT,
    refreshed_at INTEGER NOT NULL
);
