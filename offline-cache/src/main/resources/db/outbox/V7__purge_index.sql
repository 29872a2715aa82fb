-- The hourly purge of personal data (CacheStore.purgePersonalData) looks for acknowledged entries that
-- still hold their sealed payload and were acknowledged before the retention cut-off. Without an index
-- that was a scan of the whole outbox, every hour, on the writer thread. This partial index holds only
-- such entries: a new entry (PENDING) never touches it; settling an entry as ACKED adds one key (the
-- batch's acked_at, so at the right edge), and the purge, clearing the payload, removes it.
CREATE INDEX outbox_acked_unpurged ON outbox(acked_at) WHERE state = 'ACKED' AND payload IS NOT NULL;
