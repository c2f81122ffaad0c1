-- Facteur's mailbox store (James's mailbox SPI on plain SQL). UIDs, mod-seqs and the counters that STATUS,
-- SELECT and quotas read live in the mailbox row and change in the same transaction as the messages.
CREATE TABLE mailbox (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    namespace      TEXT    NOT NULL,
    user_name      TEXT    NOT NULL,            -- '' for a mailbox without an owner
    name           TEXT    NOT NULL,
    uid_validity   BIGINT  NOT NULL,
    last_uid       BIGINT  NOT NULL DEFAULT 0,
    highest_modseq BIGINT  NOT NULL DEFAULT 0,
    messages       BIGINT  NOT NULL DEFAULT 0,
    unseen         BIGINT  NOT NULL DEFAULT 0,
    recent         BIGINT  NOT NULL DEFAULT 0,
    deleted        BIGINT  NOT NULL DEFAULT 0,
    size           BIGINT  NOT NULL DEFAULT 0,
    acl            TEXT,                         -- JSON object {entry key: rights}, NULL when empty
    CONSTRAINT mailbox_path UNIQUE (namespace, user_name, name)
);

-- One row per message content, shared by every mailbox that holds a copy (James's MessageId).
CREATE TABLE message (
    id              TEXT    PRIMARY KEY,
    blob_id         TEXT    NOT NULL,            -- SHA-256 of the whole message in the blob store
    refs            INTEGER NOT NULL,            -- mailbox_message rows that point here
    size            BIGINT  NOT NULL,
    body_start      INTEGER NOT NULL,
    internal_date   BIGINT  NOT NULL,
    thread_id       TEXT,
    text_line_count BIGINT,
    properties      TEXT                         -- JSON [[namespace, name, value], ...]: MIME type, subtype, parameters
);
CREATE INDEX message_blob ON message (blob_id);

CREATE TABLE mailbox_message (
    mailbox_id  BIGINT  NOT NULL REFERENCES mailbox (id),
    uid         BIGINT  NOT NULL,
    message_id  TEXT    NOT NULL REFERENCES message (id),
    modseq      BIGINT  NOT NULL,
    save_date   BIGINT,
    is_answered BOOLEAN NOT NULL,
    is_deleted  BOOLEAN NOT NULL,
    is_draft    BOOLEAN NOT NULL,
    is_flagged  BOOLEAN NOT NULL,
    is_recent   BOOLEAN NOT NULL,
    is_seen     BOOLEAN NOT NULL,
    user_flags  TEXT,                            -- keywords separated by spaces, NULL when none
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX mailbox_message_seen ON mailbox_message (mailbox_id, is_seen, uid);
CREATE INDEX mailbox_message_recent ON mailbox_message (mailbox_id, is_recent, uid);
CREATE INDEX mailbox_message_deleted ON mailbox_message (mailbox_id, is_deleted, uid);
CREATE INDEX mailbox_message_message ON mailbox_message (message_id);

-- Keywords ever used in a mailbox (IMAP FLAGS answer; grows only, like Dovecot's keyword list).
CREATE TABLE mailbox_user_flag (
    mailbox_id BIGINT NOT NULL REFERENCES mailbox (id),
    flag       TEXT   NOT NULL,
    PRIMARY KEY (mailbox_id, flag)
);

CREATE TABLE subscription (
    user_name TEXT NOT NULL,
    mailbox   TEXT NOT NULL,
    PRIMARY KEY (user_name, mailbox)
);

-- IMAP METADATA (RFC 5464); away messages live here. No foreign key: James deletes them by event.
CREATE TABLE annotation (
    mailbox_id BIGINT NOT NULL,
    key        TEXT   NOT NULL,                  -- lower case
    value      TEXT   NOT NULL,
    PRIMARY KEY (mailbox_id, key)
);

-- Blobs whose last message went away; the collector deletes them after a grace period if still unused.
CREATE TABLE blob_orphan (
    blob_id TEXT   PRIMARY KEY,
    since   BIGINT NOT NULL
);

-- Quota limits: scope 'global' (target ''), 'domain' or 'user'; resource 'count' or 'size'; NULL = unlimited.
CREATE TABLE quota_limit (
    scope    TEXT NOT NULL,
    target   TEXT NOT NULL,
    resource TEXT NOT NULL,
    value    BIGINT,
    PRIMARY KEY (scope, target, resource)
);
