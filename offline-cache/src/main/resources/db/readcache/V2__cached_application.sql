-- Central's latest word on each application of this office (counter-rules §4.1: APPLICATION_RECEIVED,
-- APPLICATION_DEFECT, APPLICATION_STATUS_CHANGED), so the counter can list applications returned for a
-- defect without the network. The events themselves stay in feed_event.
CREATE TABLE cached_application (
    application_id TEXT    NOT NULL PRIMARY KEY,
    status         TEXT    NOT NULL,
    reason         TEXT,
    version        INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX cached_application_status ON cached_application(status, application_id);
