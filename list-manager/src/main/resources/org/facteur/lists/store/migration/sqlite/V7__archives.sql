-- Archives (issue 11 item 5). Who may read a list's archive: OFF (nothing is kept), MEMBERS or PUBLIC.
ALTER TABLE fl_list ADD COLUMN archive VARCHAR(30) NOT NULL DEFAULT 'MEMBERS';

-- Every post distributed on a list whose archive is not OFF, once, as members got it (subject tag, footer, list
-- headers; not the personal headers of one member's copy). The headers the web pages list and thread by are copied
-- out of the message so that a month's page needs no MIME parsing; the full-text index lives outside the database.
CREATE TABLE IF NOT EXISTS fl_archive (
    id VARCHAR(64) PRIMARY KEY,
    list VARCHAR(320) NOT NULL,
    archived_at BIGINT NOT NULL,
    message_id VARCHAR(998) NOT NULL,
    in_reply_to VARCHAR(998) NOT NULL,
    refs TEXT NOT NULL,
    from_address VARCHAR(998) NOT NULL,
    subject TEXT NOT NULL,
    sent_at BIGINT,
    size INTEGER NOT NULL,
    message BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS fl_archive_list ON fl_archive (list, archived_at);
