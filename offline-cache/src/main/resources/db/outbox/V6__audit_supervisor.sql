-- The supervisor who approved an act (counter-rules PR-03) is part of what the audit chain vouches for:
-- until now it was only in the act and outbox rows and inside the sealed payload. NULL for acts nobody
-- approved and for every row written before this version; the row hash covers the column only when it
-- holds a value (AuditChain), so those rows verify as they did.
ALTER TABLE audit_log ADD COLUMN supervisor_id TEXT;
