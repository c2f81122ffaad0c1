-- Each message's IMAP ENVELOPE, built when the message is stored (StoredEnvelopes), so that FETCH ENVELOPE need not
-- parse the header section and its addresses again. NULL for messages stored before this version: FETCH builds
-- theirs from the header section, as before.
ALTER TABLE message_header ADD COLUMN envelope BLOB;
-- The rows still without one, for the pass that keeps the older messages' envelopes after start (EnvelopeBackfill):
-- once it is done, each start finds the few left (envelopes that cannot be kept) without reading the header copies.
CREATE INDEX message_header_without_envelope ON message_header (message_id) WHERE envelope IS NULL;
