-- Each message's IMAP ENVELOPE, built when the message is stored (StoredEnvelopes), so that FETCH ENVELOPE need not
-- parse the header section and its addresses again. NULL for messages stored before this version: FETCH builds
-- theirs from the header section, as before.
ALTER TABLE message_header ADD COLUMN envelope BYTEA;
