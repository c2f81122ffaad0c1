-- A copy of each message's header section, so that ENVELOPE and header FETCHes do not open the blob (on
-- PostgreSQL that read the whole message from the blob table). NULL for messages stored before this version and
-- for headers over 64 KiB: those are read from the blob, as before.
ALTER TABLE message ADD COLUMN header BYTEA;
