-- A copy of each message's header section, so that ENVELOPE and header-only FETCHes need not open the blob (on
-- PostgreSQL the blob table gave the whole message, attachments included). In a table of its own so that the
-- message rows stay small for the reads that do not want it (flags, search facts, expunge). No row for messages
-- stored before this version, nor for headers over 64 KiB: those are read from the blob, as before.
CREATE TABLE message_header (
    message_id TEXT  NOT NULL PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    header     BLOB NOT NULL
);
