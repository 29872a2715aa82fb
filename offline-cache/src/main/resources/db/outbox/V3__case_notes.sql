-- Staff annotate a case while they work on it, and whoever closes it is kept. The note is sealed like
-- the act payloads (staff may write a name into it).
ALTER TABLE follow_up_case ADD COLUMN note BLOB;
ALTER TABLE follow_up_case ADD COLUMN noted_by TEXT;
ALTER TABLE follow_up_case ADD COLUMN closed_by TEXT;
